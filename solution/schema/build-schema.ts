import type { CosellConfig } from '../../scripts/lib/config';
import { UserError } from '../../scripts/lib/user-error';
import {
  ALTERNATE_KEY_LABELS,
  BOOLEAN_LABELS,
  ENVIRONMENT_VARIABLES,
  MICROSOFT_SOLUTION_TABLE,
  OPPORTUNITY_COLUMNS,
  type ColumnSpec,
  type EnvVarSpec,
} from './definition';
import {
  ENV_VAR_TYPES,
  SCHEMA_LANGUAGES,
  type ChoiceOption,
  type ColumnRule,
  type EnvironmentVariableDefinition,
  type ResolvedColumn,
  type ResolvedSchema,
  type ResolvedTable,
} from './types';

const XML_TYPES: Record<ResolvedColumn['type'], ResolvedColumn['xmlType']> = {
  Boolean: 'bit',
  String: 'nvarchar',
  Memo: 'ntext',
  Picklist: 'picklist',
  MultiSelectPicklist: 'multiselectpicklist',
  DateTime: 'datetime',
};

const INT32_MAX = 2147483647;

/** Choice value for option number `n`: prefix * 10000 + n. */
export function optionValue(optionValuePrefix: number, n: number): number {
  if (!Number.isInteger(n) || n < 0 || n > 9999) throw new Error(`option number ${n} must be 0-9999`);
  const value = optionValuePrefix * 10000 + n;
  if (value > INT32_MAX)
    throw new UserError(`publisher.optionValuePrefix ${optionValuePrefix} gives option values above int32.`);
  return value;
}

function resolveColumn(spec: ColumnSpec, prefix: string, optionValuePrefix: number, entity: string): ResolvedColumn {
  const logicalName = `${prefix}_${spec.suffix}`;
  let options: ChoiceOption[] | undefined;
  let defaultValue: number | boolean | undefined;
  if (spec.type === 'Boolean') {
    options = [
      { value: 1, label: BOOLEAN_LABELS.yes },
      { value: 0, label: BOOLEAN_LABELS.no },
    ];
    defaultValue = spec.defaultValue === true;
  } else if (spec.options) {
    options = spec.options.map((o) => ({
      value: optionValue(optionValuePrefix, o.n),
      label: o.label,
      ...(o.apiValue !== undefined ? { apiValue: o.apiValue } : {}),
    }));
    if (typeof spec.defaultValue === 'number') defaultValue = optionValue(optionValuePrefix, spec.defaultValue);
  }
  const rules: ColumnRule[] = (spec.rules ?? []).map((r) =>
    r.kind === 'trueWhenOtherHasValue' ? { ...r, otherColumn: `${prefix}_${r.otherColumn}` } : { ...r },
  );
  return {
    logicalName,
    schemaName: `${prefix}_${spec.schemaSuffix}`,
    type: spec.type,
    xmlType: XML_TYPES[spec.type],
    ...(spec.format !== undefined ? { format: spec.format } : {}),
    ...(spec.maxLength !== undefined ? { maxLength: spec.maxLength } : {}),
    requiredLevel: spec.requiredLevel ?? 'none',
    displayName: spec.displayName,
    description: spec.description,
    ...(options ? { options, optionSetName: `${prefix}_${entity}_${logicalName}` } : {}),
    ...(defaultValue !== undefined ? { defaultValue } : {}),
    readOnlyOnForm: spec.readOnlyOnForm ?? false,
    hiddenOnForm: spec.hiddenOnForm ?? false,
    isAuditEnabled: spec.isAuditEnabled ?? true,
    rules,
  };
}

function resolveEnvVar(spec: EnvVarSpec, prefix: string, config: CosellConfig): EnvironmentVariableDefinition {
  const defaultValue =
    typeof spec.defaultValue === 'string'
      ? spec.defaultValue
      : spec.defaultValue.fromConfig === 'defaults.country'
        ? config.defaults.country
        : config.defaults.currency;
  return {
    schemaName: `${prefix}_${spec.schemaSuffix}`,
    type: spec.type,
    typeCode: ENV_VAR_TYPES[spec.type],
    defaultValue,
    isRequired: false,
    displayName: spec.displayName,
    description: spec.description,
  };
}

/**
 * Resolves the schema definition with the configured publisher prefix and option value prefix.
 * Pure: the same config gives the same schema.
 */
