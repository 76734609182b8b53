import { runSalesforceSoakSeed } from './soak';

/**
 * The seeded randomized soak for Salesforce (tests/e2e/salesforce/soak.ts), 200 seeds: at rest every
 * mapped field agrees on both sides, no duplicate opportunity or referral, no lost update, every failure
 * visible in the Audit.
 */
const SEEDS = Number(process.env.COSELL_SOAK_SEEDS ?? 200);

describe('Salesforce seeded randomized soak', () => {
  it(`converges with zero divergence over ${SEEDS} seeds`, async () => {
    let operations = 0;
    let faults = 0;
    const divergences: string[] = [];
    for (let seed = 1; seed <= SEEDS; seed++) {
      const r = await runSalesforceSoakSeed(seed);
      operations += r.operations;
      faults += r.faultsInjected;
      divergences.push(...r.divergences.map((d) => `seed ${seed}: ${d}`));
    }
    console.log(
      `Salesforce soak: ${SEEDS} scenarios run, ${operations} edits, ${faults} faults injected, ${divergences.length} divergences`,
    );
    expect(divergences).toEqual([]);
  }, 1_800_000);
});
