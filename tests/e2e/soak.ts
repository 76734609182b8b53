import { D365World, type Row } from './world';
import { FAULTS, type Field, FIELDS, prng, soakDivergences, WriteLog } from './shared';

/**
 * The seeded randomized soak: random interleavings of edits on both sides, with faults from the sandbox,
 * then the documented recovery (reconciliation runs on its schedule; the seller presses Retry on anything
 * showing Error), then the invariants. Deterministic for a seed.
 */
export interface SoakResult {
  seed: number;
  operations: number;
  faultsInjected: number;
  divergences: string[];
}

/** The canonical form both sides are compared in (the same rules as flows/sync/values.ts). */
function canonicalCrm(o: Row, f: Field): string {
  switch (f) {
    case 'dealName':
      return String(o.name ?? '');
    case 'dealValue':
      return Number(o.estimatedvalue ?? 0).toFixed(2);
    case 'notes':
      return String(o.description ?? '');
    case 'closeDate':
      return String(o.estimatedclosedate ?? '').slice(0, 10);
  }
}

export async function runSoakSeed(seed: number, inspect?: (w: D365World) => Promise<void>): Promise<SoakResult> {
  const rnd = prng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
  const w = await D365World.start({ seed: `soak-${seed}` });
  const divergences: string[] = [];
  let operations = 0;
  try {
    w.pc.webhooks.create({
      WebhookUrl: 'https://flows.example/receiver',
      WebhookEvents: ['referral-created', 'referral-updated', 'related-referral-created', 'related-referral-updated'],
    });
    // Two deals from sellers, one referral from Microsoft.
    const opps: string[] = [];
    opps.push(await w.sellerCreatesDeal({ [w.columns.sync]: true, name: `Deal A ${seed}` }));
    opps.push(await w.sellerCreatesDeal({ [w.columns.sync]: true, name: `Deal B ${seed}` }));
    const incoming = w.pc.microsoft.sendReferral({ name: `Incoming ${seed}` });
    await w.settle();
    const [inOpp] = await w.opportunities(`${w.columns.referralId} eq '${incoming.id}'`);
    if (inOpp) opps.push(inOpp.opportunityid);
    // Faults from here on, a seeded selection of them.
    const rules = FAULTS.filter(() => rnd() < 0.5).map((f) => w.pc.faults.add(f));
    // Every value each side wrote, per opportunity and field, to check no update is lost.
    const writes = new WriteLog();
    const steps = 6 + Math.floor(rnd() * 6);
    for (let i = 0; i < steps; i++) {
      const opp = pick(opps);
      const o = await w.opportunity(opp);
      const referralId = o[w.columns.referralId] as string | null;
      const f = pick(FIELDS);
      const n = Math.floor(rnd() * 1000);
      const value = {
        dealName: `Name ${seed}-${n}`,
        dealValue: String(1000 + n),
        notes: `Notes ${seed}-${n}`,
        closeDate: `2027-0${1 + (n % 9)}-1${n % 10}`,
      }[f];
      if (rnd() < 0.55 || !referralId) {
        const column = {
          dealName: 'name',
          dealValue: 'estimatedvalue',
          notes: 'description',
          closeDate: 'estimatedclosedate',
        }[f];
        await w.update('opportunities', opp, { [column]: f === 'dealValue' ? Number(value) : value });
        writes.record(opp, f, 'crm', f === 'dealValue' ? Number(value).toFixed(2) : value);
      } else {
        const path = {
          dealName: '/name',
          dealValue: '/details/dealValue',
          notes: '/details/notes',
          closeDate: '/details/closingDateTime',
        }[f];
        w.pc.referrals.patch(
          referralId,
          [
            {
              op: 'replace',
              path,
              value: f === 'closeDate' ? `${value}T00:00:00Z` : f === 'dealValue' ? Number(value) : value,
            },
          ],
          undefined,
        );
        writes.record(opp, f, 'pc', f === 'dealValue' ? Number(value).toFixed(2) : value);
      }
      operations++;
      // Interleave: sometimes let everything run, sometimes pile up more changes first.
      if (rnd() < 0.5) await w.settle();
      if (rnd() < 0.2) await w.advance(1000 * Math.floor(1 + rnd() * 30));
    }
    const faultsInjected = rules.reduce((s, r) => s + (w.pc.faults.list().find((x) => x.id === r.id)?.applied ?? 0), 0);
    // Recovery, as documented: faults end, reconciliation runs, sellers press Retry on errors.
    w.pc.faults.clear();
    await w.settle();
    await w.advance(w.ctx.reconciliationMinutes * 60_000);
    for (const opp of opps) {
      const o = await w.opportunity(opp);
      if (o[w.columns.syncStatus] === w.ctx.syncStatus.error)
        await w.update('opportunities', opp, { [w.columns.syncStatus]: w.ctx.syncStatus.pending });
    }
    await w.settle();
    await w.advance(w.ctx.reconciliationMinutes * 60_000);

    // Invariants.
    const soakOpportunities: [string, Row][] = [];
    for (const opp of opps) soakOpportunities.push([opp, await w.opportunity(opp)]);
    divergences.push(
      ...soakDivergences({
        crmLabel: 'CRM',
        columns: w.columns,
        synced: w.ctx.syncStatus.synced,
        allOpportunities: await w.opportunities(),
        soakOpportunities,
        referrals: w.pc.referrals.list(new URLSearchParams('$top=1000')).value as Row[],
        referral: (id) => w.pc.referrals.get(id),
        canonicalCrm,
        writes,
      }),
    );
    // Every failed run that touched an opportunity left a Failed entry in its Audit.
    for (const run of w.runtime.runs.filter((r) => r.status === 'Failed')) {
      const opp = (run.trigger.outputs as Row | undefined)?.body?.opportunityid as string | undefined;
      if (!opp) continue;
      const audit = await w.audit(opp);
      if (!audit.some((e) => e.result === 'Failed'))
        divergences.push(`failed run ${run.runId} of ${run.flowName} left no Failed audit entry on ${opp}`);
    }
    if (inspect) await inspect(w);
    return { seed, operations, faultsInjected, divergences };
  } finally {
    await w.stop();
  }
}
