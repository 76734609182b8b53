import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { ManualClock, type Clock } from './clock';
import { FaultInjector } from './faults';
import { MicrosoftSide } from './microsoft-side';
import { readStateFile, writeStateFile } from './persistence';
import { ReferralService, type PartnerIdentity } from './referral-service';
import type { StoreSnapshot } from './referral-store';
import { createSigningIdentity, type SigningIdentity } from './webhooks/certificate';
import {
  httpTransport,
  WebhookDispatcher,
  type DispatcherSnapshot,
  type WebhookTransport,
} from './webhooks/dispatcher';
import { DEFAULT_EVENT_TYPES, WebhooksService, type WebhooksSnapshot } from './webhooks/registration-service';
import { createSandboxServer } from './http/server';

export const DEFAULT_PARTNER: PartnerIdentity = {
  organizationId: '7d23e5ca-19dc-4eaa-aac8-5e6b559f0d1d',
  organizationName: 'Contoso Company',
  mpnId: '6115379',
};

export const CERTIFICATE_PATH = '/_certs/pcnotifications-dispatch.microsoft.com.cer';
export const ADMIN_PREFIX = '/_admin';

export interface PartnerCenterSandboxOptions {
  /** Port on 127.0.0.1; 0 (default) picks a free one. */
  port?: number;
  /** Default: a manual clock (tests). `npm run sandbox` uses a system clock. */
  clock?: Clock;
  /** Seed of generated ids and of fault injection. */
  seed?: string;
  partner?: Partial<PartnerIdentity>;
  /** JSON state file; loaded at start, written atomically after changes. */
  stateFile?: string;
  /** Base of webhook ResourceUri: https://api.partner.microsoft.com (default), or 'self' for the sandbox. */
  resourceBase?: string;
  /** Base of `links`, `@odata.context` and `@odata.nextLink`: the sandbox (default, 'self') or a fixed URL. */
  linkBase?: string;
  /** Status of a successful create: 200 (Microsoft's connector, default) or 201. */
  createStatus?: 200 | 201;
  /** How webhooks are sent (default: HTTP POST). */
  transport?: WebhookTransport;
  /** Attempt deliveries as soon as they are queued (retries still wait for tick/drain). */
  autoDeliver?: boolean;
  eventTypes?: readonly string[];
  maxDeliveryAttempts?: number;
  backoffMs?: (failedAttempts: number) => number;
  /** Also check the bearer token's audience when it is a JWT. */
  checkAudience?: boolean;
}

interface SandboxState {
  clock: { now: number };
  referrals: StoreSnapshot;
  webhooks: WebhooksSnapshot;
  deliveries: DispatcherSnapshot;
  faults: ReturnType<FaultInjector['snapshot']>;
}

/**
 * The Partner Center sandbox: Referrals API, Webhooks API, Microsoft's side (admin API) and fault
 * injection on one loopback port. Use it programmatically (tests, benchmarks) or through
 * `npm run sandbox`.
 */
export class PartnerCenterSandbox {
  readonly clock: Clock;
  readonly referrals: ReferralService;
  /** Microsoft's side: incoming referrals and its half of shared engagements. */
  readonly microsoft: MicrosoftSide;
  readonly dispatcher: WebhookDispatcher;
  readonly webhooks: WebhooksService;
  readonly faults: FaultInjector;
  readonly options: PartnerCenterSandboxOptions;
  private server: Server | undefined;
  private port = 0;
  private identity: SigningIdentity | undefined;
  private saveScheduled = false;

