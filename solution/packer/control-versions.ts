import { createHash } from 'node:crypto';
import { stableStringify } from '../../scripts/lib/stable-json';
import type { ControlInput } from './model';

/**
 * PCF versioning: Dataverse keeps serving the old bundle unless the manifest version increases
 * (solution-format.md §3.7, §7.2). The build compares each control's bundle hash and manifest
 * version with the committed lock `solution/control-versions.json` and fails when a bundle changed
 * but its version did not go up. `npm run controls:lock` rewrites the lock after a deliberate bump.
 */
export interface ControlVersionEntry {
  version: string;
  /** SHA-256 (hex) of bundle.js. */
  bundleSha256: string;
}
/** Keyed by `<namespace>.<constructor>` (prefix-free, so a publisher prefix change keeps history). */
export type ControlVersionLock = Readonly<Record<string, ControlVersionEntry>>;

export const CONTROL_VERSION_LOCK = 'solution/control-versions.json';

export function controlKey(c: Pick<ControlInput, 'namespace' | 'constructorName'>): string {
  return `${c.namespace}.${c.constructorName}`;
}

export function bundleHash(bundle: Buffer): string {
  return createHash('sha256').update(bundle).digest('hex');
}

export function currentControlVersions(controls: readonly ControlInput[]): ControlVersionLock {
  const lock: Record<string, ControlVersionEntry> = {};
  for (const c of controls) {
    const bundle = c.files.find((f) => f.path === 'bundle.js');
    if (!bundle) throw new Error(`Control ${controlKey(c)} has no bundle.js.`);
    lock[controlKey(c)] = { version: c.version, bundleSha256: bundleHash(bundle.bytes) };
  }
  return lock;
}

/** Compares MAJOR.MINOR.PATCH versions numerically; undefined if either is not one. */
export function compareVersions(a: string, b: string): number | undefined {
  const pa = /^(\d+)\.(\d+)\.(\d+)$/.exec(a);
  const pb = /^(\d+)\.(\d+)\.(\d+)$/.exec(b);
  if (!pa || !pb) return undefined;
  for (let i = 1; i <= 3; i++) {
    const d = Number(pa[i]) - Number(pb[i]);
    if (d !== 0) return Math.sign(d);
  }
  return 0;
}

/**
 * Pure: one message per control whose bundle changed without a higher manifest version (or whose
 * version went down). New controls and unchanged bundles pass.
 */
export function checkControlVersions(previous: ControlVersionLock, current: ControlVersionLock): string[] {
  const problems: string[] = [];
  for (const [key, now] of Object.entries(current).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const before = previous[key];
    const cmp = before ? compareVersions(now.version, before.version) : 1;
    if (cmp === undefined) {
      problems.push(`${key}: manifest version "${now.version}" must be MAJOR.MINOR.PATCH.`);
    } else if (before && cmp < 0) {
      problems.push(`${key}: manifest version went down from ${before.version} to ${now.version}.`);
    } else if (before && before.bundleSha256 !== now.bundleSha256 && cmp === 0) {
      problems.push(
        `${key}: bundle.js changed but the control version is still ${now.version}; the build stamps it from the solution version, so raise "version" in package.json (or solution.version in cosell.config.json) — the platform serves the old bundle otherwise — then run npm run build and npm run controls:lock.`,
      );
    }
  }
  return problems;
}

/** The lock file as committed: key-sorted JSON. */
export function renderControlVersionLock(lock: ControlVersionLock): Buffer {
  return Buffer.from(stableStringify(lock), 'utf8');
}

export function parseControlVersionLock(text: string, source = CONTROL_VERSION_LOCK): ControlVersionLock {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new Error(`${source} is not valid JSON (${(e as Error).message}).`);
  }
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw new Error(`${source} must hold an object.`);
  for (const [k, v] of Object.entries(raw as Record<string, unknown>)) {
    const e = v as Partial<ControlVersionEntry> | null;
    if (!e || typeof e.version !== 'string' || typeof e.bundleSha256 !== 'string')
      throw new Error(`${source}: "${k}" must be { "version": "x.y.z", "bundleSha256": "<hex>" }.`);
  }
  return raw as ControlVersionLock;
}
