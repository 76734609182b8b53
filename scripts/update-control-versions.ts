import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { controlsFromArtifacts } from '../solution/packer/from-build';
import {
  CONTROL_VERSION_LOCK,
  currentControlVersions,
  renderControlVersionLock,
} from '../solution/packer/control-versions';
import { isUserError, UserError } from './lib/user-error';

/**
 * `npm run controls:lock [-- --dist DIR]`: after `npm run build`, records each built control's
 * manifest version and bundle hash in solution/control-versions.json (commit it). The build then
 * refuses a changed bundle whose version did not go up.
 */
function main(): void {
  const root = resolve(__dirname, '..');
  const args = process.argv.slice(2);
  if (args.length > 0 && !(args.length === 2 && args[0] === '--dist'))
    throw new UserError(`unknown arguments "${args.join(' ')}"; allowed: --dist DIR.`);
  const dist = resolve(args[1] ?? join(root, 'dist'));
  const controlsDir = join(dist, 'controls');
  let files: string[];
  try {
    files = walk(controlsDir);
  } catch {
    throw new UserError(`${controlsDir} does not exist; run npm run build first.`);
  }
  const artifacts = new Map(files.map((f) => [relative(dist, f).split('\\').join('/'), readFileSync(f)]));
  const lock = currentControlVersions(controlsFromArtifacts(artifacts));
  const target = join(root, CONTROL_VERSION_LOCK);
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, renderControlVersionLock(lock));
  console.log(`${CONTROL_VERSION_LOCK}: ${Object.keys(lock).length} control(s) recorded.`);
}

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}

try {
  main();
} catch (e) {
  if (isUserError(e)) {
    console.error(`error: ${e.message}`);
    process.exit(2);
  }
  throw e;
}
