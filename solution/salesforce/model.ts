import type { CosellConfig } from '../../scripts/lib/config';
import { buildSchema, type ResolvedColumn, type ResolvedSchema } from '../schema';

/**
 * The Salesforce side of the schema, derived from the same definitions as the Dataverse solution
 * (solution/schema): labels, descriptions, option values and lengths come from there; only the
 * Salesforce type rules (Text at most 255, Url without a length, long text from 256) are applied here.
 * The metadata generator renders this model and the local Salesforce API validates against it.
 */

export type SfFieldType =
  | 'Checkbox'
  | 'Text'
  | 'Url'
  | 'LongTextArea'
  | 'Picklist'
  | 'MultiselectPicklist'
  | 'DateTime'
  | 'Date'
  | 'Currency'
  | 'Email'
  | 'Phone'
  | 'TextArea'
  | 'Lookup';

export interface SfPicklistValue {
  /** API value (what the REST API reads and writes). */
  fullName: string;
  label: string;
  default: boolean;
}

export interface SfField {
  /** API name, e.g. `cosell_ReferralIdentifier__c`. */
  fullName: string;
  label: string;
  description: string;
  type: SfFieldType;
  length?: number;
  visibleLines?: number;
  required: boolean;
  externalId?: boolean;
  unique?: boolean;
  defaultValue?: string;
  /** Restricted picklists refuse values outside `values`. */
  values?: SfPicklistValue[];
  referenceTo?: string;
  relationshipName?: string;
  relationshipLabel?: string;
  /** Sellers read it; only the integration user writes it (set by the sync). */
  readOnlyForSellers?: boolean;
  /** Bookkeeping: sellers don't see it at all. */
  hiddenFromSellers?: boolean;
}

export interface SfCustomObject {
  fullName: string;
  label: string;
  pluralLabel: string;
  description: string;
  nameFieldLabel: string;
  fields: SfField[];
}

export interface SalesforceModel {
  prefix: string;
  /** Custom fields added to Opportunity, in definition order. */
  opportunityFields: SfField[];
  solutionObject: SfCustomObject;
  permissionSets: { fullName: string; label: string; description: string; role: 'integration' | 'seller' }[];
  /** API names by role, so flows and tests never spell a prefixed name themselves. */
  names: {
    sync: string;
    referralId: string;
    referralLink: string;
    help: string;
    shared: string;
    msxId: string;
    syncStatus: string;
    lastSynced: string;
    audit: string;
    syncState: string;
    solutionObject: string;
    solutionId: string;
    solutionType: string;
    solutionOpportunity: string;
    /** Child relationship name as SOQL writes it (`…__r`). */
    solutionsRelationship: string;
  };
}

/** Salesforce limits a Text field to 255 characters; long text areas run from 256 to 131,072. */
export const SF_TEXT_MAX = 255;
export const SF_LONG_TEXT_MIN = 256;
export const SF_LONG_TEXT_MAX = 131072;

const api = (schemaName: string): string => `${schemaName}__c`;

function picklistValues(c: ResolvedColumn): SfPicklistValue[] {
  return (c.options ?? []).map((o) => {
    if (!o.apiValue) throw new Error(`Column ${c.logicalName}: option ${o.value} has no API value for Salesforce.`);
    return { fullName: o.apiValue, label: o.label[1033], default: c.defaultValue === o.value };
  });
}

/** One Dataverse column definition → the Salesforce field with the same meaning. */
export function sfFieldFromColumn(c: ResolvedColumn): SfField {
  const base = {
    fullName: api(c.schemaName),
    label: c.displayName[1033],
    description: c.description[1033],
    required: c.requiredLevel === 'required',
    ...(c.readOnlyOnForm ? { readOnlyForSellers: true } : {}),
    ...(c.hiddenOnForm ? { hiddenFromSellers: true } : {}),
  };
  switch (c.type) {
    case 'Boolean':
      return { ...base, type: 'Checkbox', required: false, defaultValue: c.defaultValue === true ? 'true' : 'false' };
    case 'String': {
      if (c.format === 'url') return { ...base, type: 'Url' };
      const length = c.maxLength ?? SF_TEXT_MAX;
      if (length > SF_TEXT_MAX)
        throw new Error(`Column ${c.logicalName}: ${length} characters do not fit a Salesforce Text field.`);
      return { ...base, type: 'Text', length };
    }
    case 'Memo': {
      const length = Math.min(SF_LONG_TEXT_MAX, Math.max(SF_LONG_TEXT_MIN, c.maxLength ?? 32768));
      return { ...base, type: 'LongTextArea', length, visibleLines: 5 };
    }
    case 'Picklist':
      return { ...base, type: 'Picklist', values: picklistValues(c) };
    case 'MultiSelectPicklist':
      return { ...base, type: 'MultiselectPicklist', values: picklistValues(c), visibleLines: 6 };
    case 'DateTime':
      return { ...base, type: c.format === 'date' ? 'Date' : 'DateTime' };
  }
}

