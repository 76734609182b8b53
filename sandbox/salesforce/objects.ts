import type { SalesforceModel, SfField } from '../../solution/salesforce/model';

/**
 * What the local org knows about its objects: the standard objects and fields the sync uses, plus the
 * custom fields and object of the co-sell metadata (solution/salesforce), so the sandbox enforces exactly
 * what `sf project deploy start` would create. Field names are case-insensitive, as in Salesforce.
 */
export type FieldType =
  | 'id'
  | 'string'
  | 'textarea'
  | 'url'
  | 'email'
  | 'phone'
  | 'boolean'
  | 'currency'
  | 'double'
  | 'date'
  | 'datetime'
  | 'picklist'
  | 'multipicklist'
  | 'reference';

export interface FieldDef {
  name: string;
  label: string;
  type: FieldType;
  length?: number;
  /** Required on create (and may not be cleared). */
  required: boolean;
  createable: boolean;
  updateable: boolean;
  picklistValues?: string[];
  referenceTo?: string;
  externalId?: boolean;
  unique?: boolean;
  defaultValue?: unknown;
}

export interface ObjectDef {
  name: string;
  label: string;
  keyPrefix: string;
  fields: FieldDef[];
  /** lower-case name → field */
  byName: Map<string, FieldDef>;
}

/** Opportunity stages of the local org: Salesforce's defaults plus the on-hold stage incoming referrals start in. */
export const OPPORTUNITY_STAGES = [
  'On Hold',
  'Prospecting',
  'Qualification',
  'Needs Analysis',
  'Value Proposition',
  'Id. Decision Makers',
  'Perception Analysis',
  'Proposal/Price Quote',
  'Negotiation/Review',
  'Closed Won',
  'Closed Lost',
] as const;
export const CLOSED_STAGES: Record<string, { won: boolean }> = {
  'Closed Won': { won: true },
  'Closed Lost': { won: false },
};

/** Currencies enabled in the local (multi-currency) org. */
export const ORG_CURRENCIES = ['USD', 'EUR', 'GBP', 'CAD', 'AUD', 'JPY', 'BRL', 'CNY', 'INR', 'MXN'] as const;

const f = (name: string, label: string, type: FieldType, extra: Partial<FieldDef> = {}): FieldDef => ({
  name,
  label,
  type,
  required: false,
  createable: true,
  updateable: true,
  ...extra,
});
const readOnly = { createable: false, updateable: false };

function systemFields(): FieldDef[] {
  return [
    f('Id', 'Record ID', 'id', readOnly),
    f('IsDeleted', 'Deleted', 'boolean', readOnly),
    f('OwnerId', 'Owner ID', 'reference', { referenceTo: 'User' }),
    f('CreatedDate', 'Created Date', 'datetime', readOnly),
    f('CreatedById', 'Created By ID', 'reference', { ...readOnly, referenceTo: 'User' }),
    f('LastModifiedDate', 'Last Modified Date', 'datetime', readOnly),
    f('LastModifiedById', 'Last Modified By ID', 'reference', { ...readOnly, referenceTo: 'User' }),
    f('SystemModstamp', 'System Modstamp', 'datetime', readOnly),
  ];
}

