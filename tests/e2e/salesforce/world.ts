import { join } from 'node:path';
import { loadConfig, type CosellConfig } from '../../../scripts/lib/config';
import { FlowRuntime, VirtualClock, type LoadedFlow } from '../../../flows/runtime/engine';
import { SalesforceAdapter } from '../../../flows/runtime/connectors/salesforce';
import { startSalesforceSandbox, type SalesforceSandbox, type SObject } from '../../../sandbox/salesforce';
import { PartnerCenterSandbox } from '../../../sandbox/partner-center';
import { sfContext, type SfSyncContext } from '../../../flows/salesforce';
import { SF_FLOWS } from '../../../flows/salesforce';
import { auditLines, failedRuns, flowRuntimeFor, partnerCenterFor, readDist, runTraces, SharedClock } from '../shared';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Row = Record<string, any>;

/**
 * The Salesforce end-to-end world: the generated Salesforce flow files from dist/ running in the local
 * runtime against the Partner Center sandbox and the local Salesforce API, on one virtual clock. The
 * flows' Salesforce connection signs in as the integration user; the seller edits as another user.
 * Partner Center's webhook deliveries go straight to the receiver flow's HTTP trigger; the polling
 * triggers fire as the clock moves.
 */
const ROOT = join(__dirname, '../../..');
export const START = '2026-06-01T09:00:00.000Z';
const MINUTE = 60_000;

export interface SfWorldOptions {
  seed?: string;
}

export class SalesforceWorld {
  readonly config: CosellConfig;
  readonly ctx: SfSyncContext;
  readonly clock = new VirtualClock(START);
  readonly shared = new SharedClock(this.clock);
  readonly runtime: FlowRuntime;
  readonly pc: PartnerCenterSandbox;
  readonly flows: Record<string, LoadedFlow> = {};
  sf!: SalesforceSandbox;
  private adapter!: SalesforceAdapter;

  private constructor(options: SfWorldOptions) {
    this.config = loadConfig(ROOT);
    this.ctx = sfContext(this.config);
    this.pc = partnerCenterFor(
      this.shared,
      options.seed ?? 'e2e-sf',
      () => this.runtime,
      () => this.flows['partner-center-to-salesforce'],
    );
    this.runtime = undefined as unknown as FlowRuntime;
  }

  static async start(options: SfWorldOptions = {}): Promise<SalesforceWorld> {
    const w = new SalesforceWorld(options);
    await w.pc.start();
    w.sf = await startSalesforceSandbox({ config: w.config, now: () => w.clock.now() });
    w.adapter = new SalesforceAdapter({
      instanceUrl: w.sf.instanceUrl,
      connectionTokens: { [w.ctx.connections.salesforce.referenceLogicalName]: w.sf.tokens.integration },
      defaultToken: w.sf.tokens.integration,
    });
    (w as { runtime: FlowRuntime }).runtime = flowRuntimeFor({
      clock: w.clock,
      adapter: w.adapter,
      connections: w.ctx.connections,
      partnerCenterUrl: w.pc.baseUrl,
      env: w.ctx.env,
      overrides: {
        [w.ctx.env.receiverUrl.schemaName]: 'https://flows.example/receiver',
        [w.ctx.env.integrationUserId.schemaName]: w.sf.users.integrationId,
      },
    });
    for (const { file } of SF_FLOWS)
      w.flows[file] = w.runtime.load(readDist(`flows/salesforce/${file}.json`), { id: file, name: file });
    // Turning the flows on: the polling triggers' first poll sets their watermark.
    for (const file of ['create-referral', 'opportunity-to-partner-center']) await w.runtime.poll(w.flows[file]);
    return w;
  }

  /** More runs than this in one settle means flows keep triggering each other: a sync loop. */
  maxRunsPerSettle = 300;

