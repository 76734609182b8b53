import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { CosellConfig } from '../lib/config';
import type { Artifact, BuildStep } from './types';

export interface StepReport {
  step: string;
  artifacts: { path: string; size: number }[];
  millis: number;
}

export interface PipelineOptions {
  root: string;
  outDir: string;
  config: CosellConfig;
  steps: readonly BuildStep[];
  log?: (line: string) => void;
  now?: () => number;
}

/** Runs every step in order, writes its artifacts under outDir (cleaned first), and reports. */
export async function runPipeline(options: PipelineOptions): Promise<StepReport[]> {
  const { root, outDir, config, steps } = options;
  const log = options.log ?? (() => undefined);
  const now = options.now ?? (() => performance.now());
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });

  const produced = new Map<string, Buffer>();
  const reports: StepReport[] = [];
  for (const [index, step] of steps.entries()) {
    const started = now();
    const artifacts: Artifact[] = await step.run({ root, outDir, config, artifacts: produced });
    for (const artifact of artifacts) {
      if (produced.has(artifact.path)) throw new Error(`Build step "${step.name}" wrote ${artifact.path} twice.`);
      const target = join(outDir, artifact.path);
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, artifact.bytes);
      produced.set(artifact.path, artifact.bytes);
    }
    const millis = now() - started;
    const size = artifacts.reduce((sum, a) => sum + a.bytes.length, 0);
    log(
      `[${index + 1}/${steps.length}] ${step.name}: ${artifacts.length} file(s), ${formatSize(size)}, ${formatMillis(millis)}`,
    );
    reports.push({
      step: step.name,
      artifacts: artifacts.map((a) => ({ path: a.path, size: a.bytes.length })),
      millis,
    });
  }
  return reports;
}

export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(2)} MB`;
}

export function formatMillis(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(2)} s`;
}

/** The closing summary: one line per artifact with its size, then totals. */
export function summarize(reports: StepReport[]): string[] {
  const lines: string[] = ['', 'Artifacts:'];
  const all = reports.flatMap((r) => r.artifacts).sort((a, b) => a.path.localeCompare(b.path));
  const width = Math.max(0, ...all.map((a) => a.path.length));
  for (const a of all) lines.push(`  ${a.path.padEnd(width)}  ${formatSize(a.size).padStart(9)}`);
  const total = all.reduce((s, a) => s + a.size, 0);
  const millis = reports.reduce((s, r) => s + r.millis, 0);
  lines.push(`${all.length} artifact(s), ${formatSize(total)}, built in ${formatMillis(millis)}`);
  return lines;
}
