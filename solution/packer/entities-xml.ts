import { attributeXml, INTRODUCED_VERSION } from './attributes-xml';
import { systemFormXml } from './form-xml';
import { descriptions, displayNames, labelList, labelsEl } from './labels-xml';
import type { AlternateKeyInput, ColumnInput, CustomTableInput, ManyToManyInput, TableInput } from './model';
import { el, textEl, type XmlElement } from './xml';

/**
 * `<Entity>` per table (§3.2): a system table lists only its new columns; a custom table carries its
 * whole definition (primary key, primary name, table properties: inferred, see docs/DECISIONS.md).
 */
export function entityXml(table: TableInput, prefix: string): XmlElement {
  const logical = table.schemaName.toLowerCase();
  const attrs = table.columns.map((c) => attributeXml(c, logical, prefix));
  const forms =
    table.forms.length === 0
      ? el('FormXml')
      : el(
          'FormXml',
          {},
          el(
            'forms',
            { type: 'main' },
            table.forms.map((f) => systemFormXml(f, table.columns)),
          ),
        );
  if (table.kind === 'system') {
    return el(
      'Entity',
      {},
      textEl('Name', table.schemaName, {
        LocalizedName: table.displayName[1033],
        OriginalName: table.displayName[1033],
      }),
      el('EntityInfo', {}, el('entity', { Name: table.schemaName }, el('attributes', {}, attrs), keysXml(table.keys))),
      forms,
      el('RibbonDiffXml'),
    );
  }
  return el(
    'Entity',
    {},
    textEl('Name', table.schemaName, { LocalizedName: table.displayName[1033], OriginalName: table.displayName[1033] }),
    el(
      'EntityInfo',
      {},
      el(
        'entity',
        { Name: table.schemaName },
        labelList('LocalizedNames', 'LocalizedName', table.displayName),
        labelList('LocalizedCollectionNames', 'LocalizedCollectionName', table.pluralName),
        descriptions(table.description),
        el('attributes', {}, primaryKeyXml(table), attributeXml(primaryNameColumn(table), logical, prefix), attrs),
        customTableProperties(table),
        keysXml(table.keys),
      ),
    ),
    forms,
    el('RibbonDiffXml'),
  );
}

export function primaryNameColumn(table: CustomTableInput): ColumnInput {
  return {
    type: 'string',
    schemaName: table.primaryName.schemaName,
    displayName: table.primaryName.displayName,
    description: table.primaryName.description,
    maxLength: table.primaryName.maxLength,
    requiredLevel: 'required',
  };
}

function primaryKeyXml(table: CustomTableInput): XmlElement {
  const schema = `${table.schemaName}Id`;
  return el(
    'attribute',
    { PhysicalName: schema },
    textEl('Type', 'primarykey'),
    textEl('Name', schema.toLowerCase()),
    textEl('LogicalName', schema.toLowerCase()),
    textEl('RequiredLevel', 'systemrequired'),
    textEl('DisplayMask', 'ValidForAdvancedFind|RequiredForGrid'),
    textEl('ImeMode', 'auto'),
    textEl('ValidForUpdateApi', '0'),
    textEl('ValidForReadApi', '1'),
    textEl('ValidForCreateApi', '1'),
    textEl('IsCustomField', '0'),
    textEl('IsAuditEnabled', '0'),
    textEl('IsSecured', '0'),
    textEl('IntroducedVersion', INTRODUCED_VERSION),
    textEl('IsCustomizable', '0'),
    textEl('IsRenameable', '0'),
    textEl('CanModifySearchSettings', '0'),
    textEl('CanModifyRequirementLevelSettings', '0'),
    textEl('CanModifyAdditionalSettings', '0'),
    textEl('SourceType', '0'),
    displayNames(table.displayName),
    descriptions(table.description),
  );
}

