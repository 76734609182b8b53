import { SalesforceWorld, type Row } from './world';
import { FAULTS, type Field, FIELDS, prng, soakDivergences, WriteLog } from '../shared';

/**
 * The seeded randomized soak for Salesforce: random interleavings of seller edits and Partner Center edits,
 * with Partner Center faults (throttling, errors, races, lost, duplicated and reordered webhooks) and
 * Salesforce outages (503 on the next requests, including the polls), then the documented recovery
 * (reconciliation on its schedule, Retry on anything in Error), then the invariants. Deterministic for a seed.
 */
export interface SfSoakResult {
  seed: number;
  operations: number;
  faultsInjected: number;
  divergences: string[];
}

const SF_FIELD: Record<Field, string> = {
  dealName: 'Name',
  dealValue: 'Amount',
  notes: 'Description',
  closeDate: 'CloseDate',
};
const PC_PATH: Record<Field, string> = {
  dealName: '/name',
  dealValue: '/details/dealValue',
  notes: '/details/notes',
  closeDate: '/details/closingDateTime',
};

function canonicalSf(o: Row, f: Field): string {
  const v = o[SF_FIELD[f]];
  if (f === 'dealValue') return Number(v ?? 0).toFixed(2);
  return String(v ?? '').slice(0, f === 'closeDate' ? 10 : undefined);
}

export async function runSalesforceSoakSeed(seed: number): Promise<SfSoakResult> {
  const rnd = prng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
  const w = await SalesforceWorld.start({ seed: `sf-soak-${seed}` });
  const divergences: string[] = [];
  let operations = 0;
  try {
    w.pc.webhooks.create({
      WebhookUrl: 'https://flows.example/receiver',
      WebhookEvents: ['referral-created', 'referral-updated', 'related-referral-created', 'related-referral-updated'],
    });
    const opps: string[] = [];
    opps.push(w.sellerCreatesDeal({ [w.fields.sync]: true }, { name: `Deal A ${seed}` }));
    opps.push(w.sellerCreatesDeal({ [w.fields.sync]: true }, { name: `Deal B ${seed}` }));
    const incoming = w.pc.microsoft.sendReferral({ name: `Incoming ${seed}` });
    await w.settle();
    const [inOpp] = w.opportunities(`${w.fields.referralId} = '${incoming.id}'`);
    if (inOpp) opps.push(inOpp.Id);
    const rules = FAULTS.filter(() => rnd() < 0.5).map((f) => w.pc.faults.add(f));
    const writes = new WriteLog();
    const steps = 6 + Math.floor(rnd() * 6);
    for (let i = 0; i < steps; i++) {
      const opp = pick(opps);
      const referralId = w.opportunity(opp)[w.fields.referralId] as string | null;
      const f = pick(FIELDS);
      const n = Math.floor(rnd() * 1000);
      const value = {
        dealName: `Name ${seed}-${n}`,
        dealValue: String(1000 + n),
        notes: `Notes ${seed}-${n}`,
        closeDate: `2027-0${1 + (n % 9)}-1${n % 10}`,
      }[f];
      const canonical = f === 'dealValue' ? Number(value).toFixed(2) : value;
      if (rnd() < 0.55 || !referralId) {
        w.update('Opportunity', opp, { [SF_FIELD[f]]: f === 'dealValue' ? Number(value) : value });
        writes.record(opp, f, 'crm', canonical);
      } else {
        const v = f === 'closeDate' ? `${value}T00:00:00Z` : f === 'dealValue' ? Number(value) : value;
        w.pc.referrals.patch(referralId, [{ op: 'replace', path: PC_PATH[f], value: v }], undefined);
        writes.record(opp, f, 'pc', canonical);
      }
      operations++;
      // Salesforce goes away for a few requests now and then (polls and actions both see it).
      if (rnd() < 0.15) {
        w.sf.failNext(1 + Math.floor(rnd() * 3));
      }
      if (rnd() < 0.5) await w.settle();
      if (rnd() < 0.2) await w.advance(1000 * Math.floor(1 + rnd() * 30));
    }
    const faultsInjected =
      w.sf.faultsServed() +
      rules.reduce((s, r) => s + (w.pc.faults.list().find((x) => x.id === r.id)?.applied ?? 0), 0);
    // Recovery, as documented: faults end, reconciliation runs, sellers press Retry on errors.
    w.pc.faults.clear();
    w.sf.failNext(0);
    await w.settle();
    await w.advance(w.ctx.reconciliationMinutes * 60_000);
    for (const opp of opps)
      if (w.opportunity(opp)[w.fields.syncStatus] === w.ctx.syncStatus.error)
        w.update('Opportunity', opp, { [w.fields.syncStatus]: w.ctx.syncStatus.pending });
    await w.settle();
    await w.advance(w.ctx.reconciliationMinutes * 60_000);

    // Invariants.
    divergences.push(
      ...soakDivergences({
        crmLabel: 'Salesforce',
        columns: w.fields,
        synced: w.ctx.syncStatus.synced,
        allOpportunities: w.opportunities(),
        soakOpportunities: opps.map((opp) => [opp, w.opportunity(opp)]),
        referrals: w.pc.referrals.list(new URLSearchParams('$top=1000')).value as Row[],
        referral: (id) => w.pc.referrals.get(id),
        canonicalCrm: canonicalSf,
        writes,
      }),
    );
    // Every failed run that touched an opportunity left a Failed entry in its Audit.
    for (const run of w.runtime.runs.filter((r) => r.status === 'Failed')) {
      const opp = (run.trigger.outputs as Row | undefined)?.body?.Id as string | undefined;
      if (!opp) continue;
      if (!w.audit(opp).some((e) => e.result === 'Failed'))
        divergences.push(`failed run ${run.runId} of ${run.flowName} left no Failed audit entry on ${opp}`);
    }
    return { seed, operations, faultsInjected, divergences };
  } finally {
    await w.stop();
  }
}
