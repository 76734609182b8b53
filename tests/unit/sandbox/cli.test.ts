import { parseArgs } from '../../../sandbox/cli';
import { UserError } from '../../../scripts/lib/user-error';

describe('npm run sandbox options', () => {
  test('defaults and every flag', () => {
    expect(parseArgs([])).toEqual({ port: 7071, createStatus: 200 });
    expect(
      parseArgs([
        '--port',
        '0',
        '--state',
        'rehearsal/pc.json',
        '--seed',
        's1',
        '--resource-base',
        'self',
        '--create-status',
        '201',
      ]),
    ).toEqual({
      port: 0,
      stateFile: 'rehearsal/pc.json',
      seed: 's1',
      resourceBase: 'self',
      createStatus: 201,
    });
  });

  test.each([
    [['--port', 'abc'], '--port must be 0-65535'],
    [['--port', '70000'], '--port must be 0-65535'],
    [['--port'], '--port needs a value'],
    [['--state', '--seed', 'x'], '--state needs a value'],
    [['--resource-base', 'ftp://x'], '--resource-base must be an http(s) URL or "self"'],
    [['--create-status', '204'], '--create-status must be 200 or 201'],
    [['--verbose'], 'Unknown option --verbose'],
    [['--help'], 'Usage: npm run sandbox'],
  ])('%j is a user error (exit 2)', (argv, message) => {
    let error: unknown;
    try {
      parseArgs(argv);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).exitCode).toBe(2);
    expect((error as UserError).message).toContain(message);
  });
});
