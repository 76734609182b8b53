import { stableStringify } from '../../scripts/lib/stable-json';
import type { SalesforceModel, SfCustomObject, SfField } from './model';

/**
 * Salesforce DX source format for the model: one `*.field-meta.xml` per custom field, the Microsoft
 * Solution object, the permission sets, `manifest/package.xml` and `sfdx-project.json`. Element order is
 * alphabetical, as Salesforce retrieves metadata, so the files diff cleanly against a retrieve.
 * Deterministic: same model, same bytes.
 */
export const SF_API_VERSION = '58.0';
const NS = 'http://soap.sforce.com/2006/04/metadata';
const SOURCE_ROOT = 'force-app/main/default';

export function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

type Node = [string, string | number | boolean | Node[]];

function render(nodes: Node[], indent: string): string {
  return nodes
    .map(([tag, v]) =>
      Array.isArray(v)
        ? `${indent}<${tag}>\n${render(v, indent + '    ')}\n${indent}</${tag}>`
        : `${indent}<${tag}>${escapeXml(String(v))}</${tag}>`,
    )
    .join('\n');
}

function document(root: string, nodes: Node[]): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<${root} xmlns="${NS}">\n${render(nodes, '    ')}\n</${root}>\n`;
}

const byTag = (a: Node, b: Node): number => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0);

export function fieldXml(f: SfField): string {
  const n: Node[] = [
    ['fullName', f.fullName],
    ['description', f.description],
    ['label', f.label],
    ['type', f.type],
  ];
  if (f.type !== 'Checkbox' && f.type !== 'Lookup') n.push(['required', f.required]);
  if (f.type !== 'Checkbox' && f.type !== 'LongTextArea' && f.type !== 'MultiselectPicklist')
    n.push(['trackTrending', false]);
  if (f.defaultValue !== undefined) n.push(['defaultValue', f.defaultValue]);
  if (f.length !== undefined) n.push(['length', f.length]);
  if (f.visibleLines !== undefined) n.push(['visibleLines', f.visibleLines]);
  if (f.type === 'Text') {
    n.push(['externalId', f.externalId === true], ['unique', f.unique === true]);
    if (f.unique) n.push(['caseSensitive', false]);
  }
  if (f.values) {
    n.push([
      'valueSet',
      [
        ['restricted', true],
        [
          'valueSetDefinition',
          [
            ['sorted', false],
            ...f.values.map((v): Node => [
              'value',
              [
                ['fullName', v.fullName],
                ['default', v.default],
                ['label', v.label],
              ],
            ]),
          ],
        ],
      ],
    ]);
  }
  if (f.type === 'Lookup') {
    n.push(
      ['deleteConstraint', 'SetNull'],
      ['referenceTo', f.referenceTo ?? ''],
      ['relationshipLabel', f.relationshipLabel ?? ''],
      ['relationshipName', f.relationshipName ?? ''],
    );
  }
  // fullName first, as retrieved; the rest alphabetical.
  const [first, ...rest] = n;
  return document('CustomField', [first, ...rest.sort(byTag)]);
}

export function objectXml(o: SfCustomObject): string {
  return document('CustomObject', [
    ['deploymentStatus', 'Deployed'],
    ['description', o.description],
    ['enableActivities', false],
    ['enableHistory', false],
    ['enableReports', true],
    ['enableSearch', true],
    ['label', o.label],
    [
      'nameField',
      [
        ['label', o.nameFieldLabel],
        ['type', 'Text'],
      ],
    ],
    ['pluralLabel', o.pluralLabel],
    ['sharingModel', 'ReadWrite'],
    ['visibility', 'Public'],
  ]);
}

export function permissionSetXml(model: SalesforceModel, which: SalesforceModel['permissionSets'][number]): string {
  const seller = which.role === 'seller';
  const fields: { field: string; f: SfField }[] = [
    ...model.opportunityFields.map((f) => ({ field: `Opportunity.${f.fullName}`, f })),
    ...model.solutionObject.fields.map((f) => ({ field: `${model.solutionObject.fullName}.${f.fullName}`, f })),
  ]
    // Required fields are always editable; Salesforce refuses permissions on them.
    .filter(({ f }) => !f.required)
    .filter(({ f }) => !(seller && f.hiddenFromSellers))
    .sort((a, b) => (a.field < b.field ? -1 : a.field > b.field ? 1 : 0));
  const nodes: Node[] = [
    ['description', which.description],
    ...fields.map(({ field, f }): Node => [
      'fieldPermissions',
      [
        ['editable', !(seller && f.readOnlyForSellers)],
        ['field', field],
        ['readable', true],
      ],
    ]),
    ['hasActivationRequired', false],
    ['label', which.label],
    [
      'objectPermissions',
      [
        ['allowCreate', true],
        ['allowDelete', true],
        ['allowEdit', true],
        ['allowRead', true],
        ['modifyAllRecords', false],
        ['object', model.solutionObject.fullName],
        ['viewAllRecords', false],
      ],
    ],
  ];
  return document('PermissionSet', nodes);
}

export function packageXml(model: SalesforceModel): string {
  const sorted = (xs: string[]) => [...xs].sort();
  const fields = sorted([
    ...model.opportunityFields.map((f) => `Opportunity.${f.fullName}`),
    ...model.solutionObject.fields.map((f) => `${model.solutionObject.fullName}.${f.fullName}`),
  ]);
  const types = (name: string, members: string[]): Node => [
    'types',
    [...members.map((m): Node => ['members', m]), ['name', name]],
  ];
  return document('Package', [
    types('CustomField', fields),
    types('CustomObject', [model.solutionObject.fullName]),
    types('PermissionSet', sorted(model.permissionSets.map((p) => p.fullName))),
    ['version', SF_API_VERSION],
  ]);
}

/** Every file of the Salesforce DX project, paths relative to the project folder. */
export function salesforceMetadataFiles(model: SalesforceModel): { path: string; content: string }[] {
  const files: { path: string; content: string }[] = [];
  for (const f of model.opportunityFields)
    files.push({
      path: `${SOURCE_ROOT}/objects/Opportunity/fields/${f.fullName}.field-meta.xml`,
      content: fieldXml(f),
    });
  const o = model.solutionObject;
  files.push({ path: `${SOURCE_ROOT}/objects/${o.fullName}/${o.fullName}.object-meta.xml`, content: objectXml(o) });
  for (const f of o.fields)
    files.push({
      path: `${SOURCE_ROOT}/objects/${o.fullName}/fields/${f.fullName}.field-meta.xml`,
      content: fieldXml(f),
    });
  for (const p of model.permissionSets)
    files.push({
      path: `${SOURCE_ROOT}/permissionsets/${p.fullName}.permissionset-meta.xml`,
      content: permissionSetXml(model, p),
    });
  files.push({ path: 'manifest/package.xml', content: packageXml(model) });
  files.push({
    path: 'sfdx-project.json',
    content: stableStringify({
      name: `${model.prefix}-cosell-sync`,
      namespace: '',
      packageDirectories: [{ default: true, path: 'force-app' }],
      sourceApiVersion: SF_API_VERSION,
    }),
  });
  return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
