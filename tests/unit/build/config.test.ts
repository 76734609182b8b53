import {
  CONFIG_FIELDS,
  defaultConfig,
  PLACEHOLDER_CLIENT_ID,
  resolveConfig,
  toSolutionVersion,
} from '../../../scripts/lib/config';
import { UserError } from '../../../scripts/lib/user-error';

function problem(raw: unknown): string {
  try {
    resolveConfig(raw, '1.2.3');
  } catch (e) {
    expect(e).toBeInstanceOf(UserError);
    return (e as Error).message;
  }
  throw new Error('expected a UserError');
}

describe('config', () => {
  it('builds with no config at all, using documented defaults', () => {
    const c = resolveConfig(undefined, '1.2.3');
    expect(c).toEqual(defaultConfig('1.2.3'));
    expect(c.solution.version).toBe('1.2.3.0');
    expect(c.connectors.clientId).toBe(PLACEHOLDER_CLIENT_ID);
    expect(c.defaults).toEqual({ country: 'US', currency: 'USD' });
  });

  it('merges a partial config over the defaults', () => {
    const c = resolveConfig(
      { publisher: { customizationPrefix: 'contoso' }, defaults: { country: 'DE', currency: 'EUR' } },
      '1.0.0',
    );
    expect(c.publisher.customizationPrefix).toBe('contoso');
    expect(c.publisher.optionValuePrefix).toBe(defaultConfig('1.0.0').publisher.optionValuePrefix);
    expect(c.defaults).toEqual({ country: 'DE', currency: 'EUR' });
  });

  it.each([
    [{ publisher: { customizationPrefix: 'Bad-Prefix' } }, 'publisher.customizationPrefix', '2-8 lowercase'],
    [{ publisher: { customizationPrefix: 'mscrmx' } }, 'publisher.customizationPrefix', 'not reserved'],
    [{ publisher: { customizationPrefix: 'a' } }, 'publisher.customizationPrefix', '2-8'],
    [{ publisher: { optionValuePrefix: 9999 } }, 'publisher.optionValuePrefix', '10000 to 99999'],
    [{ publisher: { optionValuePrefix: 100000 } }, 'publisher.optionValuePrefix', '10000 to 99999'],
    [{ publisher: { optionValuePrefix: '12345' } }, 'publisher.optionValuePrefix', 'whole number'],
    [{ publisher: { uniqueName: '1abc' } }, 'publisher.uniqueName', 'starting with a letter'],
    [{ solution: { version: '1.0' } }, 'solution.version', 'major.minor.build.revision'],
    [{ solution: { uniqueName: 'has space' } }, 'solution.uniqueName', 'letters, digits or underscores'],
    [{ connectors: { clientId: 'secret-looking-text' } }, 'connectors.clientId', 'GUID'],
    [{ defaults: { country: 'USA' } }, 'defaults.country', 'ISO 3166-1 alpha-2'],
    [{ defaults: { country: 'us' } }, 'defaults.country', 'ISO 3166-1 alpha-2'],
    [{ defaults: { currency: 'XYZ' } }, 'defaults.currency', 'ISO 4217'],
    [{ sync: { reconciliationMinutes: 1 } }, 'sync.reconciliationMinutes', '5 to 1440'],
    [{ sync: { reconciliationMinutes: 7.5 } }, 'sync.reconciliationMinutes', 'whole number'],
  ])('rejects %j naming %s', (raw, field, allowed) => {
    const message = problem(raw);
    expect(message).toContain(`"${field}"`);
    expect(message).toContain(allowed);
  });

  it('rejects unknown sections and fields, listing what is allowed', () => {
    expect(problem({ publisher: { prefix: 'x' } })).toMatch(/unknown field "publisher.prefix".*customizationPrefix/);
    expect(problem({ secrets: {} })).toMatch(/unknown section "secrets".*publisher/);
    expect(problem([])).toMatch(/JSON object/);
    expect(problem({ publisher: 'x' })).toMatch(/"publisher" must be an object/);
  });

  it('documents a rule for every field of the config', () => {
    const c = defaultConfig('1.0.0') as unknown as Record<string, Record<string, unknown>>;
    const all = Object.entries(c).flatMap(([s, fields]) => Object.keys(fields).map((f) => `${s}.${f}`));
    expect([...CONFIG_FIELDS].sort()).toEqual(all.sort());
  });

  it('turns package versions into solution versions', () => {
    expect(toSolutionVersion('2.10.3')).toBe('2.10.3.0');
    expect(toSolutionVersion('1.0.0-beta.1')).toBe('1.0.0.0');
    expect(() => toSolutionVersion('x')).toThrow(UserError);
  });
});
