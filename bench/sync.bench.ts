import { costOf, type Cost } from '../tests/e2e/cost';
import { runSoakSeed } from '../tests/e2e/soak';
import { D365World } from '../tests/e2e/world';
import type { BenchResult } from './types';

/**
 * What the Dynamics 365 sync costs, per synced change and direction (Power Platform requests, Partner
 * Center calls, Dataverse calls), what reconciling a batch of referrals costs, and a longer soak than CI's.
 * Counts are exact for the generated flows; they don't depend on the machine.
 */
const RECONCILE_COUNT = Number(process.env.COSELL_BENCH_RECONCILE ?? 10_000);
const SOAK_SEEDS = Number(process.env.COSELL_BENCH_SOAK ?? 1000);

async function world(): Promise<D365World> {
  const w = await D365World.start({ seed: 'bench' });
  w.pc.webhooks.create({
    WebhookUrl: 'https://flows.example/receiver',
    WebhookEvents: ['referral-created', 'referral-updated', 'related-referral-created', 'related-referral-updated'],
  });
  return w;
}

function rows(scenario: string, c: Cost, targets: Partial<Record<keyof Cost, number>> = {}): BenchResult[] {
  const out: BenchResult[] = [];
  for (const key of [
    'billableActions',
    'partnerCenterReads',
    'partnerCenterWrites',
    'dataverseReads',
    'dataverseWrites',
  ] as const) {
    const limit = targets[key];
    out.push({
      name: `${scenario}: ${key}`,
      value: c[key],
      unit: '',
      ...(limit !== undefined ? { target: `≤ ${limit}`, pass: c[key] <= limit } : {}),
    });
  }
  return out;
}

async function measured(w: D365World, act: () => Promise<void>) {
  const from = w.runtime.runs.length;
  await act();
  await w.settle();
  return w.runtime.runs.slice(from);
}

export async function run(): Promise<BenchResult[]> {
  const results: BenchResult[] = [];
  const w = await world();
  try {
    const createRuns = await measured(w, async () => {
      await w.sellerCreatesDeal({ [w.columns.sync]: true });
    });
    results.push(...rows('create in CRM → referral (all runs)', costOf(createRuns)));
    const opp = (await w.opportunities())[0].opportunityid as string;
    const referralId = (await w.opportunity(opp))[w.columns.referralId] as string;

    const crm = await measured(w, () => w.update('opportunities', opp, { estimatedvalue: 4242 }));
    const crmUpdate = crm.filter((r) => r.flowName === 'opportunity-to-partner-center').slice(0, 1);
    const crmEchoes = crm.filter((r) => !crmUpdate.includes(r));
    results.push(
      ...rows('CRM update → Partner Center', costOf(crmUpdate), {
        partnerCenterReads: 1,
        partnerCenterWrites: 1,
        dataverseReads: 1,
        dataverseWrites: 1,
      }),
    );
    results.push(
      ...rows('its echoes', costOf(crmEchoes), { partnerCenterReads: 1, partnerCenterWrites: 0, dataverseWrites: 0 }),
    );

    const pc = await measured(w, async () => {
      w.pc.referrals.patch(referralId, [{ op: 'replace', path: '/details/notes', value: 'bench' }], undefined);
    });
    const pcUpdate = pc.filter((r) => r.flowName === 'partner-center-to-dynamics365');
    const pcEchoes = pc.filter((r) => !pcUpdate.includes(r));
    results.push(
      ...rows('Partner Center update → CRM', costOf(pcUpdate), {
        partnerCenterReads: 1,
        partnerCenterWrites: 1,
        dataverseReads: 1,
        dataverseWrites: 1,
      }),
    );
    results.push(
      ...rows('its echoes', costOf(pcEchoes), { partnerCenterReads: 1, partnerCenterWrites: 0, dataverseWrites: 0 }),
    );

    const incoming = await measured(w, async () => {
      w.pc.microsoft.sendReferral({ name: 'Bench incoming' });
    });
    results.push(...rows('new referral from Microsoft → opportunity (all runs)', costOf(incoming)));
  } finally {
    await w.stop();
  }

  // Reconciling a batch: the referrals arrive (first import), then one reconciliation run finds them all in sync.
  const r = await world();
  // Volume, not a loop: every new referral is a create run plus the echo of its link-back.
  r.maxRunsPerSettle = 10 * RECONCILE_COUNT + 1000;
  try {
    const started = performance.now();
    for (let i = 0; i < RECONCILE_COUNT; i++) {
      r.pc.microsoft.sendReferral({ name: `Batch ${i}` });
      if (i % 200 === 199) await r.settle(1000);
    }
    const importRuns = await measured(r, async () => undefined);
    const importedIn = (performance.now() - started) / 1000;
    void importRuns;
    const reconcile = await measured(r, () => r.advance(r.ctx.reconciliationMinutes * 60_000));
    // The last scheduled run is the one that finds every referral already imported.
    const rec = reconcile.filter((x) => x.flowName === 'reconciliation').slice(-1);
    results.push(
      ...rows(`reconcile ${RECONCILE_COUNT.toLocaleString('en-US')} referrals already in sync`, costOf(rec), {
        partnerCenterWrites: 0,
        dataverseWrites: 0,
      }),
    );
    results.push({
      name: `import of ${RECONCILE_COUNT.toLocaleString('en-US')} referrals through the receiver, local wall time`,
      value: importedIn,
      unit: 's',
    });
  } finally {
    await r.stop();
  }

  let faults = 0;
  let divergences = 0;
  let edits = 0;
  const soakStarted = performance.now();
  for (let seed = 1; seed <= SOAK_SEEDS; seed++) {
    const s = await runSoakSeed(seed);
    faults += s.faultsInjected;
    edits += s.operations;
    divergences += s.divergences.length;
  }
  results.push({
    name: `soak: ${SOAK_SEEDS} seeds, ${edits} edits, ${faults} faults injected; divergences`,
    value: divergences,
    unit: '',
    target: '0',
    pass: divergences === 0,
  });
  results.push({ name: 'soak wall time', value: (performance.now() - soakStarted) / 1000, unit: 's' });
  return results;
}
