/**
 * The solution contents model: everything the packer puts into a Dataverse solution, CRM-neutral and
 * typed. The schema (solution/schema), the controls and the flows are adapted into these types at
 * build time; the packer renders them exactly as solution-format.md says.
 */

/** The four languages every label is written in: English, Spanish, Portuguese (Brazil), Chinese (Simplified). */
export const SOLUTION_LANGUAGES = [1033, 3082, 1046, 2052] as const;
export type LanguageCode = (typeof SOLUTION_LANGUAGES)[number];
/** The solution's base language (`languagecode` of `ImportExportXml`). */
export const BASE_LANGUAGE: LanguageCode = 1033;

/** A label in each solution language. */
export type Labels = Readonly<Record<LanguageCode, string>>;

/** The same text in every language (for names such as a publisher's, which have no translation). */
export function sameLabels(text: string): Labels {
  return { 1033: text, 3082: text, 1046: text, 2052: text };
}

export interface PublisherInput {
  uniqueName: string;
  displayName: Labels;
  /** 2–8 lowercase letters/digits; every new schema name starts with `<prefix>_`. */
  customizationPrefix: string;
  /** 10000–99999; choice values are prefix * 10000 + n. */
  optionValuePrefix: number;
}

export type RequiredLevel = 'none' | 'recommended' | 'required';

interface ColumnBase {
  /** Schema name, prefix included, mixed case (`cosell_ReferralIdentifier`); the logical name is its lowercase. */
  schemaName: string;
  displayName: Labels;
  description: Labels;
  requiredLevel?: RequiredLevel;
  isAuditEnabled?: boolean;
}

export interface ChoiceOption {
  /** Absolute value; must be optionValuePrefix * 10000 + n (see `optionValue`). */
  value: number;
  label: Labels;
}

export type ColumnInput =
  | (ColumnBase & { type: 'boolean'; trueLabel: Labels; falseLabel: Labels; defaultValue: boolean })
  | (ColumnBase & { type: 'string'; maxLength: number })
  | (ColumnBase & { type: 'url'; maxLength: number })
  | (ColumnBase & { type: 'memo'; maxLength: number; format?: 'text' | 'textarea' | 'richtext' | 'json' })
  | (ColumnBase & {
      type: 'datetime';
      behavior: 'userLocal' | 'dateOnly' | 'timeZoneIndependent';
      format: 'date' | 'datetime';
    })
  | (ColumnBase & { type: 'picklist'; options: readonly ChoiceOption[]; defaultValue?: number })
  | (ColumnBase & { type: 'multiselect'; options: readonly ChoiceOption[] })
  | (ColumnBase & {
      type: 'lookup';
      /** Logical name of the referenced table. */
      target: string;
      /** Schema name of the N:1 relationship the lookup creates (`cosell_opportunity_cosell_x`). */
      relationshipSchemaName: string;
    });

export type ColumnType = ColumnInput['type'];

export interface AlternateKeyInput {
  schemaName: string;
  displayName: Labels;
  /** Logical names of the key's columns. */
  columns: readonly string[];
}

/** A PCF control bound to a column in a form cell, for every form factor (0 web, 1 tablet, 2 phone). */
export interface CellControlBinding {
  /** Full control name `<prefix>_<namespace>.<constructor>`, as in `<CustomControls>`. */
  controlName: string;
  /** Manifest property (usage bound) the column binds to. */
  boundProperty: string;
  /** PCF of-type of that property (`TwoOptions`, `SingleLine.URL`, `Multiple`, …). */
  boundType: string;
  /** Static input properties. */
  staticInputs?: readonly { name: string; type: string; value: string }[];
  /** Further properties (bound or input) that read other columns of the same table. */
  columnInputs?: readonly { name: string; type: string; column: string }[];
}

export interface FormCellInput {
  /** Logical name of the column (a column of this table). */
  column: string;
  label: Labels;
  /** Read-only on the form (the platform has no per-column read-only flag). */
  disabled: boolean;
  control?: CellControlBinding;
}

/**
 * A section with our columns on a main form. `new`: ship a complete new main form (Strategy B of
 * §3.5). `existing`: a diff adding a whole tab to an existing form by id (Strategy A; the form must
 * exist in the target org).
 */
