import { actionRecords, lastAction } from '../../../flows/runtime/engine';
import { runManual, statusOf } from './helpers';

describe('Foreach', () => {
  it('runs sequentially with items(), records each iteration and counts billable actions per iteration', async () => {
    const { run } = await runManual(
      {
        Init: { type: 'InitializeVariable', inputs: { variables: [{ name: 'names', type: 'Array', value: [] }] } },
        Each: {
          type: 'Foreach',
          foreach: "@triggerBody()?['people']",
          runAfter: { Init: ['Succeeded'] },
          actions: {
            Upper: { type: 'Compose', inputs: "@toUpper(items('Each')?['name'])" },
            Add: {
              type: 'AppendToArrayVariable',
              inputs: { name: 'names', value: "@concat(outputs('Upper'), '#', iterationIndexes('Each'))" },
              runAfter: { Upper: ['Succeeded'] },
            },
          },
        },
      },
      { people: [{ name: 'a' }, { name: 'b' }, { name: 'c' }] },
    );
    expect(run.status).toBe('Succeeded');
    expect(run.variables.names).toEqual(['A#0', 'B#1', 'C#2']);
    expect(actionRecords(run, 'Upper').map((r) => r.iteration)).toEqual([0, 1, 2]);
    expect(lastAction(run, 'Each')?.iterations).toBe(3);
    // trigger + Init + Each + 3 x (Upper + Add)
    expect(run.billableActions).toBe(1 + 1 + 1 + 6);
  });

  it('is deterministic with concurrency and fails when one iteration fails', async () => {
    const flow = {
      Each: {
        type: 'Foreach',
        foreach: '@range(0, 6)',
        runtimeConfiguration: { concurrency: { repetitions: 3 } },
        actions: { Check: { type: 'Compose', inputs: '@div(10, sub(4, item()))' } },
      },
    };
    const a = await runManual(flow);
    const b = await runManual(flow);
    expect(actionRecords(a.run, 'Check').map((r) => r.status)).toEqual([
      'Succeeded',
      'Succeeded',
      'Succeeded',
      'Succeeded',
      'Failed',
      'Succeeded',
    ]);
    expect(actionRecords(b.run, 'Check').map((r) => r.outputs)).toEqual(
      actionRecords(a.run, 'Check').map((r) => r.outputs),
    );
    expect(statusOf(a.run, 'Each')).toBe('Failed');
    expect(a.run.status).toBe('Failed');
  });

  it('models concurrent iterations as starting together on the virtual clock', async () => {
    const wait = { type: 'Wait', inputs: { interval: { count: 10, unit: 'Second' } } };
    const seq = await runManual({ Each: { type: 'Foreach', foreach: '@range(0, 4)', actions: { W: wait } } });
    const par = await runManual({
      Each: {
        type: 'Foreach',
        foreach: '@range(0, 4)',
        runtimeConfiguration: { concurrency: { repetitions: 2 } },
        actions: { W: wait },
      },
    });
    const dur = (r: typeof seq.run) => Date.parse(r.endTime) - Date.parse(r.startTime);
    expect(dur(seq.run)).toBe(40_000);
    expect(dur(par.run)).toBe(20_000);
  });

  it('fails when foreach is not an array', async () => {
    const { run } = await runManual({ Each: { type: 'Foreach', foreach: "@triggerBody()?['missing']", actions: {} } });
    expect(lastAction(run, 'Each')?.code).toBe('InvalidTemplate');
    expect(lastAction(run, 'Each')?.error?.message).toContain("is of type 'Null'. The result must be a valid array.");
  });
});

describe('Until', () => {
  it('runs at least once and stops when the condition holds', async () => {
    const { run } = await runManual({
      Init: { type: 'InitializeVariable', inputs: { variables: [{ name: 'i', type: 'Integer', value: 0 }] } },
      Loop: {
        type: 'Until',
        expression: "@greaterOrEquals(variables('i'), 3)",
        limit: { count: 60, timeout: 'PT1H' },
        runAfter: { Init: ['Succeeded'] },
        actions: { Inc: { type: 'IncrementVariable', inputs: { name: 'i', value: 1 } } },
      },
    });
    expect(run.variables.i).toBe(3);
    expect(lastAction(run, 'Loop')?.iterations).toBe(3);
    expect(statusOf(run, 'Loop')).toBe('Succeeded');
  });

  it('stops at limit.count as Succeeded', async () => {
    const { run } = await runManual({
      Loop: {
        type: 'Until',
        expression: '@equals(1, 2)',
        limit: { count: 5 },
        actions: { C: { type: 'Compose', inputs: "@iterationIndexes('Loop')" } },
      },
    });
    expect(lastAction(run, 'Loop')?.iterations).toBe(5);
    expect(actionRecords(run, 'C').map((r) => r.outputs)).toEqual([0, 1, 2, 3, 4]);
    expect(statusOf(run, 'Loop')).toBe('Succeeded');
  });

  it('times out on the virtual clock as TimedOut, which a runAfter TimedOut handler catches', async () => {
    const { run } = await runManual({
      Loop: {
        type: 'Until',
        expression: '@equals(1, 2)',
        limit: { count: 5000, timeout: 'PT5M' },
        actions: { Delay: { type: 'Wait', inputs: { interval: { count: 1, unit: 'Minute' } } } },
      },
      OnTimeout: { type: 'Compose', inputs: 'timed out', runAfter: { Loop: ['TimedOut'] } },
    });
    expect(statusOf(run, 'Loop')).toBe('TimedOut');
    expect(lastAction(run, 'Loop')?.iterations).toBe(5);
    expect(statusOf(run, 'OnTimeout')).toBe('Succeeded');
    expect(run.status).toBe('Succeeded');
  });

  it('rejects a limit.count above 5000', async () => {
    const { run } = await runManual({
      Loop: { type: 'Until', expression: '@true', limit: { count: 5001 }, actions: {} },
    });
    expect(lastAction(run, 'Loop')?.code).toBe('InvalidTemplate');
  });
});

