import { isUserError } from '../../scripts/lib/user-error';
import { loadConfig } from '../../scripts/lib/config';
import { parseCliOptions } from './cli-options';
import { startDataverseSandbox } from './index';

/** Edge: `ts-node sandbox/dataverse/cli.ts [--port N] [--state file] [--base-currency USD]`; Ctrl+C stops it. */
async function main(): Promise<void> {
  const options = parseCliOptions(process.argv.slice(2));
  const config = loadConfig(process.cwd());
  const sandbox = await startDataverseSandbox({
    config,
    port: options.port,
    ...(options.persistPath ? { persistPath: options.persistPath } : {}),
    ...(options.baseCurrency ? { baseCurrency: options.baseCurrency } : {}),
  });
  console.log(`Dataverse Web API: ${sandbox.apiUrl}`);
  console.log(
    `Users: administrator ${sandbox.adminUserId}, integration ${sandbox.integrationUserId} (send MSCRMCallerID to act as one)`,
  );
  const stop = (): void => {
    void sandbox.stop().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((e: unknown) => {
  if (isUserError(e)) {
    console.error(e.message);
    process.exit(2);
  }
  console.error(e);
  process.exit(1);
});
