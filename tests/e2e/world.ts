import { join } from 'node:path';
import { loadConfig, type CosellConfig } from '../../scripts/lib/config';
import { guidFromName } from '../../scripts/lib/guid';
import { FlowRuntime, VirtualClock, type LoadedFlow } from '../../flows/runtime/engine';
import { ApiClient, idFromEntityId } from '../contract/dataverse/client';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Row = Record<string, any>;
import { DataverseAdapter } from '../../flows/runtime/connectors/dataverse';
import { startDataverseSandbox, type DataverseSandbox } from '../../sandbox/dataverse';
import { PartnerCenterSandbox } from '../../sandbox/partner-center';
import { d365Context } from '../../flows/dynamics365/from-schema';
import type { D365SyncContext } from '../../flows/dynamics365/context';
import { D365_FLOWS } from '../../flows/dynamics365';
import { auditLines, failedRuns, flowRuntimeFor, partnerCenterFor, readDist, runTraces, SharedClock } from './shared';

/**
 * The end-to-end world: the generated flow files from dist/ (the bytes we ship) running in the local
 * runtime, against the Partner Center sandbox and the local Dataverse, on one virtual clock. Partner
 * Center's webhook deliveries go straight to the receiver flow's HTTP trigger.
 */
const ROOT = join(__dirname, '../..');
export const START = '2026-06-01T09:00:00.000Z';

export interface WorldOptions {
  seed?: string;
}

export class D365World {
  readonly config: CosellConfig;
  readonly ctx: D365SyncContext;
  readonly clock = new VirtualClock(START);
  readonly shared = new SharedClock(this.clock);
  readonly runtime: FlowRuntime;
  readonly pc: PartnerCenterSandbox;
  readonly flows: Record<string, LoadedFlow> = {};
  dv!: DataverseSandbox;
  api!: ApiClient;
  private adapter!: DataverseAdapter;
  private deactivate: (() => void)[] = [];

  private constructor(options: WorldOptions) {
    this.config = loadConfig(ROOT);
    this.pc = partnerCenterFor(
      this.shared,
      options.seed ?? 'e2e',
      () => this.runtime,
      () => this.flows['partner-center-to-dynamics365'],
    );
    this.runtime = undefined as unknown as FlowRuntime;
    this.ctx = undefined as unknown as D365SyncContext;
  }

  static async start(options: WorldOptions = {}): Promise<D365World> {
    const w = new D365World(options);
    await w.pc.start();
    // Row ids derive from the seed, so a seed replays exactly.
    let rows = 0;
    const seed = options.seed ?? 'e2e';
    w.dv = await startDataverseSandbox({
      config: w.config,
      now: () => w.clock.now(),
      newId: () => guidFromName(`${seed}/row/${++rows}`),
    });
    w.api = new ApiClient(w.dv.apiUrl);
    (w as { ctx: D365SyncContext }).ctx = d365Context(w.config, w.dv.schema);
    w.adapter = new DataverseAdapter({
      apiUrl: w.dv.apiUrl,
      connectionUsers: { [w.ctx.connections.dataverse.referenceLogicalName]: w.dv.integrationUserId },
      changeSource: w.dv.changeFeed,
      flowOwnerId: w.dv.adminUserId,
    });
    (w as { runtime: FlowRuntime }).runtime = flowRuntimeFor({
      clock: w.clock,
      adapter: w.adapter,
      connections: w.ctx.connections,
      partnerCenterUrl: w.pc.baseUrl,
      env: w.ctx.env,
      overrides: { [w.ctx.env.receiverUrl.schemaName]: 'https://flows.example/receiver' },
    });
    for (const { file } of D365_FLOWS) {
      w.flows[file] = w.runtime.load(readDist(`flows/dynamics365/${file}.json`), { id: file, name: file });
    }
    for (const file of ['create-referral', 'opportunity-to-partner-center'])
      w.deactivate.push(w.runtime.activate(w.flows[file]));
    return w;
  }

  /** More runs than this in one settle means flows keep triggering each other: a sync loop. */
  maxRunsPerSettle = 300;

  /**
   * Runs everything that is due until the system is at rest: flow runs, then webhook deliveries, again.
   * A loop between flows is stopped (its triggers turned off) and reported as an error.
   */
  async settle(maxRounds = 200): Promise<void> {
    const startRuns = this.runtime.runs.length;
    let looping = false;
    const guard = setInterval(() => {
      if (!looping && this.runtime.runs.length - startRuns > this.maxRunsPerSettle) {
        looping = true;
        for (const d of this.deactivate) d();
      }
    }, 20);
    try {
      for (let round = 0; round < maxRounds && !looping; round++) {
        await this.runtime.idle();
        const attempted = await this.pc.dispatcher.tick();
        await this.runtime.idle();
        if (attempted === 0 && this.pc.dispatcher.pendingDeliveries().every((d) => d.dueAt > this.shared.now())) break;
        if (round === maxRounds - 1) throw new Error(`The world did not come to rest in ${maxRounds} rounds.`);
      }
    } finally {
      clearInterval(guard);
    }
    if (looping) {
      const recent = this.runtime.runs.slice(-6).map((r) => `${r.flowName} ${r.status}`);
      throw new Error(
        `Sync loop: more than ${this.maxRunsPerSettle} runs without coming to rest. Last runs: ${recent.join('; ')}`,
      );
    }
  }

