import { formatTrace, lastAction } from '../../../flows/runtime/engine';
import { runManual, statusOf } from './helpers';

describe('Compose, variables and expressions', () => {
  it('composes values with their own type and interpolated strings', async () => {
    const { run } = await runManual(
      {
        Compose: {
          type: 'Compose',
          inputs: { n: '@add(1, 2)', s: "Hello @{triggerBody()?['name']}", raw: 5 },
          runAfter: {},
        },
        Use: { type: 'Compose', inputs: "@outputs('Compose')?['n']", runAfter: { Compose: ['Succeeded'] } },
      },
      { name: 'Ada' },
    );
    expect(run.status).toBe('Succeeded');
    expect(lastAction(run, 'Compose')?.outputs).toEqual({ n: 3, s: 'Hello Ada', raw: 5 });
    expect(lastAction(run, 'Use')?.outputs).toBe(3);
  });

  it('initializes, sets, increments, decrements and appends variables', async () => {
    const { run } = await runManual({
      Init: {
        type: 'InitializeVariable',
        inputs: {
          variables: [
            { name: 'count', type: 'integer', value: 1 },
            { name: 'list', type: 'Array', value: [] },
            { name: 'text', type: 'String', value: 'a' },
            { name: 'ratio', type: 'Float', value: 0.5 },
          ],
        },
      },
      Inc: { type: 'IncrementVariable', inputs: { name: 'count', value: 4 }, runAfter: { Init: ['Succeeded'] } },
      Dec: { type: 'DecrementVariable', inputs: { name: 'count' }, runAfter: { Inc: ['Succeeded'] } },
      Push: {
        type: 'AppendToArrayVariable',
        inputs: { name: 'list', value: "@variables('count')" },
        runAfter: { Dec: ['Succeeded'] },
      },
      Cat: { type: 'AppendToStringVariable', inputs: { name: 'text', value: 'bc' }, runAfter: { Push: ['Succeeded'] } },
      Set: { type: 'SetVariable', inputs: { name: 'ratio', value: 2.25 }, runAfter: { Cat: ['Succeeded'] } },
    });
    expect(run.status).toBe('Succeeded');
    expect(run.variables).toEqual({ count: 4, list: [4], text: 'abc', ratio: 2.25 });
  });

  it('fails SetVariable with a type mismatch as InvalidTemplate and the run fails', async () => {
    const { run } = await runManual({
      Init: { type: 'InitializeVariable', inputs: { variables: [{ name: 'n', type: 'Integer', value: 0 }] } },
      Set: { type: 'SetVariable', inputs: { name: 'n', value: 'text' }, runAfter: { Init: ['Succeeded'] } },
    });
    expect(run.status).toBe('Failed');
    const set = lastAction(run, 'Set')!;
    expect(set.status).toBe('Failed');
    expect(set.code).toBe('InvalidTemplate');
    expect(set.error?.message).toContain("cannot be initialized or updated with value of type 'String'");
  });

  it('fails an action whose expression errors with InvalidTemplate and PA wording', async () => {
    const { run } = await runManual({ Bad: { type: 'Compose', inputs: "@body('Nope')" } });
    const bad = lastAction(run, 'Bad')!;
    expect(bad.status).toBe('Failed');
    expect(bad.code).toBe('InvalidTemplate');
    expect(bad.error?.message).toMatch(
      /^Unable to process template language expressions in action 'Bad' inputs at line '0' and column '0': '.*Nope.*'\.$/,
    );
    expect(run.status).toBe('Failed');
    expect(run.error?.code).toBe('ActionFailed');
  });

  it('reads parameters, including environment variables overridden by schema name', async () => {
    const { run } = await runManual(
      { P: { type: 'Compose', inputs: "@parameters('Region (cs_Region)')" } },
      {},
      { parameters: { cs_Region: 'EU' } },
      {
        parameters: {
          'Region (cs_Region)': { type: 'String', defaultValue: 'US', metadata: { schemaName: 'cs_Region' } },
        },
      },
    );
    expect(lastAction(run, 'P')?.outputs).toBe('EU');
  });

  it('exposes workflow() and trigger() data', async () => {
    const { run } = await runManual({
      W: {
        type: 'Compose',
        inputs: {
          name: "@workflow()?['tags']?['flowDisplayName']",
          run: "@workflow()?['run']?['name']",
          trig: "@trigger()?['name']",
        },
      },
    });
    const out = lastAction(run, 'W')!.outputs as Record<string, unknown>;
    expect(out.run).toBe(run.runId);
    expect(out.trig).toBe('manual');
    expect(typeof out.name).toBe('string');
  });
});