  constructor(options: PartnerCenterSandboxOptions = {}) {
    this.options = options;
    this.clock = options.clock ?? new ManualClock();
    const seed = options.seed ?? 'cosell-sandbox';
    const partner = { ...DEFAULT_PARTNER, ...options.partner };
    this.faults = new FaultInjector(seed);
    this.referrals = new ReferralService({
      clock: this.clock,
      seed,
      partner,
      linkBase: () =>
        !options.linkBase || options.linkBase === 'self' ? this.baseUrl : options.linkBase.replace(/\/$/, ''),
    });
    this.microsoft = new MicrosoftSide(this.referrals);
    this.dispatcher = new WebhookDispatcher({
      clock: this.clock,
      transport: options.transport ?? httpTransport(),
      maxAttempts: options.maxDeliveryAttempts,
      backoffMs: options.backoffMs,
      faults: (event) => this.faults.forDelivery(event),
    });
    this.webhooks = new WebhooksService({
      clock: this.clock,
      seed,
      partnerId: partner.organizationId,
      dispatcher: this.dispatcher,
      identity: () => this.signingIdentity,
      eventTypes: options.eventTypes ?? DEFAULT_EVENT_TYPES,
      resourceBase: () =>
        options.resourceBase === 'self'
          ? this.baseUrl
          : (options.resourceBase ?? 'https://api.partner.microsoft.com').replace(/\/$/, ''),
      webhooksBase: () => this.baseUrl,
      certificateUrl: () => `${this.baseUrl}${CERTIFICATE_PATH}`,
    });
    this.referrals.onChange((change) => {
      this.webhooks.onReferralChange(change);
      this.changed();
      if (options.autoDeliver) void this.dispatcher.tick();
    });
    this.dispatcher.onAttempt(() => this.changed());
    this.clock.onAdvance(() => {
      this.referrals.expireDue();
      this.changed();
    });
    if (options.stateFile) this.load(options.stateFile);
  }

  /** The signing certificate and key, made on first use. */
  get signingIdentity(): SigningIdentity {
    this.identity ??= createSigningIdentity(this.clock.now(), Date.now());
    return this.identity;
  }

  get baseUrl(): string {
    return `http://127.0.0.1:${this.port}`;
  }
  get adminUrl(): string {
    return `${this.baseUrl}${ADMIN_PREFIX}`;
  }
  get certificateUrl(): string {
    return `${this.baseUrl}${CERTIFICATE_PATH}`;
  }

  async start(): Promise<{ baseUrl: string; adminUrl: string }> {
    if (this.server) return { baseUrl: this.baseUrl, adminUrl: this.adminUrl };
    const server = createSandboxServer(this);
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.options.port ?? 0, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
    this.server = server;
    this.port = (server.address() as AddressInfo).port;
    return { baseUrl: this.baseUrl, adminUrl: this.adminUrl };
  }

  async stop(): Promise<void> {
    this.flush();
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  }

  /** Moves the sandbox clock forward; due referrals expire and due webhook retries become ready. */
  advance(ms: number): void {
    this.clock.advance(ms);
  }

  /** Forgets all referrals, the registration, deliveries and faults. */
  reset(): void {
    this.referrals.reset();
    this.webhooks.clear();
    this.dispatcher.clear();
    this.faults.clear();
    this.changed();
  }

  /** Writes the state file now (it is otherwise written shortly after each change). */
  flush(): void {
    if (!this.options.stateFile) return;
    this.saveScheduled = false;
    const state: SandboxState = {
      clock: { now: this.clock.now() },
      referrals: this.referrals.store.snapshot(),
      webhooks: this.webhooks.snapshot(),
      deliveries: this.dispatcher.snapshot(),
      faults: this.faults.snapshot(),
    };
    writeStateFile(this.options.stateFile, state);
  }

  /** Marks the state dirty; the file is written once per burst of changes. */
  changed(): void {
    if (!this.options.stateFile || this.saveScheduled) return;
    this.saveScheduled = true;
    setImmediate(() => {
      if (this.saveScheduled) this.flush();
    });
  }

  private load(file: string): void {
    const state = readStateFile(file) as SandboxState | undefined;
    if (!state) return;
    this.referrals.store.restore(state.referrals);
    this.referrals.reindex();
    this.webhooks.restore(state.webhooks);
    this.dispatcher.restore(state.deliveries);
    this.faults.restore(state.faults);
    const behind = state.clock.now - this.clock.now();
    if (behind > 0) this.clock.advance(behind);
  }
}
