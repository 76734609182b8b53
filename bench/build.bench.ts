import { findPcfProjects } from '../scripts/pipeline/pcf-step';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { connectorArtifacts, generateConnectors } from '../connector/generator';
import { defaultConfig } from '../scripts/lib/config';
import { buildSteps } from '../scripts/pipeline/steps';
import { createSolutionStep } from '../solution/packer/step';
import { validateSolutionZip } from '../solution/validator';
import type { BenchResult } from './types';

const root = join(__dirname, '..');

function timeBuild(out: string): number {
  const started = performance.now();
  const r = spawnSync(
    join(root, 'node_modules/.bin/ts-node'),
    ['--transpile-only', join(root, 'scripts/build.ts'), '--out', out],
    {
      cwd: root,
      encoding: 'utf8',
      timeout: 600_000,
    },
  );
  if (r.status !== 0) throw new Error(`build failed: ${r.stderr}`);
  return (performance.now() - started) / 1000;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** Whole `npm run build` (every step), cold and with nothing changed, then the packer and validator alone. */
export async function run(): Promise<BenchResult[]> {
  const work = mkdtempSync(join(tmpdir(), 'cosell-bench-build-'));
  try {
    // Cold means no PCF build cache: each control's out/ folder (where the cache key lives) is removed first.
    for (const p of findPcfProjects(root)) rmSync(join(p.dir, 'out'), { recursive: true, force: true });
    const cold = timeBuild(join(work, 'a'));
    const again = timeBuild(join(work, 'a'));

    const config = defaultConfig('1.0.0');
    const artifacts = new Map<string, Buffer>();
    for (const c of generateConnectors(config)) for (const a of connectorArtifacts(c)) artifacts.set(a.path, a.bytes);
    const step = createSolutionStep({ readControlLock: () => ({}) });
    const ctx = { root, outDir: work, config, artifacts };
    const stepMs: number[] = [];
    const validateMs: number[] = [];
    let zip: Buffer = Buffer.alloc(0);
    for (let i = 0; i < 15; i++) {
      let t = performance.now();
      const out = await step.run(ctx);
      stepMs.push(performance.now() - t);
      zip = out[0].bytes;
      t = performance.now();
      validateSolutionZip(zip);
      validateMs.push(performance.now() - t);
    }
    return [
      {
        name: `cold npm run build (${buildSteps.map((s) => s.name).join(' + ')})`,
        value: cold,
        unit: 's',
        target: '< 60 s',
        pass: cold < 60,
      },
      { name: 'npm run build, nothing changed', value: again, unit: 's', target: '< 10 s', pass: again < 10 },
      { name: 'solution step (2 zips + settings + validation), median of 15', value: median(stepMs), unit: 'ms' },
      { name: 'validator on one zip, median of 15', value: median(validateMs), unit: 'ms' },
      { name: 'unmanaged zip size', value: zip.length / 1024, unit: 'KB' },
    ];
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
