import type { AddressInfo } from 'node:net';
import { defaultConfig, type CosellConfig } from '../../scripts/lib/config';
import { salesforceModel, type SalesforceModel } from '../../solution/salesforce/model';
import { SalesforceError, sfErrors } from './errors';
import { createSalesforceHttpServer } from './http-server';
import { buildObjects } from './objects';
import { SalesforceService } from './service';

export { SalesforceError, sfErrors } from './errors';
export { SalesforceService, sfDateTime, type SObject } from './service';
export { OPPORTUNITY_STAGES, ORG_CURRENCIES, buildObjects } from './objects';
export { parseSoql } from './soql';
export { makeId, normalizeId, caseSafeSuffix } from './ids';

export const SALESFORCE_API_VERSION = '58.0';

export interface SalesforceSandboxOptions {
  config?: CosellConfig;
  /** 0 (default) picks a free port. Always bound to 127.0.0.1. */
  port?: number;
  /** Clock for CreatedDate/LastModifiedDate/SystemModstamp. */
  now?: () => Date;
}

export interface SalesforceSandbox {
  /** Instance URL, e.g. `http://127.0.0.1:50123`. */
  instanceUrl: string;
  apiVersion: string;
  model: SalesforceModel;
  service: SalesforceService;
  /** The seller (a normal user) and the integration user the flows connect as. */
  users: { sellerId: string; integrationId: string };
  /** Bearer tokens of the two users. */
  tokens: { seller: string; integration: string };
  /** The next `count` API requests are answered 503 SERVER_UNAVAILABLE. */
  failNext(count: number): void;
  /** How many requests were answered with an injected fault so far. */
  faultsServed(): number;
  stop(): Promise<void>;
}

export const SELLER_TOKEN = 'local-seller-session';
export const INTEGRATION_TOKEN = 'local-integration-session';

/** Starts the local Salesforce REST API on 127.0.0.1 with the co-sell metadata deployed. */
export async function startSalesforceSandbox(options: SalesforceSandboxOptions = {}): Promise<SalesforceSandbox> {
  const model = salesforceModel(options.config ?? defaultConfig('1.0.0'));
  const apiPath = `/services/data/v${SALESFORCE_API_VERSION}`;
  const service = new SalesforceService({
    objects: buildObjects(model),
    now: options.now ?? (() => new Date()),
    apiPath,
  });
  const sellerId = service.addUser('Sam Seller', 'seller@contoso.example');
  const integrationId = service.addUser('Co-sell Integration', 'integration@contoso.example');
  const tokens = new Map([
    [SELLER_TOKEN, sellerId],
    [INTEGRATION_TOKEN, integrationId],
  ]);
  let failures = 0;
  let served = 0;
  const server = createSalesforceHttpServer({
    service,
    apiVersion: SALESFORCE_API_VERSION,
    userForToken: (t) => tokens.get(t),
    fault: (): SalesforceError | undefined => {
      if (failures <= 0) return undefined;
      failures--;
      served++;
      return sfErrors.unavailable();
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    instanceUrl: `http://127.0.0.1:${port}`,
    apiVersion: SALESFORCE_API_VERSION,
    model,
    service,
    users: { sellerId, integrationId },
    tokens: { seller: SELLER_TOKEN, integration: INTEGRATION_TOKEN },
    failNext(count: number) {
      failures = Math.max(0, Math.floor(count));
    },
    faultsServed: () => served,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