  /**
   * Runs everything due until the system is at rest: webhook deliveries, then one polling interval of
   * time (the Salesforce triggers poll), again, until a round starts no run and delivers nothing.
   */
  async settle(maxRounds = 100): Promise<void> {
    const startRuns = this.runtime.runs.length;
    for (let round = 0; round < maxRounds; round++) {
      const before = this.runtime.runs.length;
      await this.runtime.idle();
      const attempted = await this.pc.dispatcher.tick();
      await this.runtime.idle();
      await this.runtime.advanceTo(new Date(this.clock.nowMs() + this.ctx.pollMinutes * MINUTE));
      this.shared.advance(0);
      await this.runtime.idle();
      if (this.runtime.runs.length - startRuns > this.maxRunsPerSettle) {
        const recent = this.runtime.runs.slice(-6).map((r) => `${r.flowName} ${r.status}`);
        throw new Error(
          `Sync loop: more than ${this.maxRunsPerSettle} runs without coming to rest. Last runs: ${recent.join('; ')}`,
        );
      }
      const quiet =
        attempted === 0 &&
        this.runtime.runs.length === before &&
        this.pc.dispatcher.pendingDeliveries().every((d) => d.dueAt > this.shared.now());
      if (quiet) return;
    }
    throw new Error(`The world did not come to rest in ${maxRounds} rounds.`);
  }

  /** Moves time forward (recurrences, polls, due webhook retries) and settles. */
  async advance(ms: number): Promise<void> {
    await this.runtime.advanceTo(new Date(this.clock.nowMs() + ms));
    this.shared.advance(0);
    await this.settle();
  }

  async stop(): Promise<void> {
    this.adapter.close();
    await this.pc.stop();
    await this.sf.stop();
  }

  get fields() {
    return this.ctx.fields;
  }

  // ---- the seller's side ------------------------------------------------------------------------
  /** A person's edit happens a moment after the last flow run, never in the same millisecond. */
  private human(): void {
    this.shared.advance(1000);
  }

  opportunity(id: string): Row {
    return this.sf.service.get('Opportunity', id) as Row;
  }

  opportunities(where?: string): Row[] {
    return this.sf.service
      .query(`SELECT Id FROM Opportunity${where ? ` WHERE ${where}` : ''}`)
      .records.map((r) => this.opportunity(String(r.Id)));
  }

  create(object: string, fields: SObject): string {
    this.human();
    return this.sf.service.create(object, fields, this.sf.users.sellerId).id;
  }

  update(object: string, id: string, fields: SObject): void {
    this.human();
    this.sf.service.update(object, id, fields, this.sf.users.sellerId);
  }

  /** A seller's deal: an account with a billing address, a contact, Microsoft Solutions, then sync. */
  sellerCreatesDeal(
    fields: SObject = {},
    options: { country?: string; solutions?: string[]; contact?: boolean; name?: string } = {},
  ): string {
    const account = this.create('Account', {
      Name: 'Northwind Traders',
      BillingStreet: '1 Main Street',
      BillingCity: 'Seattle',
      BillingPostalCode: '98101',
      BillingCountry: options.country ?? 'US',
    });
    const opp: SObject = {
      Name: options.name ?? 'Northwind cloud migration',
      StageName: 'Prospecting',
      CloseDate: '2026-12-15',
      Amount: 120000,
      CurrencyIsoCode: 'USD',
      Description: 'Migrating the data centre to Azure.',
      AccountId: account,
      ...fields,
    };
    if (options.contact !== false)
      opp.ContactId = this.create('Contact', {
        FirstName: 'Ana',
        LastName: 'Lima',
        Email: 'ana.lima@northwind.example',
        AccountId: account,
      });
    const sync = opp[this.fields.sync];
    delete opp[this.fields.sync];
    const id = this.create('Opportunity', opp);
    for (const sol of options.solutions ?? ['SOL-15974-MQF']) this.addSolution(id, sol);
    if (sync !== undefined) this.update('Opportunity', id, { [this.fields.sync]: sync });
    return id;
  }

  addSolution(opportunityId: string, solutionId: string): string {
    return this.create(this.fields.solutionObject, {
      Name: `Solution ${solutionId}`,
      [this.fields.solutionId]: solutionId,
      [this.fields.solutionOpportunity]: opportunityId,
    });
  }

  /** The audit entries of an opportunity, oldest first. */
  audit(id: string): Row[] {
    return auditLines(this.opportunity(id)[this.fields.audit]);
  }

  runsOf(file: string) {
    return this.runtime.runs.filter((r) => r.flowName === file);
  }

  /** Every failed run, with its failed actions' codes and messages. */
  failures(): string[] {
    return failedRuns(this.runtime);
  }

  traces(file?: string): string {
    return runTraces(this.runtime, file);
  }
}
