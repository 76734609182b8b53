import { UserError } from '../../scripts/lib/user-error';

export interface CliOptions {
  port: number;
  persistPath?: string;
  baseCurrency?: string;
}

export const USAGE =
  'Usage: dataverse-sandbox [--port <0-65535>] [--state <file.json>] [--base-currency <ISO code>]\n' +
  'Starts the local Dataverse Web API on 127.0.0.1 (port 0 picks a free one).';

/** Parses the sandbox's command-line flags; a bad flag is a UserError naming it. */
export function parseCliOptions(argv: string[]): CliOptions {
  const out: CliOptions = { port: 0 };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = argv[i + 1];
    const need = (): string => {
      if (value === undefined || value.startsWith('--')) throw new UserError(`${flag} needs a value.\n${USAGE}`);
      i++;
      return value;
    };
    switch (flag) {
      case '--port': {
        const v = need();
        if (!/^\d{1,5}$/.test(v) || Number(v) > 65535)
          throw new UserError(`--port must be a number from 0 to 65535 (got "${v}").`);
        out.port = Number(v);
        break;
      }
      case '--state':
        out.persistPath = need();
        break;
      case '--base-currency': {
        const v = need();
        if (!/^[A-Z]{3}$/.test(v))
          throw new UserError(`--base-currency must be an ISO 4217 code in capitals (got "${v}").`);
        out.baseCurrency = v;
        break;
      }
      default:
        throw new UserError(`Unknown flag "${flag}".\n${USAGE}`);
    }
  }
  return out;
}
