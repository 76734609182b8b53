import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, posix, relative } from 'node:path';
import type { Artifact, BuildContext, BuildStep } from './types';

/** Production bundle budget per control: React and Fluent come from the platform, so ours stays small. */
export const PCF_BUNDLE_BUDGET_BYTES = 10 * 1024;

/** A pcf project under pcf-controls/: `<project>/<control>/ControlManifest.Input.xml`. */
export interface PcfProject {
  /** Folder of the pcf project (absolute). */
  dir: string;
  /** Control folder name, which is also the constructor and the out/controls folder name. */
  control: string;
}

/** Every pcf project under `<root>/pcf-controls`, sorted by name; `shared/` has no manifest and is skipped. */
export function findPcfProjects(root: string): PcfProject[] {
  const base = join(root, 'pcf-controls');
  if (!existsSync(base)) return [];
  const projects: PcfProject[] = [];
  for (const name of readdirSync(base).sort()) {
    const dir = join(base, name);
    if (!statSync(dir).isDirectory() || !existsSync(join(dir, 'package.json'))) continue;
    for (const control of readdirSync(dir).sort()) {
      if (existsSync(join(dir, control, 'ControlManifest.Input.xml'))) projects.push({ dir, control });
    }
  }
  return projects;
}

/** Paths of the files a processed manifest names (code, css, resx, img, html), relative to its folder. */
export function manifestResourcePaths(manifestXml: string): string[] {
  const paths: string[] = [];
  const pattern = /<(code|css|resx|img|html)\b[^>]*\bpath="([^"]+)"/g;
  for (let m = pattern.exec(manifestXml); m !== null; m = pattern.exec(manifestXml)) {
    const path = m[2].replace(/\\/g, '/');
    if (path.startsWith('/') || path.split('/').includes('..'))
      throw new Error(`ControlManifest.xml names a path outside its folder: ${path}`);
    if (!paths.includes(path)) paths.push(path);
  }
  return paths;
}

/**
 * Stamps the control version from the solution version (major.minor.build): the platform keeps a
 * cached bundle unless the control version changes, so every released package version bumps it.
 */
export function stampControlVersion(manifestXml: string, solutionVersion: string): string {
  const version = solutionVersion.split('.').slice(0, 3).join('.');
  return manifestXml.replace(/(<control\b[^>]*?\bversion=")[^"]*(")/, `$1${version}$2`);
}

/** Throws when a production bundle is over budget, naming the control and both sizes. */
export function checkBundleBudget(control: string, bytes: number, budget = PCF_BUNDLE_BUDGET_BYTES): void {
  if (bytes > budget)
    throw new Error(
      `PCF control ${control}: production bundle.js is ${bytes} bytes, over the ${budget}-byte budget. ` +
        'React and Fluent must stay platform libraries (externals); check for a bundled library.',
    );
}

/** Runs `pcf-scripts build --buildMode production` in one project, telemetry off. Rejects with the tool's output on failure. */
export function runPcfScriptsBuild(project: PcfProject): Promise<void> {
  const bin = require.resolve('pcf-scripts/bin/pcf-scripts.js', { paths: [project.dir] });
  rmSync(join(project.dir, 'out'), { recursive: true, force: true });
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, 'build', '--buildMode', 'production'], {
      cwd: project.dir,
      env: { ...process.env, PP_TOOLS_TELEMETRY_OPTOUT: 'true', FORCE_COLOR: '0', NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      // pcf-scripts reports some failures on stdout with exit code 0; "Succeeded" is its success line.
      if (code === 0 && /\[build\] Succeeded/.test(output)) resolve();
      else reject(new Error(`pcf-scripts build failed for ${project.control} (exit ${code}):\n${output.slice(-4000)}`));
    });
  });
}

