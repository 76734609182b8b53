import { connectionReferenceXml, connectorXml, customControlXml, workflowXml } from './components-xml';
import { entityXml, lookupRelationshipXml, manyToManyXml } from './entities-xml';
import { SOLUTION_LANGUAGES, type SolutionContents } from './model';
import { el, textEl, type XmlElement } from './xml';

/**
 * Top-level children of customizations.xml in the export order (§3.1). Optional ones are written
 * only when they have content; the rest always (empty), as the BGV export and the pac template do.
 * Case matters: `optionsets` and `connectionreferences` are lowercase.
 */
export const CUSTOMIZATIONS_ORDER = [
  'Entities',
  'Roles',
  'Workflows',
  'FieldSecurityProfiles',
  'Templates',
  'EntityImageConfigs',
  'AttributeImageConfigs',
  'EntityMaps',
  'EntityRelationships',
  'OrganizationSettings',
  'optionsets',
  'Dashboards',
  'WebResources',
  'CustomControls',
  'SolutionPluginAssemblies',
  'AppModuleSiteMaps',
  'AppModules',
  'EntityDataProviders',
  'CanvasApps',
  'Connectors',
  'connectionreferences',
  'Languages',
] as const;

/** Always present (the BGV export's minimum). */
export const CUSTOMIZATIONS_REQUIRED = [
  'Entities',
  'Roles',
  'Workflows',
  'FieldSecurityProfiles',
  'Templates',
  'EntityMaps',
  'EntityRelationships',
  'OrganizationSettings',
  'optionsets',
  'CustomControls',
  'EntityDataProviders',
  'Languages',
] as const;

export function customizationsXml(contents: SolutionContents): XmlElement {
  const prefix = contents.publisher.customizationPrefix;
  const relationships: XmlElement[] = [
    ...contents.tables.flatMap((t) =>
      t.columns.flatMap((c) => (c.type === 'lookup' ? [lookupRelationshipXml(c, t.schemaName.toLowerCase())] : [])),
    ),
    ...contents.manyToMany.map(manyToManyXml),
  ];
  const sections: Partial<Record<(typeof CUSTOMIZATIONS_ORDER)[number], XmlElement>> = {
    Entities: el(
      'Entities',
      {},
      contents.tables.map((t) => entityXml(t, prefix)),
    ),
    Roles: el('Roles'),
    Workflows: el('Workflows', {}, contents.workflows.map(workflowXml)),
    FieldSecurityProfiles: el('FieldSecurityProfiles'),
    Templates: el('Templates'),
    EntityMaps: el('EntityMaps'),
    EntityRelationships: el('EntityRelationships', {}, relationships),
    OrganizationSettings: el('OrganizationSettings'),
    optionsets: el('optionsets'),
    CustomControls: el(
      'CustomControls',
      {},
      contents.controls.map((c) => customControlXml(prefix, c)),
    ),
    EntityDataProviders: el('EntityDataProviders'),
    Connectors:
      contents.connectors.length > 0
        ? el(
            'Connectors',
            {},
            contents.connectors.map((c) => connectorXml(prefix, c)),
          )
        : undefined,
    connectionreferences:
      contents.connectionReferences.length > 0
        ? el('connectionreferences', {}, contents.connectionReferences.map(connectionReferenceXml))
        : undefined,
    Languages: el(
      'Languages',
      {},
      SOLUTION_LANGUAGES.map((l) => textEl('Language', l)),
    ),
  };
  return el(
    'ImportExportXml',
    { 'xmlns:xsi': 'http://www.w3.org/2001/XMLSchema-instance' },
    CUSTOMIZATIONS_ORDER.map((k) => sections[k]).filter((x): x is XmlElement => x !== undefined),
  );
}
