import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FlowRuntime, formatTrace, type LoadedFlow, type VirtualClock } from '../../flows/runtime/engine';
import type { ManagedConnectorAdapter } from '../../flows/runtime/connectors/types';
import type { ConnectionSpec, EnvParameterSpec } from '../../flows/builder';
import { PartnerCenterSandbox, type Clock, type FaultRuleInput } from '../../sandbox/partner-center';

/** What the Dynamics 365 and Salesforce end-to-end worlds and soaks share. */

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Row = Record<string, any>;

const ROOT = join(__dirname, '../..');

/** The Partner Center sandbox reads the runtime's clock, so both agree on every timestamp. */
export class SharedClock implements Clock {
  readonly kind = 'manual' as const;
  private readonly listeners = new Set<(now: number) => void>();
  constructor(private readonly v: VirtualClock) {}
  now(): number {
    return this.v.nowMs();
  }
  advance(ms: number): void {
    this.v.advance(ms);
    for (const l of [...this.listeners]) l(this.v.nowMs());
  }
  async delay(ms: number): Promise<void> {
    this.advance(ms);
  }
  onAdvance(listener: (now: number) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

/** A file the build wrote, parsed; the end-to-end tests run exactly what ships. */
export function readDist(path: string): unknown {
  const file = join(ROOT, 'dist', path);
  if (!existsSync(file))
    throw new Error(`${path} is missing from dist/: run \`npm run build\` before the end-to-end tests.`);
  return JSON.parse(readFileSync(file, 'utf8'));
}

/**
 * The Partner Center sandbox of a world: on the world's clock, its webhook deliveries posted straight to the
 * receiver flow's HTTP trigger (`receiver()` is looked up at delivery time: the flows load after the sandbox).
 */
export function partnerCenterFor(
  clock: SharedClock,
  seed: string,
  runtime: () => FlowRuntime,
  receiver: () => LoadedFlow,
): PartnerCenterSandbox {
  return new PartnerCenterSandbox({
    clock,
    seed,
    resourceBase: 'https://api.partner.microsoft.com',
    transport: async ({ headers, body }) => {
      const outcome = await runtime().request(receiver(), { method: 'POST', headers, body: JSON.parse(body) });
      return { status: outcome.response.statusCode };
    },
  });
}

/**
 * The flow runtime of a world: the CRM's managed-connector adapter, the two generated Partner Center
 * connectors pointed at the sandbox, and every environment variable at its default plus `overrides`.
 */
export function flowRuntimeFor(options: {
  clock: VirtualClock;
  adapter: ManagedConnectorAdapter;
  connections: { referrals: ConnectionSpec; events: ConnectionSpec };
  partnerCenterUrl: string;
  env: Record<string, EnvParameterSpec>;
  overrides: Record<string, unknown>;
}): FlowRuntime {
  const parameters: Record<string, unknown> = {};
  for (const p of Object.values(options.env)) parameters[p.schemaName] = p.defaultValue;
  Object.assign(parameters, options.overrides);
  const connector = (c: ConnectionSpec, name: string) => ({
    names: [c.apiName, c.apiLogicalName!],
    definition: readDist(`connectors/${name}/apiDefinition.swagger.json`) as never,
    baseUrl: options.partnerCenterUrl,
    headers: { Authorization: 'Bearer e2e-token' },
  });
  return new FlowRuntime({
    clock: options.clock,
    adapters: [options.adapter],
    customConnectors: [
      connector(options.connections.referrals, 'partner-center-referrals'),
      connector(options.connections.events, 'partner-center-events'),
    ],
    parameters,
    environmentName: 'e2e',
  });
}

/** Every value each side wrote, per opportunity and field, so a soak can tell a lost update. */
export class WriteLog {
  private readonly writes = new Map<string, { crm: string[]; pc: string[] }>();
  record(opportunity: string, field: Field, side: 'crm' | 'pc', value: string): void {
    const k = `${opportunity}/${field}`;
    if (!this.writes.has(k)) this.writes.set(k, { crm: [], pc: [] });
    this.writes.get(k)![side].push(value);
  }
  /** The last value each side wrote, or undefined when neither wrote the field. */
  lastWrites(opportunity: string, field: Field): string[] | undefined {
    const w = this.writes.get(`${opportunity}/${field}`);
    return w && [w.crm.at(-1), w.pc.at(-1)].filter((v): v is string => v !== undefined);
  }
}

/**
 * The soak invariants both CRMs must keep after recovery: one opportunity per referral and one referral per
 * opportunity; every soak opportunity linked, Synced, equal to its referral on every compared field, and
 * holding the last value one of the sides wrote (no lost update). One message per violation.
 */
export function soakDivergences(s: {
  crmLabel: string;
  columns: { referralId: string; syncStatus: string };
  synced: unknown;
  /** Every opportunity in the CRM. */
  allOpportunities: Row[];
  /** The soak's own opportunities, by id, as read after recovery. */
  soakOpportunities: [string, Row][];
  /** Every referral in Partner Center. */
  referrals: Row[];
  referral: (id: string) => Row;
  canonicalCrm: (o: Row, f: Field) => string;
  writes: WriteLog;
}): string[] {
  const divergences: string[] = [];
  const duplicates = (values: unknown[], say: (value: string, count: number) => string) => {
    const counts = new Map<string, number>();
    for (const v of values) if (typeof v === 'string' && v) counts.set(v, (counts.get(v) ?? 0) + 1);
    for (const [v, count] of counts) if (count > 1) divergences.push(say(v, count));
  };
  duplicates(
    s.allOpportunities.map((o) => o[s.columns.referralId]),
    (r, n) => `referral ${r} has ${n} opportunities`,
  );
  duplicates(
    s.referrals.map((r) => r.externalReferenceId),
    (e, n) => `opportunity ${e} has ${n} referrals`,
  );
  for (const [opp, o] of s.soakOpportunities) {
    const rid = o[s.columns.referralId];
    if (!rid) {
      divergences.push(`opportunity ${opp} has no referral`);
      continue;
    }
    const r = s.referral(rid);
    if (o[s.columns.syncStatus] !== s.synced)
      divergences.push(`opportunity ${opp} ends in status ${o[s.columns.syncStatus]}`);
    for (const f of FIELDS) {
      const crm = s.canonicalCrm(o, f);
      const pc = canonicalPc(r, f);
      if (crm !== pc) divergences.push(`${opp} ${f}: ${s.crmLabel} "${crm}" vs Partner Center "${pc}"`);
      const allowed = s.writes.lastWrites(opp, f);
      if (allowed && !allowed.includes(crm))
        divergences.push(`${opp} ${f}: lost update, ended "${crm}", last writes ${JSON.stringify(allowed)}`);
    }
  }
  return divergences;
}

/** A small seeded generator (mulberry32): a soak seed replays exactly. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type Field = 'dealName' | 'dealValue' | 'notes' | 'closeDate';
export const FIELDS: Field[] = ['dealName', 'dealValue', 'notes', 'closeDate'];

/** A referral's value of a soak field, in the canonical form the flows compare. */
export function canonicalPc(r: Row, f: Field): string {
  switch (f) {
    case 'dealName':
      return String(r.name ?? '');
    case 'dealValue':
      return Number(r.details?.dealValue ?? 0).toFixed(2);
    case 'notes':
      return String(r.details?.notes ?? '');
    case 'closeDate':
      return String(r.details?.closingDateTime ?? '').slice(0, 10);
  }
}

/** The Partner Center faults a soak draws from (each seed turns on a random half of them). */
export const FAULTS: FaultRuleInput[] = [
  {
    kind: 'status',
    status: 429,
    retryAfterSeconds: 2,
    method: 'PATCH',
    path: '/v1.0/engagements/referrals/*',
    count: 1,
  },
  { kind: 'status', status: 429, retryAfterSeconds: 1, method: 'GET', path: '/v1.0/engagements/referrals/*', count: 2 },
  { kind: 'status', status: 503, retryAfterSeconds: 1, method: 'GET', path: '/v1.0/engagements/referrals/*', count: 1 },
  { kind: 'status', status: 500, method: 'PATCH', path: '/v1.0/engagements/referrals/*', count: 1 },
  { kind: 'race', method: 'PATCH', path: '/v1.0/engagements/referrals/*', count: 1 },
  { kind: 'drop', count: 1 },
  { kind: 'duplicate', count: 2 },
  { kind: 'reorder', count: 2 },
];

/** Every failed run with each failed action's code and message, for a readable test failure. */
export function failedRuns(runtime: FlowRuntime): string[] {
  return runtime.runs
    .filter((r) => r.status === 'Failed')
    .map((r) => {
      const failed = r.actions.filter((a) => a.status === 'Failed' || a.status === 'TimedOut');
      const details = failed.map(
        (a) => `  ${a.name} [${a.code ?? ''}] ${a.error?.message ?? JSON.stringify(a.outputs ?? '').slice(0, 400)}`,
      );
      return [`${r.flowName} ${r.runId}: ${r.error?.message ?? ''}`, ...details].join('\n');
    });
}

/** The indented trace of every run (of one flow, when named), for debugging a test. */
export function runTraces(runtime: FlowRuntime, file?: string): string {
  return runtime.runs
    .filter((r) => !file || r.flowName === file)
    .map((r) => formatTrace(r))
    .join('\n');
}

/** The entries of an Audit value, oldest first. */
export function auditLines(value: unknown): Row[] {
  return String(value ?? '')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l));
}
