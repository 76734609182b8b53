/**
 * The Dataverse schema the solution adds, as data. `definition.ts` holds the unprefixed source of truth;
 * `buildSchema(config)` resolves it with the publisher's prefixes into the shapes below, which the solution
 * packer, the local Dataverse and the flows all read.
 */

/** Languages every label is given in: English, Spanish, Portuguese (Brazil), Chinese (Simplified). */
export const SCHEMA_LANGUAGES = [1033, 3082, 1046, 2052] as const;
export type LanguageCode = (typeof SCHEMA_LANGUAGES)[number];

/** One text per language; every language in SCHEMA_LANGUAGES is required. */
export type LocalizedText = Readonly<Record<LanguageCode, string>>;

/** Web API attribute type names (AttributeMetadata.AttributeType) for the columns we define. */
export type ColumnType = 'Boolean' | 'String' | 'Memo' | 'Picklist' | 'MultiSelectPicklist' | 'DateTime';

export interface ChoiceOption {
  /** prefix * 10000 + n (bit columns: 1 and 0). */
  value: number;
  label: LocalizedText;
  /** The Partner Center API value this option stands for, when it maps to one. */
  apiValue?: string;
}

/** Rules Dataverse itself does not enforce; recorded here so flows and controls enforce them. */
export type ColumnRule =
  | { kind: 'onceTrueNeverFalse'; description: string }
  | { kind: 'trueWhenOtherHasValue'; otherColumn: string; description: string };

export interface ResolvedColumn {
  /** Lowercase logical name, e.g. `cosell_referralidentifier`. */
  logicalName: string;
  /** Mixed-case schema name, e.g. `cosell_ReferralIdentifier`. */
  schemaName: string;
  type: ColumnType;
  /** XML `<Type>` in customizations.xml. */
  xmlType: 'bit' | 'nvarchar' | 'ntext' | 'picklist' | 'multiselectpicklist' | 'datetime';
  /** `<Format>` for text and date columns. */
  format?: 'text' | 'url' | 'textarea' | 'datetime' | 'date';
  /** Characters; text and memo columns only. */
  maxLength?: number;
  requiredLevel: 'none' | 'recommended' | 'required';
  displayName: LocalizedText;
  description: LocalizedText;
  /** Choices (picklist, multi-select, bit). */
  options?: ChoiceOption[];
  /** Local option set name: `<prefix>_<entity>_<attribute>`. */
  optionSetName?: string;
  /** Default value for bit (0/1) and picklist (option value) columns. */
  defaultValue?: number | boolean;
  /** Shown read-only on the form (Dataverse has no column-level read-only flag for custom columns). */
  readOnlyOnForm: boolean;
  /** Not placed on the form at all (bookkeeping columns). */
  hiddenOnForm: boolean;
  isAuditEnabled: boolean;
  rules: ColumnRule[];
}

export interface AlternateKey {
  logicalName: string;
  schemaName: string;
  entityLogicalName: string;
  /** Column logical names forming the key, in order. */
  keyAttributes: string[];
  displayName: LocalizedText;
}

export interface ResolvedTable {
  logicalName: string;
  schemaName: string;
  entitySetName: string;
  primaryIdAttribute: string;
  primaryNameAttribute: string;
  displayName: LocalizedText;
  displayCollectionName: LocalizedText;
  description: LocalizedText;
  /** Columns beyond the primary id (the primary name column is included here). */
  columns: ResolvedColumn[];
  ownershipType: 'UserOwned';
}

export interface ManyToManyRelationship {
  /** Relationship schema name; the Web API uses it as the collection navigation property on both sides. */
  schemaName: string;
  intersectEntityName: string;
  entity1LogicalName: string;
  entity1IntersectAttribute: string;
  entity1NavigationPropertyName: string;
  entity2LogicalName: string;
  entity2IntersectAttribute: string;
  entity2NavigationPropertyName: string;
}

/** environmentvariabledefinition `type`. */
export const ENV_VAR_TYPES = { String: 100000000, Number: 100000001, Boolean: 100000002, JSON: 100000003 } as const;
export type EnvVarType = keyof typeof ENV_VAR_TYPES;

export interface EnvironmentVariableDefinition {
  schemaName: string;
  type: EnvVarType;
  typeCode: number;
  /** Boolean variables use `yes`/`no`. */
  defaultValue: string;
  isRequired: boolean;
  displayName: LocalizedText;
  description: LocalizedText;
}

export interface ResolvedSchema {
  prefix: string;
  optionValuePrefix: number;
  languages: readonly LanguageCode[];
  /** The system table the columns are added to. */
  opportunity: {
    logicalName: 'opportunity';
    schemaName: 'Opportunity';
    entitySetName: 'opportunities';
    columns: ResolvedColumn[];
  };
  /** Custom tables the solution creates. */
  tables: ResolvedTable[];
  alternateKeys: AlternateKey[];
  manyToManyRelationships: ManyToManyRelationship[];
  environmentVariables: EnvironmentVariableDefinition[];
  /** Logical names by role, so code never spells a prefixed name itself. */
  names: SchemaNames;
}

export interface SchemaNames {
  syncWithPartnerCenter: string;
  referralIdentifier: string;
  referralLink: string;
  howCanMicrosoftHelp: string;
  sharedWithMicrosoftSellers: string;
  microsoftCrmIdentifier: string;
  syncStatus: string;
  lastSyncedOn: string;
  audit: string;
  syncState: string;
  referralIdentifierKey: string;
  microsoftSolution: string;
  microsoftSolutionSet: string;
  microsoftSolutionId: string;
  microsoftSolutionPrimaryId: string;
  microsoftSolutionName: string;
  microsoftSolutionType: string;
  microsoftSolutionIdKey: string;
  opportunitySolutionsRelationship: string;
  envDealValueColumn: string;
  envDealCurrencyColumn: string;
  envCustomerCountryColumn: string;
  envSyncCosellOnly: string;
  envDefaultCountry: string;
  envDefaultCurrency: string;
  envDisplayCheckMark: string;
  envWebhookReceiverUrl: string;
}
