import { existsSync, readFileSync } from 'node:fs';
import { isIsoCountry, isIsoCurrency } from '../../connector/model/iso';
import { UserError } from './user-error';

/**
 * The one configuration file a partner edits: `cosell.config.json` at the repository root.
 * Every field is optional; missing fields take the documented defaults below. Each value is
 * validated and a bad one stops the build with exit code 2 and a message naming the field.
 */
export interface CosellConfig {
  publisher: {
    uniqueName: string;
    displayName: string;
    /** Dataverse customization prefix: 2-8 lowercase letters or digits, starting with a letter. */
    customizationPrefix: string;
    /** Choice values become optionValuePrefix * 10000 + n. */
    optionValuePrefix: number;
  };
  solution: {
    uniqueName: string;
    displayName: string;
    /** major.minor.build.revision; defaults to package.json's version with a .0 revision. */
    version: string;
  };
  connectors: {
    /** Entra ID application (client) id the two custom connectors sign in with. Never a secret. */
    clientId: string;
  };
  sync: {
    /** How often the reconciliation and Microsoft Solutions flows run, in minutes. */
    reconciliationMinutes: number;
  };
  defaults: {
    /** ISO 3166-1 alpha-2, used when a customer's country cannot be read from the CRM. */
    country: string;
    /** ISO 4217, used when a deal's currency cannot be read from the CRM. */
    currency: string;
  };
}

export const CONFIG_FILE_NAME = 'cosell.config.json';

/** The placeholder client id: a build with it works, but the connectors cannot sign in until it is set. */
export const PLACEHOLDER_CLIENT_ID = '00000000-0000-0000-0000-000000000000';

export function defaultConfig(packageVersion: string): CosellConfig {
  return {
    publisher: {
      uniqueName: 'CosellSync',
      displayName: 'Co-sell Sync',
      customizationPrefix: 'cosell',
      optionValuePrefix: 31870,
    },
    solution: {
      uniqueName: 'CosellSync',
      displayName: 'Co-sell Sync',
      version: toSolutionVersion(packageVersion),
    },
    connectors: { clientId: PLACEHOLDER_CLIENT_ID },
    sync: { reconciliationMinutes: 15 },
    defaults: { country: 'US', currency: 'USD' },
  };
}

/** `1.2.3` → `1.2.3.0`; `1.2.3-beta.4` → `1.2.3.0`. */
export function toSolutionVersion(semver: string): string {
  const m = /^(\d+)\.(\d+)\.(\d+)/.exec(semver);
  if (!m) throw new UserError(`package.json "version" must start with major.minor.patch (got "${semver}").`);
  return `${Number(m[1])}.${Number(m[2])}.${Number(m[3])}.0`;
}

type FieldRule = (value: unknown) => string | undefined;

const RESERVED_PREFIXES = ['mscrm', 'msdyn', 'msdyncrm', 'adx', 'msft', 'none'];

