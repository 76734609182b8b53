import { randomUUID } from 'node:crypto';
import { defaultConfig, type CosellConfig } from '../../scripts/lib/config';
import { guidFromName } from '../../scripts/lib/guid';
import { UserError } from '../../scripts/lib/user-error';
import { buildSchema } from '../../solution/schema/build-schema';
import type { ResolvedSchema } from '../../solution/schema/types';
import { buildModel } from './metadata/build-model';
import { ChangeFeed } from './notifications/change-feed';
import { readSnapshot, writeSnapshot } from './persistence';
import { SEED_IDS, SEEDED_CURRENCIES, seedOrganization } from './seed';
import { DataverseHttpServer } from './server/http-server';
import { DataverseService } from './service';
import { DataverseStore } from './store/store';

export interface DataverseSandboxOptions {
  /** Publisher prefixes come from here (default: the default config). */
  config?: CosellConfig;
  /** Or give the resolved schema directly. */
  schema?: ResolvedSchema;
  /** 0 (default) picks a free port. Always bound to 127.0.0.1. */
  port?: number;
  /** Clock for createdon/modifiedon; pass `new ManualClock().now` in tests. */
  now?: () => Date;
  /** Id generator for new rows (default random v4 GUIDs). */
  newId?: () => string;
  /** JSON file the state is loaded from at start and written to (atomically) after each write. */
  persistPath?: string;
  /** ISO code of the organization's base currency (default USD); must be one of the seeded currencies. */
  baseCurrency?: string;
}

export interface DataverseSandbox {
  /** e.g. `http://127.0.0.1:50123` */
  url: string;
  /** e.g. `http://127.0.0.1:50123/api/data/v9.2/` */
  apiUrl: string;
  port: number;
  schema: ResolvedSchema;
  store: DataverseStore;
  service: DataverseService;
  changeFeed: ChangeFeed;
  adminUserId: string;
  integrationUserId: string;
  currencyId(iso: string): string;
  stop(): Promise<void>;
}

export const ORGANIZATION_ID = guidFromName('dataverse-sandbox/organization');
export const BUSINESS_UNIT_ID = guidFromName('dataverse-sandbox/businessunit');

/** Builds the in-memory organization without HTTP (benchmarks and unit tests use it directly). */
export function createDataverseCore(options: DataverseSandboxOptions = {}) {
  const schema = options.schema ?? buildSchema(options.config ?? defaultConfig('1.0.0'));
  const baseCurrency = options.baseCurrency ?? 'USD';
  if (!SEEDED_CURRENCIES.includes(baseCurrency)) {
    throw new UserError(
      `baseCurrency "${baseCurrency}" is not one of the seeded currencies: ${SEEDED_CURRENCIES.join(', ')}.`,
    );
  }
  const model = buildModel(schema);
  const newId = options.newId ?? randomUUID;
  const store = new DataverseStore(model, { now: options.now ?? (() => new Date()), newId });
  const snapshot = options.persistPath ? readSnapshot(options.persistPath) : undefined;
  if (snapshot) store.restore(snapshot);
  else seedOrganization(store, baseCurrency);
  const service = new DataverseService(store, {
    defaultCallerId: SEED_IDS.adminUserId,
    baseCurrencyId: SEED_IDS.currencyId(baseCurrency),
    newId,
  });
  const changeFeed = new ChangeFeed(service);
  return { schema, store, service, changeFeed };
}

/** Starts the local Dataverse Web API on 127.0.0.1. */
export async function startDataverseSandbox(options: DataverseSandboxOptions = {}): Promise<DataverseSandbox> {
  const core = createDataverseCore(options);
  const persistPath = options.persistPath;
  const http = new DataverseHttpServer({
    service: core.service,
    organizationId: ORGANIZATION_ID,
    businessUnitId: BUSINESS_UNIT_ID,
    ...(persistPath ? { afterWrite: () => writeSnapshot(persistPath, core.store.snapshot()) } : {}),
  });
  if (persistPath) writeSnapshot(persistPath, core.store.snapshot());
  const port = await http.listen(options.port ?? 0);
  return {
    ...core,
    url: `http://127.0.0.1:${port}`,
    apiUrl: http.apiUrl,
    port,
    adminUserId: SEED_IDS.adminUserId,
    integrationUserId: SEED_IDS.integrationUserId,
    currencyId: SEED_IDS.currencyId,
    stop: () => http.close(),
  };
}

export { ManualClock } from './clock';
export { DataverseError, ErrorCodes } from './errors';
export type { CallbackRegistration, ChangeNotification } from './notifications/change-feed';
export { SEED_IDS } from './seed';