export function salesforceModelFromSchema(schema: ResolvedSchema): SalesforceModel {
  const p = schema.prefix;
  const n = schema.names;
  const col = (logicalName: string): ResolvedColumn => {
    const c = [...schema.opportunity.columns, ...schema.tables.flatMap((t) => t.columns)].find(
      (x) => x.logicalName === logicalName,
    );
    if (!c) throw new Error(`Schema has no column ${logicalName}.`);
    return c;
  };
  const opportunityFields = schema.opportunity.columns.map((c) => {
    const f = sfFieldFromColumn(c);
    // The referral id is the Salesforce external id: upsert by it, and no two opportunities hold one referral.
    return c.logicalName === n.referralIdentifier ? { ...f, externalId: true, unique: true } : f;
  });
  const table = schema.tables.find((t) => t.logicalName === n.microsoftSolution);
  if (!table) throw new Error('Schema has no Microsoft Solution table.');
  const solutionObjectName = api(table.schemaName);
  const relationship = `${table.schemaName}s`;
  const solutionFields: SfField[] = table.columns
    .filter((c) => c.logicalName !== table.primaryNameAttribute)
    .map((c) => sfFieldFromColumn(c))
    .concat({
      fullName: `${p}_Opportunity__c`,
      label: 'Opportunity',
      description: 'The opportunity this Microsoft solution is attached to.',
      type: 'Lookup',
      required: false,
      referenceTo: 'Opportunity',
      relationshipName: relationship,
      relationshipLabel: table.displayCollectionName[1033],
    });
  const nameColumn = col(table.primaryNameAttribute);
  return {
    prefix: p,
    opportunityFields,
    solutionObject: {
      fullName: solutionObjectName,
      label: table.displayName[1033],
      pluralLabel: table.displayCollectionName[1033],
      description: table.description[1033],
      nameFieldLabel: nameColumn.displayName[1033],
      fields: solutionFields,
    },
    permissionSets: [
      {
        fullName: `${p}_CosellSyncIntegration`,
        label: 'Co-sell Sync integration user',
        description:
          'For the user the flows connect as: reads and writes every co-sell field on Opportunity and Microsoft Solutions.',
        role: 'integration',
      },
      {
        fullName: `${p}_CosellSyncSeller`,
        label: 'Co-sell Sync seller',
        description:
          'For sellers: turns sync on, asks for Microsoft help and manages Microsoft Solutions; sees the fields the sync sets read-only.',
        role: 'seller',
      },
    ],
    names: {
      sync: api(col(n.syncWithPartnerCenter).schemaName),
      referralId: api(col(n.referralIdentifier).schemaName),
      referralLink: api(col(n.referralLink).schemaName),
      help: api(col(n.howCanMicrosoftHelp).schemaName),
      shared: api(col(n.sharedWithMicrosoftSellers).schemaName),
      msxId: api(col(n.microsoftCrmIdentifier).schemaName),
      syncStatus: api(col(n.syncStatus).schemaName),
      lastSynced: api(col(n.lastSyncedOn).schemaName),
      audit: api(col(n.audit).schemaName),
      syncState: api(col(n.syncState).schemaName),
      solutionObject: solutionObjectName,
      solutionId: api(col(n.microsoftSolutionId).schemaName),
      solutionType: api(col(n.microsoftSolutionType).schemaName),
      solutionOpportunity: `${p}_Opportunity__c`,
      solutionsRelationship: `${relationship}__r`,
    },
  };
}

export function salesforceModel(config: CosellConfig): SalesforceModel {
  return salesforceModelFromSchema(buildSchema(config));
}
