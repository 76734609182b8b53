import type { ConnectionSpec, EnvParameterSpec } from '../builder';
import { FIELD_MAPPING, type FieldMapping, resolveColumn } from '../mapping';

/**
 * Everything the Dynamics 365 flows need to know about the solution they ship in: column logical
 * names, option values, environment variables and connections. Built from the Dataverse schema and
 * the config at build time, so a flow never spells a column name itself.
 */
export interface D365SyncContext {
  prefix: string;
  columns: {
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
  };
  syncStatus: { notSynced: number; pending: number; synced: number; error: number };
  /** Option value of a "How can Microsoft help?" choice, by its Partner Center code. */
  helpOptionValue(code: string): number;
  auditMaxChars: number;
  solutionTable: { logicalName: string; entitySet: string; id: string; solutionId: string; name: string };
  /** Navigation property of the opportunity ↔ Microsoft Solution N:N relationship. */
  solutionRelationship: string;
  env: {
    dealValueColumn: EnvParameterSpec;
    dealCurrencyColumn: EnvParameterSpec;
    customerCountryColumn: EnvParameterSpec;
    cosellOnly: EnvParameterSpec;
    defaultCountry: EnvParameterSpec;
    defaultCurrency: EnvParameterSpec;
    /** The receiver flow's URL, which reconciliation checks the webhook registration against. */
    receiverUrl: EnvParameterSpec;
  };
  /** How often reconciliation runs (config `sync.reconciliationMinutes`). */
  reconciliationMinutes: number;
  connections: { dataverse: ConnectionSpec; referrals: ConnectionSpec; events: ConnectionSpec };
  mapping: readonly FieldMapping[];
}

export { env } from '../builder';

/** Mapped fields whose Dynamics 365 side is a column of `table`, in mapping order. */
export function mappedOn(ctx: D365SyncContext, table: string): { m: FieldMapping; column: string }[] {
  return ctx.mapping.flatMap((m) => {
    if (!m.dynamics365) return [];
    const r = resolveColumn(m.dynamics365, ctx.prefix);
    return r.table === table ? [{ m, column: r.column }] : [];
  });
}

export const defaultMapping = FIELD_MAPPING;