export interface FormSectionInput {
  form:
    | { kind: 'new'; formId: string; name: Labels; description: Labels }
    | { kind: 'existing'; formId: string; tabOrdinal: number };
  tab: { name: string; label: Labels };
  section: { name: string; label: Labels };
  cells: readonly FormCellInput[];
}

export interface SystemTableExtension {
  kind: 'system';
  /** Logical name (`opportunity`). */
  logicalName: string;
  /** Schema name (`Opportunity`). */
  schemaName: string;
  displayName: Labels;
  /** Only the new columns. */
  columns: readonly ColumnInput[];
  keys: readonly AlternateKeyInput[];
  forms: readonly FormSectionInput[];
}

export interface CustomTableInput {
  kind: 'custom';
  /** Schema name with prefix (`cosell_MicrosoftSolution`). */
  schemaName: string;
  displayName: Labels;
  pluralName: Labels;
  description: Labels;
  ownership: 'user' | 'organization';
  primaryName: { schemaName: string; displayName: Labels; description: Labels; maxLength: number };
  columns: readonly ColumnInput[];
  keys: readonly AlternateKeyInput[];
  forms: readonly FormSectionInput[];
}

export type TableInput = SystemTableExtension | CustomTableInput;

export interface ManyToManyInput {
  /** Schema name, also the intersect table's name (lowercased). */
  schemaName: string;
  /** Logical names of the two tables. */
  entity1: string;
  entity2: string;
  /** Label of the related list on each side. */
  entity1NavLabel: Labels;
  entity2NavLabel: Labels;
}

export interface ConnectionReferenceInput {
  /** Case-preserving, starts with the publisher prefix. */
  logicalName: string;
  displayName: string;
  description: string;
  /** `/providers/Microsoft.PowerApps/apis/<apiName>`. */
  connectorId: string;
}

export type EnvironmentVariableType = 'string' | 'number' | 'boolean' | 'json' | 'secret';

export interface EnvironmentVariableInput {
  schemaName: string;
  displayName: Labels;
  description: Labels;
  type: EnvironmentVariableType;
  /** Shipped default; omit for none. Booleans are `yes`/`no`. */
  defaultValue?: string;
  isRequired: boolean;
}

export interface ConnectorInput {
  /** Display name; the connector logical name derives from it (`connectorLogicalName`). */
  displayName: string;
  description: string;
  brandColor: string;
  /** The Swagger 2.0 document. */
  openApiDefinition: unknown;
  /** `properties.connectionParameters` of apiProperties.json. */
  connectionParameters: unknown;
  /** `null` when the connector has no policies. */
  policyTemplateInstances: unknown;
  iconPng: Buffer;
}

export interface WorkflowInput {
  /** Stable key the workflow id derives from (`<crm>/<name>`); renaming the display name keeps the id. */
  key: string;
  displayName: string;
  /** The solution-style flow JSON: `{ properties: { connectionReferences, definition } }`. */
  flow: { properties: { connectionReferences: Record<string, unknown>; definition: unknown; [k: string]: unknown } };
}

export interface ControlInput {
  namespace: string;
  constructorName: string;
  version: string;
  /** Every file of the built control, paths relative to its folder; must include ControlManifest.xml. */
  files: readonly { path: string; bytes: Buffer }[];
}

export interface SolutionContents {
  uniqueName: string;
  displayName: Labels;
  description: Labels;
  /** major.minor.build.revision. */
  version: string;
  publisher: PublisherInput;
  tables: readonly TableInput[];
  manyToMany: readonly ManyToManyInput[];
  connectionReferences: readonly ConnectionReferenceInput[];
  environmentVariables: readonly EnvironmentVariableInput[];
  connectors: readonly ConnectorInput[];
  workflows: readonly WorkflowInput[];
  controls: readonly ControlInput[];
}

/** Choice value n of a publisher: prefix * 10000 + n (solution-format.md §3.4). */
export function optionValue(optionValuePrefix: number, n: number): number {
  if (!Number.isInteger(n) || n < 0 || n > 9999) throw new Error(`Choice index ${n} is outside 0–9999.`);
  return optionValuePrefix * 10000 + n;
}
