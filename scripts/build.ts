import { resolve } from 'node:path';
import { isUserError, UserError } from './lib/user-error';
import { loadConfig, resolveConfig } from './lib/config';
import { runPipeline, summarize } from './pipeline/run-pipeline';
import { buildSteps } from './pipeline/steps';
import { readFileSync } from 'node:fs';

/**
 * `npm run build [-- --out DIR] [-- --config FILE]`: runs every generator and writes dist/.
 * User errors (bad config, bad flags) exit 2 with a one-line message.
 */
export interface BuildArgs {
  outDir?: string;
  configFile?: string;
}

export function parseBuildArgs(argv: string[]): BuildArgs {
  const args: BuildArgs = {};
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = argv[i + 1];
    if (flag === '--out' || flag === '--config') {
      if (value === undefined || value.startsWith('--')) throw new UserError(`${flag} needs a path after it.`);
      if (flag === '--out') args.outDir = value;
      else args.configFile = value;
      i++;
    } else {
      throw new UserError(`unknown option "${flag}"; allowed: --out DIR, --config FILE.`);
    }
  }
  return args;
}

async function main(): Promise<void> {
  const root = resolve(__dirname, '..');
  const args = parseBuildArgs(process.argv.slice(2));
  const config = args.configFile ? configFromFile(root, args.configFile) : loadConfig(root);
  const outDir = resolve(args.outDir ?? `${root}/dist`);
  const reports = await runPipeline({ root, outDir, config, steps: buildSteps, log: (l) => console.log(l) });
  for (const line of summarize(reports)) console.log(line);
}

function configFromFile(root: string, file: string) {
  const pkg = JSON.parse(readFileSync(`${root}/package.json`, 'utf8')) as { version: string };
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(resolve(file), 'utf8'));
  } catch (e) {
    throw new UserError(`${file}: cannot read it as JSON (${(e as Error).message}).`);
  }
  return resolveConfig(raw, pkg.version, file);
}

main().catch((e: unknown) => {
  if (isUserError(e)) {
    console.error(`error: ${e.message}`);
    process.exit(2);
  }
  console.error(e);
  process.exit(1);
});
