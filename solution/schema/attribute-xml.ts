import { SCHEMA_LANGUAGES, type LocalizedText, type ResolvedColumn, type ResolvedSchema } from './types';

/**
 * `<attribute>` fragments for customizations.xml (solution-format.md §3.3), for the solution packer.
 * Children in the order Dataverse exports them; every label in the four schema languages.
 */

export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function labels(container: string, item: string, text: LocalizedText, indent: string): string {
  const rows = SCHEMA_LANGUAGES.map(
    (lang) => `${indent}  <${item} description="${escapeXml(text[lang])}" languagecode="${lang}" />`,
  );
  return `${indent}<${container}>\n${rows.join('\n')}\n${indent}</${container}>`;
}

function el(name: string, value: string | number, indent: string): string {
  return `${indent}<${name}>${typeof value === 'string' ? escapeXml(value) : value}</${name}>`;
}

function optionSet(c: ResolvedColumn, version: string, indent: string): string {
  const i2 = `${indent}  `;
  const options = (c.options ?? []).map((o) => {
    const hidden = c.type === 'Boolean' ? '' : ' IsHidden="0"';
    return `${i2}  <option value="${o.value}" ExternalValue=""${hidden}>\n${labels('labels', 'label', o.label, `${i2}    `)}\n${i2}  </option>`;
  });
  return [
    `${indent}<optionset Name="${escapeXml(c.optionSetName ?? c.logicalName)}">`,
    el('OptionSetType', c.type === 'Boolean' ? 'bit' : 'picklist', i2),
    el('IntroducedVersion', version, i2),
    el('IsCustomizable', 1, i2),
    `${i2}<ExternalTypeName></ExternalTypeName>`,
    labels('displaynames', 'displayname', c.displayName, i2),
    labels('Descriptions', 'Description', c.description, i2),
    `${i2}<options>`,
    ...options,
    `${i2}</options>`,
    `${indent}</optionset>`,
  ].join('\n');
}

function typeSpecific(c: ResolvedColumn, version: string, indent: string): string[] {
  switch (c.type) {
    case 'Boolean':
      return [el('AppDefaultValue', c.defaultValue === true ? 1 : 0, indent), optionSet(c, version, indent)];
    case 'String':
      return [
        el('Format', c.format ?? 'text', indent),
        el('MaxLength', c.maxLength ?? 100, indent),
        el('Length', 2 * (c.maxLength ?? 100), indent),
      ];
    case 'Memo':
      return [el('Format', c.format ?? 'text', indent), el('MaxLength', c.maxLength ?? 2000, indent)];
    case 'Picklist':
      return [
        el('AppDefaultValue', typeof c.defaultValue === 'number' ? c.defaultValue : -1, indent),
        optionSet(c, version, indent),
      ];
    case 'MultiSelectPicklist':
      return [optionSet(c, version, indent)];
    case 'DateTime':
      return [
        el('Format', c.format ?? 'datetime', indent),
        el('CanChangeDateTimeBehavior', 1, indent),
        el('Behavior', 1, indent),
      ];
  }
}

/** One `<attribute>` element. `version` is the solution version the column was introduced in. */
export function renderAttributeXml(c: ResolvedColumn, version: string, indent = ''): string {
  const i = `${indent}  `;
  const displayMask =
    c.type === 'MultiSelectPicklist' ? 'ValidForForm|ValidForGrid' : 'ValidForAdvancedFind|ValidForForm|ValidForGrid';
  const flags: [string, string | number][] = [
    ['Type', c.xmlType],
    ['Name', c.logicalName],
    ['LogicalName', c.logicalName],
    ['RequiredLevel', c.requiredLevel],
    ['DisplayMask', displayMask],
    ['ImeMode', 'auto'],
    ['ValidForUpdateApi', 1],
    ['ValidForReadApi', 1],
    ['ValidForCreateApi', 1],
    ['IsCustomField', 1],
    ['IsAuditEnabled', c.isAuditEnabled ? 1 : 0],
    ['IsSecured', 0],
    ['IntroducedVersion', version],
    ['IsCustomizable', 1],
    ['IsRenameable', 1],
    ['CanModifySearchSettings', 1],
    ['CanModifyRequirementLevelSettings', 1],
    ['CanModifyAdditionalSettings', 1],
    ['SourceType', 0],
    ['IsGlobalFilterEnabled', 0],
    ['IsSortableEnabled', 0],
    ['CanModifyGlobalFilterSettings', 1],
    ['CanModifyIsSortableSettings', 1],
    ['IsDataSourceSecret', 0],
  ];
  const tail: [string, number][] = [
    ['IsSearchable', 0],
    ['IsFilterable', 0],
    ['IsRetrievable', 0],
    ['IsLocalizable', 0],
  ];
  return [
    `${indent}<attribute PhysicalName="${escapeXml(c.schemaName)}">`,
    ...flags.map(([n, v]) => el(n, v, i)),
    `${i}<AutoNumberFormat></AutoNumberFormat>`,
    ...tail.map(([n, v]) => el(n, v, i)),
    ...typeSpecific(c, version, i),
    labels('displaynames', 'displayname', c.displayName, i),
    labels('Descriptions', 'Description', c.description, i),
    `${indent}</attribute>`,
  ].join('\n');
}

/** The `<attributes>` the solution adds to opportunity, as one fragment. */
export function renderOpportunityAttributesXml(schema: ResolvedSchema, version: string, indent = ''): string {
  return [
    `${indent}<attributes>`,
    ...schema.opportunity.columns.map((c) => renderAttributeXml(c, version, `${indent}  `)),
    `${indent}</attributes>`,
  ].join('\n');
}