function customTableProperties(table: CustomTableInput): XmlElement[] {
  const logical = table.schemaName.toLowerCase();
  return [
    textEl('EntitySetName', `${logical}s`),
    textEl('IsDuplicateCheckSupported', '0'),
    textEl('IsBusinessProcessEnabled', '0'),
    textEl('IsRequiredOffline', '0'),
    textEl('IsInteractionCentricEnabled', '0'),
    textEl('IsCollaboration', '0'),
    textEl('AutoRouteToOwnerQueue', '0'),
    textEl('IsConnectionsEnabled', '0'),
    textEl('IsDocumentManagementEnabled', '0'),
    textEl('AutoCreateAccessTeams', '0'),
    textEl('IsOneNoteIntegrationEnabled', '0'),
    textEl('IsKnowledgeManagementEnabled', '0'),
    textEl('IsSLAEnabled', '0'),
    textEl('IsDocumentRecommendationsEnabled', '0'),
    textEl('IsBPFEntity', '0'),
    textEl('OwnershipTypeMask', table.ownership === 'user' ? 'UserOwned' : 'OrgOwned'),
    textEl('IsAuditEnabled', '1'),
    textEl('IsActivity', '0'),
    textEl('ActivityTypeMask', ''),
    textEl('IsActivityParty', '0'),
    textEl('IsReplicated', '0'),
    textEl('IsReplicationUserFiltered', '0'),
    textEl('IsMailMergeEnabled', '0'),
    textEl('IsVisibleInMobile', '0'),
    textEl('IsVisibleInMobileClient', '1'),
    textEl('IsReadOnlyInMobileClient', '0'),
    textEl('IsOfflineInMobileClient', '0'),
    textEl('DaysSinceRecordLastModified', '0'),
    textEl('MobileOfflineFilters', ''),
    textEl('IsMapiGridEnabled', '1'),
    textEl('IsReadingPaneEnabled', '1'),
    textEl('IsQuickCreateEnabled', '0'),
    textEl('SyncToExternalSearchIndex', '0'),
    textEl('IntroducedVersion', INTRODUCED_VERSION),
    textEl('IsCustomizable', '1'),
    textEl('IsRenameable', '1'),
    textEl('IsMappable', '1'),
    textEl('CanModifyAuditSettings', '1'),
    textEl('CanModifyMobileVisibility', '1'),
    textEl('CanModifyMobileClientVisibility', '1'),
    textEl('CanModifyMobileClientReadOnly', '1'),
    textEl('CanModifyMobileClientOffline', '1'),
    textEl('CanModifyConnectionSettings', '1'),
    textEl('CanModifyDuplicateDetectionSettings', '1'),
    textEl('CanModifyMailMergeSettings', '1'),
    textEl('CanModifyQueueSettings', '1'),
    textEl('CanCreateAttributes', '1'),
    textEl('CanCreateForms', '1'),
    textEl('CanCreateCharts', '1'),
    textEl('CanCreateViews', '1'),
    textEl('CanModifyAdditionalSettings', '1'),
    textEl('CanEnableSyncToExternalSearchIndex', '1'),
    textEl('EnforceStateTransitions', '0'),
    textEl('CanChangeHierarchicalRelationship', '1'),
    textEl('EntityHelpUrlEnabled', '0'),
    textEl('ChangeTrackingEnabled', '0'),
    textEl('CanChangeTrackingBeEnabled', '1'),
    textEl('IsEnabledForExternalChannels', '0'),
    textEl('HasRelatedNotes', 'False'),
    textEl('HasRelatedActivities', 'False'),
  ];
}

function keysXml(keys: readonly AlternateKeyInput[]): XmlElement | null {
  if (keys.length === 0) return null;
  return el(
    'EntityKeys',
    {},
    keys.map((k) =>
      el(
        'EntityKey',
        {},
        textEl('Name', k.schemaName),
        textEl('LogicalName', k.schemaName.toLowerCase()),
        el(
          'EntityKeyAttributes',
          {},
          k.columns.map((c) => textEl('AttributeName', c)),
        ),
        textEl('IntroducedVersion', INTRODUCED_VERSION),
        textEl('IsCustomizable', '1'),
        displayNames(k.displayName),
      ),
    ),
  );
}

/** `<EntityRelationship>` for an N:N (§ inferred, docs/DECISIONS.md). */
export function manyToManyXml(r: ManyToManyInput): XmlElement {
  const name = r.schemaName;
  const role = (label: typeof r.entity1NavLabel) =>
    el(
      'EntityRelationshipRole',
      {},
      textEl('NavPaneDisplayOption', 'UseCollectionName'),
      textEl('NavPaneArea', 'Details'),
      textEl('NavPaneOrder', '10000'),
      textEl('NavigationPropertyName', name),
      textEl('RelationshipRoleType', '1'),
      el('CustomLabels', {}, labelsEl(label).children),
    );
  return el(
    'EntityRelationship',
    { Name: name },
    textEl('EntityRelationshipType', 'ManyToMany'),
    textEl('IsCustomizable', '1'),
    textEl('IntroducedVersion', INTRODUCED_VERSION),
    textEl('IsHierarchical', '0'),
    textEl('FirstEntityName', r.entity1),
    textEl('SecondEntityName', r.entity2),
    textEl('IntersectEntityName', name.toLowerCase()),
    textEl('FirstEntityNavigationPropertyName', name),
    textEl('SecondEntityNavigationPropertyName', name),
    el('EntityRelationshipRoles', {}, role(r.entity1NavLabel), role(r.entity2NavLabel)),
  );
}

/** The N:1 relationship behind a lookup column. */
export function lookupRelationshipXml(
  column: Extract<ColumnInput, { type: 'lookup' }>,
  referencingEntity: string,
): XmlElement {
  return el(
    'EntityRelationship',
    { Name: column.relationshipSchemaName },
    textEl('EntityRelationshipType', 'OneToMany'),
    textEl('IsCustomizable', '1'),
    textEl('IntroducedVersion', INTRODUCED_VERSION),
    textEl('IsHierarchical', '0'),
    textEl('ReferencingEntityName', referencingEntity),
    textEl('ReferencedEntityName', column.target),
    textEl('CascadeAssign', 'NoCascade'),
    textEl('CascadeDelete', 'RemoveLink'),
    textEl('CascadeReparent', 'NoCascade'),
    textEl('CascadeShare', 'NoCascade'),
    textEl('CascadeUnshare', 'NoCascade'),
    textEl('CascadeRollupView', 'NoCascade'),
    textEl('IsValidForAdvancedFind', '1'),
    textEl('ReferencingAttributeName', column.schemaName.toLowerCase()),
    el('RelationshipDescription', {}, descriptions(column.description)),
    el(
      'EntityRelationshipRoles',
      {},
      el(
        'EntityRelationshipRole',
        {},
        textEl('NavPaneDisplayOption', 'UseCollectionName'),
        textEl('NavPaneArea', 'Details'),
        textEl('NavPaneOrder', '10000'),
      ),
    ),
  );
}