  /** Moves time forward (firing recurrences and due webhook retries) and settles. */
  async advance(ms: number): Promise<void> {
    const target = this.clock.nowMs() + ms;
    await this.runtime.advanceTo(new Date(target));
    this.shared.advance(0);
    await this.settle();
  }

  async stop(): Promise<void> {
    for (const d of this.deactivate) d();
    this.adapter.close();
    this.api.close();
    await this.pc.stop();
    await this.dv.stop();
  }

  // ---- the seller's side: Dataverse as the Opportunity form writes it -------------------------
  get columns() {
    return this.ctx.columns;
  }

  /** Reads an opportunity as the form would (annotations included). */
  async opportunity(id: string): Promise<Row> {
    const r = await this.api.get(`opportunities(${id})`, { Prefer: 'odata.include-annotations="*"' });
    if (r.status !== 200) throw new Error(`GET opportunity ${id}: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  }

  async opportunities(filter?: string): Promise<Row[]> {
    const r = await this.api.get(`opportunities${filter ? `?$filter=${encodeURIComponent(filter)}` : ''}`);
    if (r.status !== 200) throw new Error(`GET opportunities: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body.value;
  }

  /** A seller creates a row (as the admin user); returns its id. */
  async create(set: string, body: Row): Promise<string> {
    const r = await this.api.post(set, body);
    if (r.status !== 204) throw new Error(`POST ${set}: ${r.status} ${JSON.stringify(r.body)}`);
    return idFromEntityId(r.headers['odata-entityid']);
  }

  /** A seller updates a row. */
  async update(set: string, id: string, body: Row): Promise<void> {
    const r = await this.api.patch(`${set}(${id})`, body, { 'If-Match': '*' });
    if (r.status !== 204) throw new Error(`PATCH ${set}(${id}): ${r.status} ${JSON.stringify(r.body)}`);
  }

  async associateSolution(opportunityId: string, solutionId: string): Promise<void> {
    const r = await this.api.post(`opportunities(${opportunityId})/${this.ctx.solutionRelationship}/$ref`, {
      '@odata.id': `${this.dv.apiUrl}${this.ctx.solutionTable.entitySet}(${solutionId})`,
    });
    if (r.status !== 204) throw new Error(`associate: ${r.status} ${JSON.stringify(r.body)}`);
  }

  /**
   * A seller's deal as the Opportunity form creates it: an account with an address, a contact, a Microsoft
   * Solution associated, and the given columns on the opportunity.
   */
  async sellerCreatesDeal(
    columns: Row = {},
    options: { country?: string; solutions?: string[]; contact?: boolean } = {},
  ): Promise<string> {
    const account = await this.create('accounts', {
      name: 'Northwind Traders',
      address1_line1: '1 Main Street',
      address1_city: 'Seattle',
      address1_postalcode: '98101',
      address1_country: options.country ?? 'US',
    });
    const body: Row = {
      name: 'Northwind cloud migration',
      estimatedvalue: 120000,
      estimatedclosedate: '2026-12-15',
      description: 'Migrating the data centre to Azure.',
      'transactioncurrencyid@odata.bind': `transactioncurrencies(${this.dv.currencyId('USD')})`,
      'customerid_account@odata.bind': `accounts(${account})`,
      ...columns,
    };
    if (options.contact !== false) {
      const contact = await this.create('contacts', {
        firstname: 'Ana',
        lastname: 'Lima',
        emailaddress1: 'ana.lima@northwind.example',
        'parentcustomerid_account@odata.bind': `accounts(${account})`,
      });
      body['parentcontactid@odata.bind'] = `contacts(${contact})`;
    }
    // Create without sync first, so the solutions are in place before the seller turns sync on.
    const sync = body[this.columns.sync];
    delete body[this.columns.sync];
    const id = await this.create('opportunities', body);
    for (const sol of options.solutions ?? ['SOL-15974-MQF'])
      await this.associateSolution(id, await this.solution(sol));
    if (sync !== undefined) await this.update('opportunities', id, { [this.columns.sync]: sync });
    return id;
  }

  private readonly solutionIds = new Map<string, string>();
  async solution(solutionId: string): Promise<string> {
    const known = this.solutionIds.get(solutionId);
    if (known) return known;
    const id = await this.create(this.ctx.solutionTable.entitySet, {
      [this.ctx.solutionTable.solutionId]: solutionId,
      [this.ctx.solutionTable.name]: `Solution ${solutionId}`,
    });
    this.solutionIds.set(solutionId, id);
    return id;
  }

  /** The audit entries of an opportunity, oldest first. */
  async audit(id: string): Promise<Row[]> {
    return auditLines((await this.opportunity(id))[this.columns.audit]);
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