function fromModel(sf: SfField): FieldDef {
  const base = { required: sf.required };
  switch (sf.type) {
    case 'Checkbox':
      return f(sf.fullName, sf.label, 'boolean', { defaultValue: sf.defaultValue === 'true' });
    case 'Text':
      return f(sf.fullName, sf.label, 'string', {
        ...base,
        length: sf.length,
        externalId: sf.externalId,
        unique: sf.unique,
      });
    case 'Url':
      return f(sf.fullName, sf.label, 'url', { ...base, length: 255 });
    case 'LongTextArea':
    case 'TextArea':
      return f(sf.fullName, sf.label, 'textarea', { ...base, length: sf.length ?? 255 });
    case 'Picklist':
      return f(sf.fullName, sf.label, 'picklist', {
        ...base,
        picklistValues: sf.values?.map((v) => v.fullName),
        defaultValue: sf.values?.find((v) => v.default)?.fullName,
      });
    case 'MultiselectPicklist':
      return f(sf.fullName, sf.label, 'multipicklist', { ...base, picklistValues: sf.values?.map((v) => v.fullName) });
    case 'DateTime':
      return f(sf.fullName, sf.label, 'datetime', base);
    case 'Date':
      return f(sf.fullName, sf.label, 'date', base);
    case 'Currency':
      return f(sf.fullName, sf.label, 'currency', base);
    case 'Email':
      return f(sf.fullName, sf.label, 'email', { ...base, length: 80 });
    case 'Phone':
      return f(sf.fullName, sf.label, 'phone', { ...base, length: 40 });
    case 'Lookup':
      return f(sf.fullName, sf.label, 'reference', { ...base, referenceTo: sf.referenceTo });
  }
}

function objectDef(name: string, label: string, keyPrefix: string, fields: FieldDef[]): ObjectDef {
  return { name, label, keyPrefix, fields, byName: new Map(fields.map((x) => [x.name.toLowerCase(), x])) };
}

export function buildObjects(model: SalesforceModel): Map<string, ObjectDef> {
  const currency = f('CurrencyIsoCode', 'Currency ISO Code', 'picklist', {
    picklistValues: [...ORG_CURRENCIES],
    defaultValue: 'USD',
  });
  const objects = [
    objectDef('User', 'User', '005', [
      ...systemFields(),
      f('Name', 'Full Name', 'string', { ...readOnly, length: 121 }),
      f('Username', 'Username', 'string', { length: 80, required: true }),
    ]),
    objectDef('Account', 'Account', '001', [
      ...systemFields(),
      f('Name', 'Account Name', 'string', { length: 255, required: true }),
      f('BillingStreet', 'Billing Street', 'textarea', { length: 255 }),
      f('BillingCity', 'Billing City', 'string', { length: 40 }),
      f('BillingState', 'Billing State/Province', 'string', { length: 80 }),
      f('BillingPostalCode', 'Billing Zip/Postal Code', 'string', { length: 20 }),
      f('BillingCountry', 'Billing Country', 'string', { length: 80 }),
      currency,
    ]),
    objectDef('Contact', 'Contact', '003', [
      ...systemFields(),
      f('FirstName', 'First Name', 'string', { length: 40 }),
      f('LastName', 'Last Name', 'string', { length: 80, required: true }),
      f('Email', 'Email', 'email', { length: 80 }),
      f('Phone', 'Business Phone', 'phone', { length: 40 }),
      f('AccountId', 'Account ID', 'reference', { referenceTo: 'Account' }),
    ]),
    objectDef('Opportunity', 'Opportunity', '006', [
      ...systemFields(),
      f('Name', 'Name', 'string', { length: 120, required: true }),
      f('AccountId', 'Account ID', 'reference', { referenceTo: 'Account' }),
      f('ContactId', 'Contact ID', 'reference', { referenceTo: 'Contact' }),
      f('StageName', 'Stage', 'picklist', { required: true, picklistValues: [...OPPORTUNITY_STAGES] }),
      f('CloseDate', 'Close Date', 'date', { required: true }),
      f('Amount', 'Amount', 'currency'),
      f('Description', 'Description', 'textarea', { length: 32000 }),
      f('IsClosed', 'Closed', 'boolean', readOnly),
      f('IsWon', 'Won', 'boolean', readOnly),
      currency,
      ...model.opportunityFields.map(fromModel),
    ]),
    objectDef(model.solutionObject.fullName, model.solutionObject.label, 'a0X', [
      ...systemFields(),
      f('Name', model.solutionObject.nameFieldLabel, 'string', { length: 80, required: true }),
      ...model.solutionObject.fields.map(fromModel),
    ]),
  ];
  return new Map(objects.map((o) => [o.name.toLowerCase(), o]));
}