describe('runAfter and Skipped propagation', () => {
  const failing = { type: 'Compose', inputs: '@div(1, 0)' };

  it('skips successors of a failed action with ActionBranchingConditionNotSatisfied, transitively', async () => {
    const { run } = await runManual({
      A: failing,
      B: { type: 'Compose', inputs: 'b', runAfter: { A: ['Succeeded'] } },
      C: { type: 'Compose', inputs: 'c', runAfter: { B: ['Succeeded'] } },
    });
    expect(statusOf(run, 'A')).toBe('Failed');
    expect(statusOf(run, 'B')).toBe('Skipped');
    expect(lastAction(run, 'B')?.code).toBe('ActionBranchingConditionNotSatisfied');
    expect(lastAction(run, 'B')?.error?.message).toBe(
      "The execution of template action 'B' is skipped: the 'runAfter' condition for action 'A' is not satisfied. Expected status values 'Succeeded' and actual value 'Failed'.",
    );
    expect(statusOf(run, 'C')).toBe('Skipped');
    expect(run.status).toBe('Failed');
  });

  it('runs a handler after Failed, which makes the run succeed', async () => {
    const { run } = await runManual({
      A: failing,
      Handle: { type: 'Compose', inputs: "@actions('A')?['status']", runAfter: { A: ['Failed', 'TimedOut'] } },
    });
    expect(lastAction(run, 'Handle')?.outputs).toBe('Failed');
    expect(run.status).toBe('Succeeded');
  });

  it('treats a skipped leaf after a success as fine and AND-s multiple predecessors', async () => {
    const { run } = await runManual({
      A: { type: 'Compose', inputs: 1 },
      B: { type: 'Compose', inputs: 2 },
      OnlyOnFail: { type: 'Compose', inputs: 'x', runAfter: { A: ['Failed'] } },
      Join: { type: 'Compose', inputs: 'j', runAfter: { A: ['Succeeded'], B: ['Succeeded', 'Skipped'] } },
    });
    expect(statusOf(run, 'OnlyOnFail')).toBe('Skipped');
    expect(statusOf(run, 'Join')).toBe('Succeeded');
    expect(run.status).toBe('Succeeded');
  });

  it('accepts actions without runAfter and orders only by runAfter', async () => {
    const { run } = await runManual({
      Second: { type: 'Compose', inputs: "@outputs('First')", runAfter: { First: ['Succeeded'] } },
      First: { type: 'Compose', inputs: 'one' },
    });
    expect(run.actions.map((a) => a.name)).toEqual(['First', 'Second']);
    expect(lastAction(run, 'Second')?.outputs).toBe('one');
  });

  it('fails actions whose runAfter names a missing action or forms a cycle, without throwing', async () => {
    const { run } = await runManual({
      A: { type: 'Compose', inputs: 1, runAfter: { Ghost: ['Succeeded'] } },
      B: { type: 'Compose', inputs: 1, runAfter: { C: ['Succeeded'] } },
      C: { type: 'Compose', inputs: 1, runAfter: { B: ['Succeeded'] } },
    });
    expect(statusOf(run, 'A')).toBe('Failed');
    expect(lastAction(run, 'A')?.error?.message).toContain("'Ghost'");
    expect(lastAction(run, 'B')?.error?.message).toContain('cycle');
    expect(run.status).toBe('Failed');
  });

  it('fails an unknown action type with InvalidTemplate', async () => {
    const { run } = await runManual({ X: { type: 'Teleport', inputs: {} } });
    expect(lastAction(run, 'X')?.code).toBe('InvalidTemplate');
  });
});