const rules: Record<string, FieldRule> = {
  'publisher.uniqueName': (v) =>
    typeof v === 'string' && /^[A-Za-z_][A-Za-z0-9_]{0,63}$/.test(v)
      ? undefined
      : 'a name of 1-64 letters, digits or underscores, starting with a letter or underscore',
  'publisher.displayName': (v) =>
    typeof v === 'string' && v.trim().length > 0 && v.length <= 256
      ? undefined
      : 'non-empty text of at most 256 characters',
  'publisher.customizationPrefix': (v) => {
    if (typeof v !== 'string' || !/^[a-z][a-z0-9]{1,7}$/.test(v))
      return '2-8 lowercase letters or digits, starting with a letter (for example "cosell")';
    if (v.startsWith('mscrm') || RESERVED_PREFIXES.includes(v))
      return `a prefix that is not reserved (not one of ${RESERVED_PREFIXES.join(', ')} and not starting with "mscrm")`;
    return undefined;
  },
  'publisher.optionValuePrefix': (v) =>
    typeof v === 'number' && Number.isInteger(v) && v >= 10000 && v <= 99999
      ? undefined
      : 'a whole number from 10000 to 99999',
  'solution.uniqueName': (v) =>
    typeof v === 'string' && /^[A-Za-z_][A-Za-z0-9_]{0,64}$/.test(v)
      ? undefined
      : 'a name of 1-65 letters, digits or underscores, starting with a letter or underscore',
  'solution.displayName': (v) =>
    typeof v === 'string' && v.trim().length > 0 && v.length <= 256
      ? undefined
      : 'non-empty text of at most 256 characters',
  'solution.version': (v) =>
    typeof v === 'string' && /^\d{1,9}\.\d{1,9}\.\d{1,9}\.\d{1,9}$/.test(v)
      ? undefined
      : 'four whole numbers separated by dots, major.minor.build.revision (for example "1.0.0.0")',
  'connectors.clientId': (v) =>
    typeof v === 'string' && /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/.test(v)
      ? undefined
      : 'the Entra ID application (client) id, a GUID such as "1b2c3d4e-0000-4000-8000-123456789abc"',
  'sync.reconciliationMinutes': (v) =>
    typeof v === 'number' && Number.isInteger(v) && v >= 5 && v <= 1440
      ? undefined
      : 'a whole number of minutes from 5 to 1440 (Power Automate runs a recurrence at most once a minute; less than 5 wastes requests)',
  'defaults.country': (v) =>
    isIsoCountry(v) ? undefined : 'an ISO 3166-1 alpha-2 country code in capitals (for example "US")',
  'defaults.currency': (v) =>
    isIsoCurrency(v) ? undefined : 'an ISO 4217 currency code in capitals (for example "USD")',
};

/**
 * Merges a user's raw config over the defaults and validates every field.
 * Pure: takes parsed JSON, returns a config or throws a UserError naming the field.
 */
export function resolveConfig(raw: unknown, packageVersion: string, source = CONFIG_FILE_NAME): CosellConfig {
  const config = defaultConfig(packageVersion);
  if (raw === undefined) return config;
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw))
    throw new UserError(
      `${source}: the file must hold a JSON object with the sections publisher, solution, connectors, sync, defaults.`,
    );

  const sections = config as unknown as Record<string, Record<string, unknown>>;
  for (const [section, value] of Object.entries(raw as Record<string, unknown>)) {
    if (section === '$schema') continue;
    if (!(section in sections)) {
      throw new UserError(`${source}: unknown section "${section}"; allowed: ${Object.keys(sections).join(', ')}.`);
    }
    if (value === null || typeof value !== 'object' || Array.isArray(value))
      throw new UserError(`${source}: "${section}" must be an object.`);
    for (const [field, fieldValue] of Object.entries(value as Record<string, unknown>)) {
      const path = `${section}.${field}`;
      const rule = rules[path];
      if (!rule) {
        throw new UserError(
          `${source}: unknown field "${path}"; allowed in "${section}": ${Object.keys(sections[section]).join(', ')}.`,
        );
      }
      const problem = rule(fieldValue);
      if (problem) throw new UserError(`${source}: "${path}" is ${JSON.stringify(fieldValue)}; allowed: ${problem}.`);
      sections[section][field] = fieldValue;
    }
  }
  return config;
}

/** The edge: reads cosell.config.json (optional) and package.json from a root folder. */
export function loadConfig(root: string): CosellConfig {
  const pkg = JSON.parse(readFileSync(`${root}/package.json`, 'utf8')) as { version: string };
  const file = `${root}/${CONFIG_FILE_NAME}`;
  if (!existsSync(file)) return resolveConfig(undefined, pkg.version);
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new UserError(`${CONFIG_FILE_NAME}: not valid JSON (${(e as Error).message}).`);
  }
  return resolveConfig(raw, pkg.version);
}

/** Documentation of every field, used by the README check and `docs/CONFIG.md`. */
export const CONFIG_FIELDS = Object.keys(rules);
