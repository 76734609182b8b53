import axios from 'axios';
import { performance } from 'node:perf_hooks';
import { startSalesforceSandbox } from '../sandbox/salesforce';
import { SalesforceWorld } from '../tests/e2e/salesforce/world';
import { runSalesforceSoakSeed } from '../tests/e2e/salesforce/soak';
import { sfCostOf } from '../tests/e2e/salesforce/cost';
import type { BenchResult } from './types';

/**
 * The Salesforce side: the local REST API (creates over HTTP, SOQL over 5,000 opportunities), what one seller
 * edit costs end to end (Power Platform requests, calls to each side, wall time in the local runtime) and the
 * soak's speed. Needs `npm run build` first (the world runs the flows from dist/).
 */
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export async function run(): Promise<BenchResult[]> {
  const out: BenchResult[] = [];
  const sf = await startSalesforceSandbox();
  try {
    const http = axios.create({
      baseURL: `${sf.instanceUrl}/services/data/v58.0/`,
      headers: { Authorization: `Bearer ${sf.tokens.seller}` },
      validateStatus: () => true,
    });
    const N = 5000;
    const started = performance.now();
    for (let i = 0; i < N; i++) {
      const r = await http.post('sobjects/Opportunity', {
        Name: `Deal ${i}`,
        StageName: i % 3 === 0 ? 'On Hold' : 'Prospecting',
        CloseDate: '2026-12-01',
        Amount: i,
        [sf.model.names.referralId]: `R-${i}`,
      });
      if (r.status !== 201) throw new Error(`create failed: ${JSON.stringify(r.data)}`);
    }
    out.push({
      name: 'HTTP creates (validated, unique external id checked)',
      value: N / ((performance.now() - started) / 1000),
      unit: 'records/s',
    });
    const soql = encodeURIComponent(
      `SELECT Id, Name, Amount FROM Opportunity WHERE StageName = 'On Hold' AND Amount >= 2500 ORDER BY Amount DESC LIMIT 10`,
    );
    const times: number[] = [];
    for (let i = 0; i < 30; i++) {
      const t = performance.now();
      const r = await http.get(`query?q=${soql}`);
      if (r.status !== 200 || r.data.records.length !== 10) throw new Error('query failed');
      times.push(performance.now() - t);
    }
    out.push({
      name: `SOQL where + order by + limit over ${N} opportunities`,
      value: median(times),
      unit: 'ms median',
    });
  } finally {
    await sf.stop();
  }

  const w = await SalesforceWorld.start();
  try {
    w.pc.webhooks.create({
      WebhookUrl: 'https://flows.example/receiver',
      WebhookEvents: ['referral-created', 'referral-updated'],
    });
    const opp = w.sellerCreatesDeal({ [w.fields.sync]: true });
    await w.settle();
    const edits = 20;
    const from = w.runtime.runs.length;
    const t = performance.now();
    for (let i = 0; i < edits; i++) {
      w.update('Opportunity', opp, { Amount: 1000 + i });
      await w.settle();
    }
    const ms = (performance.now() - t) / edits;
    const cost = sfCostOf(w.runtime.runs.slice(from));
    out.push({ name: 'one seller edit synced to Partner Center, to rest (local runtime)', value: ms, unit: 'ms' });
    out.push({
      name: 'Power Platform requests per seller edit (incl. echo and scheduled runs)',
      value: cost.billableActions / edits,
      unit: 'requests',
    });
    out.push({
      name: 'calls per seller edit (incl. echo and scheduled runs)',
      value:
        (cost.partnerCenterReads + cost.partnerCenterWrites + cost.salesforceReads + cost.salesforceWrites) / edits,
      unit: `calls (PC ${cost.partnerCenterReads / edits}+${cost.partnerCenterWrites / edits}, SF ${cost.salesforceReads / edits}+${cost.salesforceWrites / edits})`,
    });
  } finally {
    await w.stop();
  }

  const seeds = 20;
  const t = performance.now();
  let divergences = 0;
  for (let s = 1; s <= seeds; s++) divergences += (await runSalesforceSoakSeed(s)).divergences.length;
  out.push({
    name: 'soak seed (faults, recovery, invariants)',
    value: (performance.now() - t) / seeds,
    unit: 'ms per seed',
  });
  out.push({
    name: `soak divergences over ${seeds} seeds`,
    value: divergences,
    unit: '',
    target: '0',
    pass: divergences === 0,
  });
  return out;
}
