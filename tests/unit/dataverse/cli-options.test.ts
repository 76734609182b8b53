import { parseCliOptions } from '../../../sandbox/dataverse/cli-options';
import { UserError } from '../../../scripts/lib/user-error';

describe('dataverse sandbox CLI flags', () => {
  test('defaults and values', () => {
    expect(parseCliOptions([])).toEqual({ port: 0 });
    expect(parseCliOptions(['--port', '8080', '--state', 'dv.json', '--base-currency', 'EUR'])).toEqual({
      port: 8080,
      persistPath: 'dv.json',
      baseCurrency: 'EUR',
    });
  });

  test.each([
    [['--port', '70000'], /--port must be a number from 0 to 65535/],
    [['--port'], /--port needs a value/],
    [['--state', '--port', '1'], /--state needs a value/],
    [['--base-currency', 'usd'], /ISO 4217/],
    [['--verbose'], /Unknown flag "--verbose"/],
  ])('%j is a user error', (argv, message) => {
    expect(() => parseCliOptions(argv)).toThrow(UserError);
    expect(() => parseCliOptions(argv)).toThrow(message);
  });
});
