import { isUserError, UserError } from '../scripts/lib/user-error';
import { ADMIN_ENDPOINTS, PartnerCenterSandbox, SystemClock } from './partner-center';

/**
 * `npm run sandbox [-- --port N] [--state FILE] [--seed TEXT] [--resource-base URL|self]
 * [--create-status 200|201]`: starts the local services for a rehearsal and prints their addresses.
 * Webhooks are delivered as soon as they are queued; retries run on the wall clock.
 */
interface CliOptions {
  port: number;
  stateFile?: string;
  seed?: string;
  resourceBase?: string;
  createStatus: 200 | 201;
}

export function parseArgs(argv: string[]): CliOptions {
  const options: CliOptions = { port: 7071, createStatus: 200 };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = (): string => {
      const v = argv[++i];
      if (v === undefined || v.startsWith('--')) throw new UserError(`${flag} needs a value.`);
      return v;
    };
    switch (flag) {
      case '--port': {
        const v = value();
        if (!/^\d{1,5}$/.test(v) || Number(v) > 65535)
          throw new UserError(`--port must be 0-65535 (got "${v}"); 0 picks a free port.`);
        options.port = Number(v);
        break;
      }
      case '--state':
        options.stateFile = value();
        break;
      case '--seed':
        options.seed = value();
        break;
      case '--resource-base': {
        const v = value();
        if (v !== 'self' && !/^https?:\/\/[^\s]+$/.test(v))
          throw new UserError(`--resource-base must be an http(s) URL or "self" (got "${v}").`);
        options.resourceBase = v;
        break;
      }
      case '--create-status': {
        const v = value();
        if (v !== '200' && v !== '201') throw new UserError(`--create-status must be 200 or 201 (got "${v}").`);
        options.createStatus = Number(v) as 200 | 201;
        break;
      }
      case '--help':
      case '-h':
        throw new UserError(
          'Usage: npm run sandbox -- [--port N] [--state FILE] [--seed TEXT] [--resource-base URL|self] [--create-status 200|201]',
        );
      default:
        throw new UserError(`Unknown option ${flag}; try --help.`);
    }
  }
  return options;
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  const sandbox = new PartnerCenterSandbox({
    port: options.port,
    clock: new SystemClock(),
    seed: options.seed,
    stateFile: options.stateFile,
    resourceBase: options.resourceBase,
    createStatus: options.createStatus,
    autoDeliver: true,
  });
  let started: { baseUrl: string; adminUrl: string };
  try {
    started = await sandbox.start();
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE')
      throw new UserError(`Port ${options.port} is in use; pick another with --port (0 = any free port).`);
    throw e;
  }
  // Retries and expiry follow the wall clock during a rehearsal.
  const pump = setInterval(() => {
    sandbox.referrals.expireDue();
    void sandbox.dispatcher.tick();
  }, 1000);
  console.log('Partner Center sandbox');
  console.log(`  Referrals API  ${started.baseUrl}/v1.0/engagements/referrals`);
  console.log(`  Webhooks API   ${started.baseUrl}/webhooks/v1/registration`);
  console.log(`  Certificate    ${sandbox.certificateUrl}`);
  console.log(`  Admin API      ${started.adminUrl}`);
  for (const e of ADMIN_ENDPOINTS) console.log(`    ${e.method.padEnd(6)} ${e.path.padEnd(44)} ${e.does}`);
  if (options.stateFile) console.log(`  State file     ${options.stateFile}`);
  console.log('Any bearer token is accepted. Ctrl+C stops.');
  const stop = (): void => {
    clearInterval(pump);
    void sandbox.stop().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

if (require.main === module) {
  main().catch((e: unknown) => {
    if (isUserError(e)) {
      console.error(e.message);
      process.exit(e.exitCode);
    }
    console.error(e);
    process.exit(1);
  });
}