export function buildSchema(config: CosellConfig): ResolvedSchema {
  const prefix = config.publisher.customizationPrefix;
  const ovp = config.publisher.optionValuePrefix;
  const p = (suffix: string): string => `${prefix}_${suffix}`;

  const opportunityColumns = OPPORTUNITY_COLUMNS.map((c) => resolveColumn(c, prefix, ovp, 'opportunity'));

  const solutionLogical = p(MICROSOFT_SOLUTION_TABLE.suffix);
  const solutionTable: ResolvedTable = {
    logicalName: solutionLogical,
    schemaName: p(MICROSOFT_SOLUTION_TABLE.schemaSuffix),
    entitySetName: `${solutionLogical}s`,
    primaryIdAttribute: `${solutionLogical}id`,
    primaryNameAttribute: p('name'),
    displayName: MICROSOFT_SOLUTION_TABLE.displayName,
    displayCollectionName: MICROSOFT_SOLUTION_TABLE.displayCollectionName,
    description: MICROSOFT_SOLUTION_TABLE.description,
    columns: MICROSOFT_SOLUTION_TABLE.columns.map((c) =>
      resolveColumn(c, prefix, ovp, MICROSOFT_SOLUTION_TABLE.suffix),
    ),
    ownershipType: 'UserOwned',
  };

  const relationshipName = `${prefix}_opportunity_${solutionLogical}`;
  const names: ResolvedSchema['names'] = {
    syncWithPartnerCenter: p('syncwithpartnercenter'),
    referralIdentifier: p('referralidentifier'),
    referralLink: p('referrallink'),
    howCanMicrosoftHelp: p('howcanmicrosofthelp'),
    sharedWithMicrosoftSellers: p('sharedwithmicrosoftsellers'),
    microsoftCrmIdentifier: p('microsoftcrmidentifier'),
    syncStatus: p('syncstatus'),
    lastSyncedOn: p('lastsyncedon'),
    audit: p('audit'),
    syncState: p('syncstate'),
    referralIdentifierKey: p('referralidentifier_key'),
    microsoftSolution: solutionLogical,
    microsoftSolutionSet: solutionTable.entitySetName,
    microsoftSolutionId: p('solutionid'),
    microsoftSolutionPrimaryId: solutionTable.primaryIdAttribute,
    microsoftSolutionName: p('name'),
    microsoftSolutionType: p('solutiontype'),
    microsoftSolutionIdKey: p('solutionid_key'),
    opportunitySolutionsRelationship: relationshipName,
    envDealValueColumn: p('DealValueColumn'),
    envDealCurrencyColumn: p('DealCurrencyColumn'),
    envCustomerCountryColumn: p('CustomerCountryColumn'),
    envSyncCosellOnly: p('SyncCosellOpportunitiesOnly'),
    envDefaultCountry: p('DefaultCountry'),
    envDefaultCurrency: p('DefaultCurrency'),
    envDisplayCheckMark: p('DisplayCheckMark'),
    envWebhookReceiverUrl: p('WebhookReceiverUrl'),
  };

  return {
    prefix,
    optionValuePrefix: ovp,
    languages: SCHEMA_LANGUAGES,
    opportunity: {
      logicalName: 'opportunity',
      schemaName: 'Opportunity',
      entitySetName: 'opportunities',
      columns: opportunityColumns,
    },
    tables: [solutionTable],
    alternateKeys: [
      {
        logicalName: names.referralIdentifierKey,
        schemaName: p('ReferralIdentifier_Key'),
        entityLogicalName: 'opportunity',
        keyAttributes: [names.referralIdentifier],
        displayName: ALTERNATE_KEY_LABELS.referralIdentifier,
      },
      {
        logicalName: names.microsoftSolutionIdKey,
        schemaName: p('SolutionId_Key'),
        entityLogicalName: solutionLogical,
        keyAttributes: [names.microsoftSolutionId],
        displayName: ALTERNATE_KEY_LABELS.solutionId,
      },
    ],
    manyToManyRelationships: [
      {
        schemaName: relationshipName,
        intersectEntityName: `${prefix}_opportunity_microsoftsolution`,
        entity1LogicalName: 'opportunity',
        entity1IntersectAttribute: 'opportunityid',
        entity1NavigationPropertyName: relationshipName,
        entity2LogicalName: solutionLogical,
        entity2IntersectAttribute: solutionTable.primaryIdAttribute,
        entity2NavigationPropertyName: relationshipName,
      },
    ],
    environmentVariables: ENVIRONMENT_VARIABLES.map((e) => resolveEnvVar(e, prefix, config)),
    names,
  };
}

/** Every column of the resolved schema with the table it belongs to. */
export function allColumns(schema: ResolvedSchema): { entity: string; column: ResolvedColumn }[] {
  return [
    ...schema.opportunity.columns.map((column) => ({ entity: 'opportunity', column })),
    ...schema.tables.flatMap((t) => t.columns.map((column) => ({ entity: t.logicalName, column }))),
  ];
}
