/** The slice of Dataverse metadata the local Web API needs to validate, query and serialize rows. */

export type AttributeType =
  | 'Uniqueidentifier'
  | 'String'
  | 'Memo'
  | 'Boolean'
  | 'Integer'
  | 'Decimal'
  | 'Money'
  | 'DateTime'
  | 'Picklist'
  | 'State'
  | 'Status'
  | 'MultiSelectPicklist'
  | 'Lookup'
  | 'Customer'
  | 'Owner'
  | 'BigInt';

export interface OptionMetadata {
  value: number;
  /** English (1033) label, used for formatted values. */
  label: string;
  /** Status options: the state they belong to. */
  state?: number;
}

export interface AttributeMetadata {
  logicalName: string;
  type: AttributeType;
  maxLength?: number;
  minValue?: number;
  maxValue?: number;
  /** DateTime with DateOnly behaviour (Edm.Date). */
  dateOnly?: boolean;
  options?: OptionMetadata[];
  /** Picklist/Boolean default applied on create when the column is not given. */
  defaultValue?: number | boolean;
  /** Lookup targets (logical names). */
  targets?: string[];
  /** Set by the platform only (createdon, versionnumber, ...): writes are rejected. */
  system?: boolean;
  /** Computed by the platform from other columns (contact fullname). */
  computed?: boolean;
}

export interface SingleNavigation {
  kind: 'single';
  name: string;
  /** Lookup attribute it sets. */
  attribute: string;
  target: string;
}

export interface CollectionNavigation {
  kind: 'collection';
  name: string;
  relationship: string;
  target: string;
}

export type NavigationProperty = SingleNavigation | CollectionNavigation;

export interface AlternateKeyMetadata {
  name: string;
  attributes: string[];
}

export interface EntityMetadata {
  logicalName: string;
  entitySetName: string;
  primaryIdAttribute: string;
  primaryNameAttribute: string;
  /** In the order the Web API returns them. */
  attributes: Map<string, AttributeMetadata>;
  keys: AlternateKeyMetadata[];
  navigation: Map<string, NavigationProperty>;
  /** Default status for each state. */
  defaultStatusByState?: Map<number, number>;
  /** State value → name (for error messages, e.g. OpportunityState.Open). */
  stateNames?: Map<number, string>;
  /** Schema name of the entity type used in state error messages (e.g. Opportunity). */
  schemaName: string;
}

export interface ManyToManyMetadata {
  name: string;
  entity1: string;
  entity2: string;
}

export interface DataverseModel {
  entities: Map<string, EntityMetadata>;
  bySetName: Map<string, EntityMetadata>;
  relationships: Map<string, ManyToManyMetadata>;
}