describe('If, Switch, Scope and result()', () => {
  it('takes the then branch and records else actions as Skipped', async () => {
    const { run } = await runManual(
      {
        Cond: {
          type: 'If',
          expression: {
            and: [
              { equals: ["@triggerBody()?['kind']", 'deal'] },
              { not: { equals: ["@triggerBody()?['id']", '@null'] } },
            ],
          },
          actions: { Yes: { type: 'Compose', inputs: 'yes' } },
          else: { actions: { No: { type: 'Compose', inputs: 'no' } } },
        },
      },
      { kind: 'deal', id: 7 },
    );
    expect(statusOf(run, 'Yes')).toBe('Succeeded');
    expect(statusOf(run, 'No')).toBe('Skipped');
    expect(lastAction(run, 'Cond')?.outputs).toEqual({ expression: true });
    expect(lastAction(run, 'Yes')?.parentId).toBe(lastAction(run, 'Cond')?.id);
  });

  it('evaluates a string-form condition to the else branch', async () => {
    const { run } = await runManual(
      {
        Cond: {
          type: 'If',
          expression: "@greater(length(triggerBody()?['items']), 2)",
          actions: { Yes: { type: 'Compose', inputs: 1 } },
          else: { actions: { No: { type: 'Compose', inputs: 2 } } },
        },
      },
      { items: [1] },
    );
    expect(statusOf(run, 'No')).toBe('Succeeded');
    expect(statusOf(run, 'Yes')).toBe('Skipped');
  });

  it('fails an If whose expression is not Boolean', async () => {
    const { run } = await runManual({ Cond: { type: 'If', expression: "@'yes'", actions: {} } });
    expect(lastAction(run, 'Cond')?.code).toBe('InvalidTemplate');
  });

  it('switches on exact case values with a default', async () => {
    const sw = (v: unknown) =>
      runManual(
        {
          Sw: {
            type: 'Switch',
            expression: "@triggerBody()?['stage']",
            cases: {
              Case_won: { case: 'Won', actions: { W: { type: 'Compose', inputs: 'w' } } },
              Case_2: { case: 2, actions: { Two: { type: 'Compose', inputs: 2 } } },
            },
            default: { actions: { D: { type: 'Compose', inputs: 'd' } } },
          },
        },
        { stage: v },
      );
    const won = (await sw('Won')).run;
    expect(statusOf(won, 'W')).toBe('Succeeded');
    expect(statusOf(won, 'D')).toBe('Skipped');
    const two = (await sw(2)).run;
    expect(statusOf(two, 'Two')).toBe('Succeeded');
    const other = (await sw('Lost')).run;
    expect(statusOf(other, 'D')).toBe('Succeeded');
    expect(lastAction(other, 'Sw')?.outputs).toEqual({ expression: 'Lost', case: 'default' });
  });

  it('aggregates Scope status and supports the try/catch/finally idiom with result()', async () => {
    const { run } = await runManual({
      Try: {
        type: 'Scope',
        actions: {
          Ok: { type: 'Compose', inputs: 1 },
          Boom: { type: 'Compose', inputs: "@int('x')", runAfter: { Ok: ['Succeeded'] } },
        },
      },
      Catch: {
        type: 'Scope',
        runAfter: { Try: ['Failed', 'TimedOut'] },
        actions: {
          Failures: {
            type: 'Query',
            inputs: { from: "@result('Try')", where: "@equals(item()?['status'], 'Failed')" },
          },
        },
      },
      Finally: { type: 'Compose', inputs: 'done', runAfter: { Catch: ['Succeeded', 'Failed', 'Skipped', 'TimedOut'] } },
    });
    expect(statusOf(run, 'Try')).toBe('Failed');
    expect(lastAction(run, 'Try')?.code).toBe('ActionFailed');
    expect(statusOf(run, 'Catch')).toBe('Succeeded');
    const failures = (lastAction(run, 'Failures')?.outputs as { body: { name: string }[] }).body;
    expect(failures.map((f) => f.name)).toEqual(['Boom']);
    expect(run.status).toBe('Succeeded');
  });

  it('Terminate ends the run with its status and error, leaving later actions unrun', async () => {
    const { run } = await runManual({
      Stop: {
        type: 'Terminate',
        inputs: { runStatus: 'Failed', runError: { code: 'Duplicate', message: 'Already synced' } },
      },
      After: { type: 'Compose', inputs: 1, runAfter: { Stop: ['Succeeded'] } },
    });
    expect(run.status).toBe('Failed');
    expect(run.error).toEqual({ code: 'Duplicate', message: 'Already synced' });
    expect(lastAction(run, 'After')).toBeUndefined();
  });

  it('Terminate Succeeded inside a Scope overrides an earlier failure', async () => {
    const { run } = await runManual({
      Bad: { type: 'Compose', inputs: '@div(1,0)' },
      S: {
        type: 'Scope',
        runAfter: { Bad: ['Failed'] },
        actions: { End: { type: 'Terminate', inputs: { runStatus: 'Succeeded' } } },
      },
    });
    expect(run.status).toBe('Succeeded');
  });

  it('prints an indented trace', async () => {
    const { run } = await runManual({ S: { type: 'Scope', actions: { Inner: { type: 'Compose', inputs: 1 } } } });
    const trace = formatTrace(run);
    expect(trace).toContain('- S [Scope] Succeeded');
    expect(trace).toContain('    - Inner [Compose] Succeeded');
  });
});

