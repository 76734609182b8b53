/**
 * The field mapping, declared once: which Partner Center property pairs with which CRM column, which way
 * values flow, how they are turned into one comparable form, and which side wins when both changed.
 */

/** How values are made comparable (and converted) between Partner Center and a CRM. */
export type Transform =
  | { kind: 'text'; maxLength?: number }
  | { kind: 'money' }
  | { kind: 'date' }
  | { kind: 'boolean' }
  | { kind: 'currencyCode' }
  | { kind: 'countryCode' }
  /** Partner Center enum value ↔ CRM choice; the CRM side names options by their label key. */
  | { kind: 'enum'; values: readonly { partnerCenter: string; crm: string }[]; crmDefault?: string };

export type Direction = 'both' | 'toCrm' | 'toPartnerCenter';
export type Winner = 'crm' | 'partnerCenter';

/** A CRM column: `table.column`. Custom columns use `{prefix}` for the publisher prefix, e.g. `opportunity.{prefix}_audit`. */
export type ColumnRef = string;

export interface FieldMapping {
  /** Stable key, used in the sync-state snapshot; never rename one that has shipped. */
  key: string;
  label: string;
  /** Slash path in the Partner Center Referral model, e.g. `details/dealValue`. */
  partnerCenter: string;
  dynamics365?: ColumnRef;
  salesforce?: ColumnRef;
  direction: Direction;
  transform: Transform;
  winner: Winner;
  /** Written only when the CRM record is created from a referral (customer details). */
  onCreateOnly?: boolean;
  /**
   * The Dynamics 365 column is chosen at run time by this environment variable (documented customization);
   * `dynamics365` is its default.
   */
  dynamics365Setting?: 'dealValueColumn' | 'dealCurrencyColumn' | 'customerCountryColumn';
  /** A yes/no that, once yes, is never sent back to no (sharing with Microsoft sellers can't be undone). */
  onceTrue?: boolean;
  note?: string;
}