/** The artifacts of one built control, under controls/<Control>/ in dist/. */
export function collectControlArtifacts(project: PcfProject, solutionVersion: string): Artifact[] {
  const outDir = join(project.dir, 'out', 'controls', project.control);
  const manifestPath = join(outDir, 'ControlManifest.xml');
  if (!existsSync(manifestPath))
    throw new Error(`pcf-scripts wrote no ControlManifest.xml for ${project.control} (looked in ${manifestPath}).`);
  const manifest = stampControlVersion(readFileSync(manifestPath, 'utf8').replace(/\r\n/g, '\n'), solutionVersion);
  const base = posix.join('controls', project.control);
  const artifacts: Artifact[] = [
    { path: posix.join(base, 'ControlManifest.xml'), bytes: Buffer.from(manifest, 'utf8') },
  ];
  for (const rel of manifestResourcePaths(manifest)) {
    const file = join(outDir, ...rel.split('/'));
    if (!existsSync(file))
      throw new Error(`PCF control ${project.control}: the manifest names ${rel}, which the build did not produce.`);
    const bytes = readFileSync(file);
    if (rel === 'bundle.js') checkBundleBudget(project.control, bytes.length);
    artifacts.push({ path: posix.join(base, rel), bytes });
  }
  if (!artifacts.some((a) => a.path.endsWith('/bundle.js')))
    throw new Error(`PCF control ${project.control}: the manifest names no bundle.js.`);
  return artifacts.sort((a, b) => a.path.localeCompare(b.path));
}

/** Folders a control's build reads besides its own project: the shared control code and the audit format. */
const SHARED_INPUTS = ['pcf-controls/shared', 'flows/audit'];
const SKIPPED = new Set(['node_modules', 'out', 'generated', '.git']);
const KEY_FILE = '.cosell-build-key';

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    if (SKIPPED.has(name)) continue;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...filesUnder(p));
    else out.push(p);
  }
  return out;
}

/**
 * A hash of everything a control's build reads: its project files, the shared code, the lock file (which
 * pins pcf-scripts, React and Fluent) and the PCF tsconfig. Equal hashes mean the same bundle.
 */
export function pcfInputKey(root: string, project: PcfProject): string {
  const h = createHash('sha256');
  const files = [
    ...filesUnder(project.dir),
    ...SHARED_INPUTS.flatMap((d) => filesUnder(join(root, d))),
    join(root, 'package-lock.json'),
    join(root, 'tsconfig.pcf.json'),
  ];
  for (const f of files) {
    if (!existsSync(f)) continue;
    h.update(relative(root, f).split('\\').join('/')).update('\0').update(readFileSync(f)).update('\0');
  }
  return h.digest('hex');
}

/** Whether `out/` already holds the build of exactly these inputs. */
export function isBuildCurrent(project: PcfProject, key: string): boolean {
  const keyFile = join(project.dir, 'out', KEY_FILE);
  const manifest = join(project.dir, 'out', 'controls', project.control, 'ControlManifest.xml');
  return existsSync(keyFile) && existsSync(manifest) && readFileSync(keyFile, 'utf8') === key;
}

/**
 * Builds every PCF control with pcf-scripts (production) and returns bundle.js, the processed
 * ControlManifest.xml and the resources it names. One project at a time: the machine is small
 * and webpack uses both cores.
 */
export async function buildPcfControls(ctx: Pick<BuildContext, 'root' | 'config'>): Promise<Artifact[]> {
  const projects = findPcfProjects(ctx.root);
  const artifacts: Artifact[] = [];
  for (const project of projects) {
    // An unchanged control is not rebuilt: its out/ folder already holds the bundle of these inputs.
    const key = pcfInputKey(ctx.root, project);
    if (!isBuildCurrent(project, key)) {
      await runPcfScriptsBuild(project);
      writeFileSync(join(project.dir, 'out', KEY_FILE), key);
    }
    artifacts.push(...collectControlArtifacts(project, ctx.config.solution.version));
  }
  return artifacts;
}

export const pcfControlsStep: BuildStep = {
  name: 'PCF controls',
  run: (ctx) => buildPcfControls(ctx),
};