describe('secureData', () => {
  it('hides inputs and outputs from run history while later actions still read them', async () => {
    const { run } = await runManual({
      Secret: {
        type: 'Compose',
        inputs: { token: 'abc' },
        runtimeConfiguration: { secureData: { properties: ['inputs', 'outputs'] } },
      },
      Use: { type: 'Compose', inputs: "@outputs('Secret')?['token']", runAfter: { Secret: ['Succeeded'] } },
    });
    expect(lastAction(run, 'Secret')?.inputs).toBe('Content not shown due to security configuration.');
    expect(lastAction(run, 'Secret')?.outputs).toBe('Content not shown due to security configuration.');
    expect(lastAction(run, 'Use')?.outputs).toBe('abc');
  });
});

describe('form data and multipart workflow functions', () => {
  it('reads form-encoded and multipart trigger bodies', async () => {
    const { run } = await runManual(
      {
        One: { type: 'Compose', inputs: "@triggerFormDataValue('a')" },
        Many: { type: 'Compose', inputs: "@triggerFormDataMultiValues('b')" },
        Part: { type: 'Compose', inputs: '@triggerMultipartBody(1)' },
        Dup: { type: 'Compose', inputs: "@triggerFormDataValue('b')" },
      },
      {
        $formdata: [
          { key: 'a', value: '1' },
          { key: 'b', value: 'x' },
          { key: 'b', value: 'y' },
        ],
        $multipart: [{ body: 'first' }, { headers: {}, body: { n: 2 } }],
      },
    );
    expect(lastAction(run, 'One')?.outputs).toBe('1');
    expect(lastAction(run, 'Many')?.outputs).toEqual(['x', 'y']);
    expect(lastAction(run, 'Part')?.outputs).toEqual({ n: 2 });
    expect(lastAction(run, 'Dup')?.code).toBe('InvalidTemplate');
  });

  it('names an unsupported workflow function in the error', async () => {
    const { run } = await runManual({ A: { type: 'Compose', inputs: "@appsetting('x')" } });
    expect(lastAction(run, 'A')?.error?.message).toContain("'appsetting' is not supported by the local flow runtime");
  });
});

describe('action input errors', () => {
  it.each([
    [
      'incrementing a String variable',
      { type: 'IncrementVariable', inputs: { name: 's', value: 1 } },
      'cannot be incremented',
    ],
    [
      'incrementing an Integer by a Float',
      { type: 'IncrementVariable', inputs: { name: 'n', value: 1.5 } },
      "cannot be changed by a value of type 'Float'",
    ],
    [
      'appending to a String as an array',
      { type: 'AppendToArrayVariable', inputs: { name: 's', value: 1 } },
      "must be of type 'Array'",
    ],
    [
      'appending to an Integer as a string',
      { type: 'AppendToStringVariable', inputs: { name: 'n', value: 'x' } },
      "must be of type 'String'",
    ],
    [
      'setting an uninitialized variable',
      { type: 'SetVariable', inputs: { name: 'missing', value: 1 } },
      "The variable 'missing' is not initialized",
    ],
    [
      'initializing a variable twice',
      { type: 'InitializeVariable', inputs: { variables: [{ name: 'N', type: 'Integer', value: 1 }] } },
      'has already been initialized',
    ],
    [
      'a bad Terminate status',
      { type: 'Terminate', inputs: { runStatus: 'Done' } },
      "must be 'Succeeded', 'Failed' or 'Cancelled'",
    ],
    ['a bad Response status code', { type: 'Response', inputs: { statusCode: 42 } }, 'must be an HTTP status code'],
    ['a Wait without interval or until', { type: 'Wait', inputs: {} }, "needs 'interval' or 'until'"],
  ])('fails on %s', async (_label, action, message) => {
    const { run } = await runManual({
      Init: {
        type: 'InitializeVariable',
        inputs: {
          variables: [
            { name: 's', type: 'String', value: '' },
            { name: 'n', type: 'Integer', value: 0 },
          ],
        },
      },
      Act: { ...action, runAfter: { Init: ['Succeeded'] } },
    });
    const act = lastAction(run, 'Act')!;
    expect(act.status).toBe('Failed');
    expect(act.error?.message).toContain(message);
    expect(run.status).toBe('Failed');
  });

  it('sends only one Response and waits until a timestamp on the virtual clock', async () => {
    const { run } = await runManual({
      Delay: { type: 'Wait', inputs: { until: { timestamp: '2026-01-01T06:00:00Z' } } },
      R1: { type: 'Response', inputs: { statusCode: 200 }, runAfter: { Delay: ['Succeeded'] } },
      R2: { type: 'Response', inputs: { statusCode: 500 }, runAfter: { R1: ['Succeeded'] } },
    });
    expect(run.response?.statusCode).toBe(200);
    expect(lastAction(run, 'R2')?.code).toBe('ActionResponseAlreadySent');
    expect(run.endTime).toBe('2026-01-01T06:00:00.000Z');
  });
});
