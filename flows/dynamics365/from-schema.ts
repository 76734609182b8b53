import { eventsConnector, referralsConnector } from '../../connector/generator';
import { connectorLogicalName, customConnectorApiName } from '../../connector/generator/naming';
import { connectionReferenceLogicalName } from '../../solution/packer/from-build';
import type { CosellConfig } from '../../scripts/lib/config';
import { UserError } from '../../scripts/lib/user-error';
import type { EnvParameterSpec } from '../builder';
import { FIELD_MAPPING, type FieldMapping, resolveColumn } from '../mapping';
import { DEFAULT_AUDIT_MAX_CHARS } from '../audit';
import type { ResolvedColumn, ResolvedSchema } from '../../solution/schema';
import type { D365SyncContext } from './context';

/**
 * The Dynamics 365 flows' context, derived from the Dataverse schema and the config: nothing here is spelled
 * twice. Environment variable defaults that name a column must agree with the field mapping.
 */
export function d365Context(
  config: CosellConfig,
  schema: ResolvedSchema,
  mapping: readonly FieldMapping[] = FIELD_MAPPING,
): D365SyncContext {
  const n = schema.names;
  const prefix = schema.prefix;
  const column = (logicalName: string): ResolvedColumn => {
    const c = schema.opportunity.columns.find((x) => x.logicalName === logicalName);
    if (!c) throw new Error(`Schema has no opportunity column ${logicalName}.`);
    return c;
  };
  const option = (col: string, apiValue: string): number => {
    const o = column(col).options?.find((x) => x.apiValue === apiValue);
    if (!o) throw new Error(`Column ${col} has no option for ${apiValue}.`);
    return o.value;
  };
  const envVar = (schemaName: string): EnvParameterSpec => {
    const v = schema.environmentVariables.find((e) => e.schemaName === schemaName);
    if (!v) throw new Error(`Schema has no environment variable ${schemaName}.`);
    const type =
      v.type === 'Boolean' ? 'Bool' : v.type === 'Number' ? 'Float' : v.type === 'JSON' ? 'Object' : 'String';
    const defaultValue = v.type === 'Boolean' ? v.defaultValue === 'yes' : v.defaultValue;
    return { displayName: v.displayName[1033], schemaName: v.schemaName, type, defaultValue };
  };
  const env = {
    dealValueColumn: envVar(n.envDealValueColumn),
    dealCurrencyColumn: envVar(n.envDealCurrencyColumn),
    customerCountryColumn: envVar(n.envCustomerCountryColumn),
    cosellOnly: envVar(n.envSyncCosellOnly),
    defaultCountry: envVar(n.envDefaultCountry),
    defaultCurrency: envVar(n.envDefaultCurrency),
    receiverUrl: envVar(n.envWebhookReceiverUrl),
  };
  for (const m of mapping) {
    if (!m.dynamics365Setting || !m.dynamics365) continue;
    const fromMapping = resolveColumn(m.dynamics365, prefix).column;
    const fromEnv = env[m.dynamics365Setting].defaultValue;
    if (fromEnv !== fromMapping)
      throw new UserError(
        `field mapping entry "${m.key}": column "${fromMapping}" differs from the default of environment variable ${env[m.dynamics365Setting].schemaName} ("${String(fromEnv)}"); they must agree.`,
      );
  }
  // Connection reference names follow the packer's rule, so the flows name exactly what the solution ships.
  const customConnector = (displayName: string, key: string) => {
    const logicalName = connectorLogicalName(prefix, displayName);
    return {
      key,
      referenceLogicalName: connectionReferenceLogicalName(prefix, displayName),
      apiName: customConnectorApiName(logicalName),
      apiLogicalName: logicalName,
    };
  };
  return {
    prefix,
    columns: {
      sync: n.syncWithPartnerCenter,
      referralId: n.referralIdentifier,
      referralLink: n.referralLink,
      help: n.howCanMicrosoftHelp,
      shared: n.sharedWithMicrosoftSellers,
      msxId: n.microsoftCrmIdentifier,
      syncStatus: n.syncStatus,
      lastSynced: n.lastSyncedOn,
      audit: n.audit,
      syncState: n.syncState,
    },
    syncStatus: {
      notSynced: option(n.syncStatus, 'NotSynced'),
      pending: option(n.syncStatus, 'Pending'),
      synced: option(n.syncStatus, 'Synced'),
      error: option(n.syncStatus, 'Error'),
    },
    helpOptionValue: (code) => option(n.howCanMicrosoftHelp, code),
    auditMaxChars: Math.min(DEFAULT_AUDIT_MAX_CHARS, column(n.audit).maxLength ?? DEFAULT_AUDIT_MAX_CHARS),
    solutionTable: {
      logicalName: n.microsoftSolution,
      entitySet: n.microsoftSolutionSet,
      id: n.microsoftSolutionPrimaryId,
      solutionId: n.microsoftSolutionId,
      name: n.microsoftSolutionName,
    },
    solutionRelationship: n.opportunitySolutionsRelationship,
    env,
    reconciliationMinutes: config.sync.reconciliationMinutes,
    connections: {
      dataverse: {
        key: 'shared_commondataserviceforapps',
        referenceLogicalName: connectionReferenceLogicalName(prefix, 'Dataverse'),
        apiName: 'shared_commondataserviceforapps',
      },
      referrals: customConnector(referralsConnector.displayName, 'shared_partnercenterreferrals'),
      events: customConnector(eventsConnector.displayName, 'shared_partnercenterevents'),
    },
    mapping,
  };
}
