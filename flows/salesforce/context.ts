import type { ConnectionSpec, EnvParameterSpec } from '../builder';
import { FIELD_MAPPING, type FieldMapping, resolveColumn } from '../mapping';
import type { SalesforceModel } from '../../solution/salesforce/model';

/**
 * Everything the Salesforce flows need to know: field API names (from the Salesforce metadata model,
 * itself derived from the schema), picklist values, environment variables and connections. Built at
 * build time so a flow never spells a field name itself.
 */
export interface SfSyncContext {
  prefix: string;
  fields: SalesforceModel['names'];
  /** Sync status picklist API values. */
  syncStatus: { notSynced: string; pending: string; synced: string; error: string };
  auditMaxChars: number;
  env: {
    onHoldStage: EnvParameterSpec;
    activeStage: EnvParameterSpec;
    integrationUserId: EnvParameterSpec;
    cosellOnly: EnvParameterSpec;
    defaultCountry: EnvParameterSpec;
    defaultCurrency: EnvParameterSpec;
    receiverUrl: EnvParameterSpec;
  };
  reconciliationMinutes: number;
  /** How often the "When a record is modified" triggers poll Salesforce. */
  pollMinutes: number;
  connections: { salesforce: ConnectionSpec; referrals: ConnectionSpec; events: ConnectionSpec };
  mapping: readonly FieldMapping[];
}

export { env } from '../builder';

/** Mapped fields whose Salesforce side is a field of `object`, in mapping order. */
export function sfMappedOn(ctx: SfSyncContext, object: string): { m: FieldMapping; field: string }[] {
  return ctx.mapping.flatMap((m) => {
    if (!m.salesforce) return [];
    const r = resolveColumn(m.salesforce, ctx.prefix);
    return r.table === object ? [{ m, field: r.column }] : [];
  });
}

export const defaultMapping = FIELD_MAPPING;
