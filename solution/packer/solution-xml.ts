import { labelList } from './labels-xml';
import type { SolutionContents } from './model';
import { braced, connectorId, connectorLogicalName, controlFullName, workflowId } from './names';
import { el, textEl, type XmlElement } from './xml';

/** solution.xml (solution-format.md §2, skeleton §9). */
export const IMPORT_EXPORT_VERSION = '9.2.24012.00000';
export const SOLUTION_PACKAGE_VERSION = '9.2';
const XSI = 'http://www.w3.org/2001/XMLSchema-instance';

/** Children of each publisher `<Address>`, in the export's order (§2.1), all nil. */
export const ADDRESS_FIELDS = [
  'AddressTypeCode',
  'City',
  'County',
  'Country',
  'Fax',
  'FreightTermsCode',
  'ImportSequenceNumber',
  'Latitude',
  'Line1',
  'Line2',
  'Line3',
  'Longitude',
  'Name',
  'PostalCode',
  'PostOfficeBox',
  'PrimaryContactName',
  'ShippingMethodCode',
  'StateOrProvince',
  'Telephone1',
  'Telephone2',
  'Telephone3',
  'TimeZoneRuleVersionNumber',
  'UPSZone',
  'UTCOffset',
  'UTCConversionTimeZoneCode',
] as const;

const nil = (name: string) => textEl(name, '', { 'xsi:nil': 'true' });

/** RootComponent type codes the packer writes (§2.4). */
export const ROOT_TYPE = { entity: 1, optionSet: 9, workflow: 29, customControl: 66, connector: 372 } as const;

export function rootComponents(contents: SolutionContents): XmlElement[] {
  const prefix = contents.publisher.customizationPrefix;
  const out: XmlElement[] = [];
  for (const t of contents.tables)
    out.push(
      el('RootComponent', {
        type: ROOT_TYPE.entity,
        schemaName: t.schemaName.toLowerCase(),
        behavior: t.kind === 'system' ? 2 : 0,
      }),
    );
  for (const w of contents.workflows)
    out.push(el('RootComponent', { type: ROOT_TYPE.workflow, id: braced(workflowId(w.key)), behavior: 0 }));
  for (const c of contents.controls)
    out.push(
      el('RootComponent', {
        type: ROOT_TYPE.customControl,
        schemaName: controlFullName(prefix, c.namespace, c.constructorName),
        behavior: 0,
      }),
    );
  for (const c of contents.connectors) {
    const name = connectorLogicalName(prefix, c.displayName);
    out.push(
      el('RootComponent', { type: ROOT_TYPE.connector, id: braced(connectorId(name)), schemaName: name, behavior: 0 }),
    );
  }
  return out;
}

export function solutionXml(contents: SolutionContents, managed: boolean): XmlElement {
  const p = contents.publisher;
  const address = (n: number) => el('Address', {}, textEl('AddressNumber', n), ADDRESS_FIELDS.map(nil));
  return el(
    'ImportExportXml',
    {
      version: IMPORT_EXPORT_VERSION,
      SolutionPackageVersion: SOLUTION_PACKAGE_VERSION,
      languagecode: 1033,
      generatedBy: 'CrmLive',
      'xmlns:xsi': XSI,
    },
    el(
      'SolutionManifest',
      {},
      textEl('UniqueName', contents.uniqueName),
      labelList('LocalizedNames', 'LocalizedName', contents.displayName),
      labelList('Descriptions', 'Description', contents.description),
      textEl('Version', contents.version),
      textEl('Managed', managed ? '1' : '0'),
      el(
        'Publisher',
        {},
        textEl('UniqueName', p.uniqueName),
        labelList('LocalizedNames', 'LocalizedName', p.displayName),
        el('Descriptions'),
        nil('EMailAddress'),
        nil('SupportingWebsiteUrl'),
        textEl('CustomizationPrefix', p.customizationPrefix),
        textEl('CustomizationOptionValuePrefix', p.optionValuePrefix),
        el('Addresses', {}, address(1), address(2)),
      ),
      el('RootComponents', {}, rootComponents(contents)),
      el('MissingDependencies'),
    ),
  );
}
