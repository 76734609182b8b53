import { readdirSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import type { BenchResult, BenchRun } from './types';

/**
 * `npm run bench [-- NAME...]`: runs every bench/*.bench.ts (or the named ones) and prints a
 * Markdown table to paste into docs/BENCHMARKS.md, with the machine it ran on.
 */
async function main(): Promise<void> {
  const only = process.argv.slice(2);
  const files = readdirSync(__dirname)
    .filter((f) => f.endsWith('.bench.ts'))
    .filter((f) => only.length === 0 || only.some((o) => f.startsWith(o)))
    .sort();
  const rows: string[] = [];
  let missed = 0;
  for (const file of files) {
    const mod = (await import(join(__dirname, file))) as { run: BenchRun };
    console.error(`running ${file} ...`);
    const results: BenchResult[] = await mod.run();
    for (const r of results) {
      if (r.pass === false) missed++;
      const verdict = r.pass === undefined ? '' : r.pass ? 'met' : 'MISSED';
      rows.push(
        `| ${file.replace('.bench.ts', '')} | ${r.name} | ${formatValue(r.value)} ${r.unit} | ${r.target ?? ''} | ${verdict} |`,
      );
    }
  }
  console.log(
    `Machine: ${cpus().length} x ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`,
  );
  console.log('');
  console.log('| bench | measure | figure | target | verdict |');
  console.log('|---|---|---|---|---|');
  for (const row of rows) console.log(row);
  if (missed > 0) console.log(`\n${missed} target(s) missed.`);
}

function formatValue(v: number): string {
  if (Number.isInteger(v)) return v.toLocaleString('en-US');
  return v >= 100 ? Math.round(v).toLocaleString('en-US') : v.toFixed(2);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
