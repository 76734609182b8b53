import type { ColumnInput } from './model';
import { descriptions, displayNames, labelsEl } from './labels-xml';
import { el, textEl, type XmlElement } from './xml';

/**
 * `<attribute>` per column type, children in the order real exports use (solution-format.md §3.3).
 * datetime and lookup are not in the reference's samples; their tails follow the same pattern and
 * are recorded as inferences in docs/DECISIONS.md.
 */
export const INTRODUCED_VERSION = '1.0.0.0';

const XML_TYPE: Record<ColumnInput['type'], string> = {
  boolean: 'bit',
  string: 'nvarchar',
  url: 'nvarchar',
  memo: 'ntext',
  datetime: 'datetime',
  picklist: 'picklist',
  multiselect: 'multiselectpicklist',
  lookup: 'lookup',
};

export function attributeXmlType(type: ColumnInput['type']): string {
  return XML_TYPE[type];
}

/** Classic form control classid per column type (§3.5 table). */
export const CLASSIC_CLASSID: Record<ColumnInput['type'], string> = {
  boolean: '{67FAC785-CD58-4F9F-ABB3-4B7DDC6ED5ED}',
  string: '{4273EDBD-AC1D-40d3-9FB2-095C621B552D}',
  url: '{71716B6C-711E-476C-8AB8-5D11542BFB47}',
  memo: '{E0DECE4B-6FC8-4a8f-A065-082708572369}',
  datetime: '{5B773807-9FB2-42DB-97C3-7A91EFF8ADFF}',
  picklist: '{3EF39988-22BB-4F0B-BBBE-64B5A3748AEE}',
  multiselect: '{4AA28AB7-9C13-4F57-A73D-AD894D048B5F}',
  lookup: '{270BD3DB-D9AF-4782-9025-509E298DEC0A}',
};
/** classid of a cell whose default control is replaced by a PCF control (§3.5/§3.6). */
export const CUSTOM_CONTROL_CLASSID = '{F9A8A302-114E-466A-B582-6771B2AE0D92}';

const bit = (b: boolean | undefined) => (b ? '1' : '0');

export function attributeXml(column: ColumnInput, entityLogicalName: string, prefix: string): XmlElement {
  const logical = column.schemaName.toLowerCase();
  const displayMask =
    column.type === 'multiselect' ? 'ValidForForm|ValidForGrid' : 'ValidForAdvancedFind|ValidForForm|ValidForGrid';
  const common = [
    textEl('Type', XML_TYPE[column.type]),
    textEl('Name', logical),
    textEl('LogicalName', logical),
    textEl('RequiredLevel', column.requiredLevel ?? 'none'),
    textEl('DisplayMask', displayMask),
    textEl('ImeMode', 'auto'),
    textEl('ValidForUpdateApi', '1'),
    textEl('ValidForReadApi', '1'),
    textEl('ValidForCreateApi', '1'),
    textEl('IsCustomField', '1'),
    textEl('IsAuditEnabled', bit(column.isAuditEnabled ?? true)),
    textEl('IsSecured', '0'),
    textEl('IntroducedVersion', INTRODUCED_VERSION),
    textEl('IsCustomizable', '1'),
    textEl('IsRenameable', '1'),
    textEl('CanModifySearchSettings', '1'),
    textEl('CanModifyRequirementLevelSettings', '1'),
    textEl('CanModifyAdditionalSettings', '1'),
    textEl('SourceType', '0'),
    textEl('IsGlobalFilterEnabled', '0'),
    textEl('IsSortableEnabled', '0'),
    textEl('CanModifyGlobalFilterSettings', '1'),
    textEl('CanModifyIsSortableSettings', '1'),
    textEl('IsDataSourceSecret', '0'),
    textEl('AutoNumberFormat', ''),
    textEl('IsSearchable', '0'),
    textEl('IsFilterable', '0'),
    textEl('IsRetrievable', '0'),
    textEl('IsLocalizable', '0'),
  ];
  const optionSetName = `${prefix}_${entityLogicalName}_${logical}`;
  return el(
    'attribute',
    { PhysicalName: column.schemaName },
    common,
    typeTail(column, optionSetName),
    displayNames(column.displayName),
    descriptions(column.description),
  );
}

function typeTail(column: ColumnInput, optionSetName: string): XmlElement[] {
  switch (column.type) {
    case 'boolean':
      return [
        textEl('AppDefaultValue', column.defaultValue ? '1' : '0'),
        el(
          'optionset',
          { Name: optionSetName },
          textEl('OptionSetType', 'bit'),
          textEl('IntroducedVersion', INTRODUCED_VERSION),
          textEl('IsCustomizable', '1'),
          textEl('ExternalTypeName', ''),
          displayNames(column.displayName),
          descriptions(column.description),
          el(
            'options',
            {},
            el('option', { value: 1, ExternalValue: '' }, labelsEl(column.trueLabel)),
            el('option', { value: 0, ExternalValue: '' }, labelsEl(column.falseLabel)),
          ),
        ),
      ];
    case 'string':
    case 'url':
      return [
        textEl('Format', column.type === 'url' ? 'url' : 'text'),
        textEl('MaxLength', column.maxLength),
        textEl('Length', column.maxLength * 2),
      ];
    case 'memo':
      return [textEl('Format', column.format ?? 'text'), textEl('MaxLength', column.maxLength)];
    case 'datetime':
      return [
        textEl('Format', column.format),
        textEl('CanChangeDateTimeBehavior', '1'),
        textEl('Behavior', { userLocal: 1, dateOnly: 2, timeZoneIndependent: 3 }[column.behavior]),
      ];
    case 'picklist':
    case 'multiselect':
      return [
        column.type === 'picklist' ? textEl('AppDefaultValue', column.defaultValue ?? -1) : null,
        el(
          'optionset',
          { Name: optionSetName },
          textEl('OptionSetType', 'picklist'),
          textEl('IntroducedVersion', INTRODUCED_VERSION),
          textEl('IsCustomizable', '1'),
          textEl('ExternalTypeName', ''),
          displayNames(column.displayName),
          descriptions(column.description),
          el(
            'options',
            {},
            column.options.map((o) =>
              el('option', { value: o.value, ExternalValue: '', IsHidden: '0' }, labelsEl(o.label)),
            ),
          ),
        ),
      ].filter((x): x is XmlElement => x !== null);
    case 'lookup':
      return [textEl('LookupStyle', 'single'), el('LookupTypes')];
  }
}