describe('Query, Select, Join, Table, ParseJson', () => {
  const rows = [
    { id: 1, name: 'Contoso', country: 'US' },
    { id: 2, name: 'Fabrikam, Inc', country: 'DE' },
  ];

  it('filters, selects, joins and makes CSV and HTML tables', async () => {
    const { run } = await runManual(
      {
        Filter: {
          type: 'Query',
          inputs: { from: "@triggerBody()?['rows']", where: "@equals(item()?['country'], 'DE')" },
        },
        Pick: {
          type: 'Select',
          inputs: {
            from: "@triggerBody()?['rows']",
            select: { key: "@item()?['id']", label: "@toUpper(item()?['name'])" },
          },
        },
        Names: { type: 'Select', inputs: { from: "@triggerBody()?['rows']", select: "@item()?['name']" } },
        Joined: {
          type: 'Join',
          inputs: { from: "@body('Names')", joinWith: '; ' },
          runAfter: { Names: ['Succeeded'] },
        },
        Csv: { type: 'Table', inputs: { from: "@triggerBody()?['rows']", format: 'CSV' } },
        Html: {
          type: 'Table',
          inputs: {
            from: "@triggerBody()?['rows']",
            format: 'HTML',
            columns: [{ header: 'Name', value: "@item()?['name']" }],
          },
        },
      },
      { rows },
    );
    expect(run.status).toBe('Succeeded');
    expect((lastAction(run, 'Filter')?.outputs as { body: unknown }).body).toEqual([rows[1]]);
    expect((lastAction(run, 'Pick')?.outputs as { body: unknown }).body).toEqual([
      { key: 1, label: 'CONTOSO' },
      { key: 2, label: 'FABRIKAM, INC' },
    ]);
    expect((lastAction(run, 'Joined')?.outputs as { body: unknown }).body).toBe('Contoso; Fabrikam, Inc');
    expect((lastAction(run, 'Csv')?.outputs as { body: unknown }).body).toBe(
      'id,name,country\r\n1,Contoso,US\r\n2,"Fabrikam, Inc",DE\r\n',
    );
    expect((lastAction(run, 'Html')?.outputs as { body: unknown }).body).toBe(
      '<table><thead><tr><th>Name</th></tr></thead><tbody><tr><td>Contoso</td></tr><tr><td>Fabrikam, Inc</td></tr></tbody></table>',
    );
  });

  it('fails Query when from is not an array', async () => {
    const { run } = await runManual({ Filter: { type: 'Query', inputs: { from: 'text', where: '@true' } } });
    expect(lastAction(run, 'Filter')?.code).toBe('InvalidTemplate');
  });

  const schema = {
    type: 'object',
    properties: { id: { type: 'string' }, amount: { type: 'number' } },
    required: ['id'],
  };

  it('parses JSON content and exposes body() properties', async () => {
    const { run } = await runManual(
      {
        Parse: { type: 'ParseJson', inputs: { content: "@triggerBody()?['payload']", schema } },
        Amount: { type: 'Compose', inputs: "@body('Parse')?['amount']", runAfter: { Parse: ['Succeeded'] } },
      },
      { payload: '{"id":"r1","amount":12.5}' },
    );
    expect(lastAction(run, 'Amount')?.outputs).toBe(12.5);
  });

  it('fails ParseJson with ValidationFailed and error details like Power Automate', async () => {
    const { run } = await runManual({ Parse: { type: 'ParseJson', inputs: { content: { amount: 'ten' }, schema } } });
    const rec = lastAction(run, 'Parse')!;
    expect(rec.status).toBe('Failed');
    expect(rec.code).toBe('ValidationFailed');
    expect(rec.error?.message).toBe('The schema validation failed.');
    const errors = (rec.outputs as { errors: { message: string; path: string }[] }).errors;
    expect(errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ message: 'Required properties are missing from object: id.' }),
        expect.objectContaining({ message: 'Invalid type. Expected Number but got String.', path: 'amount' }),
      ]),
    );
  });

  it('fails ParseJson on content that is not JSON', async () => {
    const { run } = await runManual({ Parse: { type: 'ParseJson', inputs: { content: '{oops', schema } } });
    expect(lastAction(run, 'Parse')?.code).toBe('InvalidJSON');
  });
});

describe('text conversion in Join and AppendToStringVariable', () => {
  it('uses the expression language string() conversion', async () => {
    const { run } = await runManual({
      Init: { type: 'InitializeVariable', inputs: { variables: [{ name: 't', type: 'String', value: '' }] } },
      J: {
        type: 'Join',
        inputs: { from: [1, true, null, { a: 1 }, 2.5], joinWith: '|' },
        runAfter: { Init: ['Succeeded'] },
      },
      A: { type: 'AppendToStringVariable', inputs: { name: 't', value: '@false' }, runAfter: { J: ['Succeeded'] } },
    });
    expect((lastAction(run, 'J')?.outputs as { body: string }).body).toBe('1|True||{"a":1}|2.5');
    expect(run.variables.t).toBe('False');
  });
});
