import { eventsConnector, referralsConnector } from '../../connector/generator';
import { connectorLogicalName, customConnectorApiName } from '../../connector/generator/naming';
import { connectionReferenceLogicalName } from '../../solution/packer/from-build';
import type { CosellConfig } from '../../scripts/lib/config';
import type { EnvParameterSpec } from '../builder';
import { FIELD_MAPPING, type FieldMapping } from '../mapping';
import { DEFAULT_AUDIT_MAX_CHARS } from '../audit';
import { buildSchema } from '../../solution/schema';
import { salesforceModelFromSchema, type SalesforceModel } from '../../solution/salesforce/model';
import { salesforceEnvironmentVariables } from '../../solution/salesforce/environment';
import type { SfSyncContext } from './context';

export const SALESFORCE_API_NAME = 'shared_salesforce';
export const SALESFORCE_CONNECTION_NAME = 'Salesforce';
/** Minutes between polls of the "When a record is modified" triggers. */
export const SALESFORCE_POLL_MINUTES = 1;

/** The Salesforce flows' context, from the schema, the Salesforce model and the config. */
export function sfContext(config: CosellConfig, mapping: readonly FieldMapping[] = FIELD_MAPPING): SfSyncContext {
  const schema = buildSchema(config);
  const model: SalesforceModel = salesforceModelFromSchema(schema);
  const prefix = schema.prefix;
  const envs = salesforceEnvironmentVariables(config);
  const envVar = (schemaName: string): EnvParameterSpec => {
    const v = envs.all.find((e) => e.schemaName === schemaName);
    if (!v) throw new Error(`No environment variable ${schemaName}.`);
    const type =
      v.type === 'Boolean' ? 'Bool' : v.type === 'Number' ? 'Float' : v.type === 'JSON' ? 'Object' : 'String';
    const defaultValue = v.type === 'Boolean' ? v.defaultValue === 'yes' : v.defaultValue;
    return { displayName: v.displayName[1033], schemaName: v.schemaName, type, defaultValue };
  };
  const status = model.opportunityFields.find((f) => f.fullName === model.names.syncStatus);
  const statusValue = (v: string): string => {
    const found = status?.values?.find((x) => x.fullName === v);
    if (!found) throw new Error(`Sync status has no value ${v}.`);
    return found.fullName;
  };
  const audit = model.opportunityFields.find((f) => f.fullName === model.names.audit);
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
    fields: model.names,
    syncStatus: {
      notSynced: statusValue('NotSynced'),
      pending: statusValue('Pending'),
      synced: statusValue('Synced'),
      error: statusValue('Error'),
    },
    auditMaxChars: Math.min(DEFAULT_AUDIT_MAX_CHARS, audit?.length ?? DEFAULT_AUDIT_MAX_CHARS),
    env: {
      onHoldStage: envVar(envs.names.onHoldStage),
      activeStage: envVar(envs.names.activeStage),
      integrationUserId: envVar(envs.names.integrationUserId),
      cosellOnly: envVar(envs.names.cosellOnly),
      defaultCountry: envVar(envs.names.defaultCountry),
      defaultCurrency: envVar(envs.names.defaultCurrency),
      receiverUrl: envVar(envs.names.receiverUrl),
    },
    reconciliationMinutes: config.sync.reconciliationMinutes,
    pollMinutes: SALESFORCE_POLL_MINUTES,
    connections: {
      salesforce: {
        key: SALESFORCE_API_NAME,
        referenceLogicalName: connectionReferenceLogicalName(prefix, SALESFORCE_CONNECTION_NAME),
        apiName: SALESFORCE_API_NAME,
      },
      referrals: customConnector(referralsConnector.displayName, 'shared_partnercenterreferrals'),
      events: customConnector(eventsConnector.displayName, 'shared_partnercenterevents'),
    },
    mapping,
  };
}
