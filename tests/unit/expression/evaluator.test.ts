import {
  expressionEquals,
  valueToText,
  evaluateExpression,
  evaluateTemplate,
  ExpressionError,
  parseTemplate,
  SUPPORTED_FUNCTIONS,
  WORKFLOW_FUNCTIONS,
} from '../../../flows/runtime/expression';
import { TestHost } from './test-host';

const row = { name: 'Contoso', id: 7, tags: ['a', 'b'], nested: null, body: { x: { y: 'deep' } }, 'body/x': 'exact' };

function host(): TestHost {
  return new TestHost({
    parameters: ([name]) =>
      (({ myAge: 42, name: 'Sophia', flag: true, obj: { a: 1 } }) as Record<string, unknown>)[name as string],
    triggerBody: () => row,
    triggerOutputs: () => ({ headers: { 'x-ms-id': '1' }, body: row }),
    body: ([name]) => (name === 'Get_row' ? { value: [{ id: 1 }, { id: 2 }] } : undefined),
    variables: ([name]) => (name === 'missing' ? undefined : `value of ${String(name)}`),
    item: () => ({ status: 'Failed' }),
  });
}

describe('templates', () => {
  it('@ keeps the native type, @{} yields a string', () => {
    expect(evaluateTemplate("@parameters('myAge')", host())).toBe(42);
    expect(evaluateTemplate("@{parameters('myAge')}", host())).toBe('42');
    expect(evaluateTemplate("My age is @{parameters('myAge')}", host())).toBe('My age is 42');
    expect(evaluateTemplate("@parameters('obj')", host())).toEqual({ a: 1 });
  });

  it('interpolates objects as compact JSON, null as empty, Booleans as True/False', () => {
    expect(evaluateTemplate("obj=@{parameters('obj')}", host())).toBe('obj={"a":1}');
    expect(evaluateTemplate("[@{triggerBody()?['nested']}]", host())).toBe('[]');
    expect(evaluateTemplate("@{parameters('flag')}", host())).toBe('True');
    expect(evaluateTemplate("@{triggerBody()?['tags']}", host())).toBe('["a","b"]');
    expect(evaluateTemplate('@{div(10, 4.0)} @{add(1.5, 1.5)}', host())).toBe('2.5 3');
  });

  it('handles @@ escapes and literals', () => {
    expect(evaluateTemplate('@@', host())).toBe('@');
    expect(evaluateTemplate('@@{x}', host())).toBe('@{x}');
    expect(evaluateTemplate('mail me@contoso.com', host())).toBe('mail me@contoso.com');
    expect(evaluateTemplate("My age is @@{parameters('myAge')}", host())).toBe("My age is @{parameters('myAge')}");
  });

  it('evaluates every string deep inside objects and arrays', () => {
    const inputs = {
      'item/name': "@triggerBody()?['name']",
      list: ["@parameters('myAge')", 'plain', 3, true, null],
      nested: { text: "Hi @{parameters('name')}" },
    };
    expect(evaluateTemplate(inputs, host())).toEqual({
      'item/name': 'Contoso',
      list: [42, 'plain', 3, true, null],
      nested: { text: 'Hi Sophia' },
    });
  });

  it('caches parsed templates', () => {
    const a = parseTemplate("@triggerBody()?['name']");
    expect(parseTemplate("@triggerBody()?['name']")).toBe(a);
  });

  it('returns plain JSON (no boxed numbers) for float results', () => {
    expect(evaluateTemplate('@mul(1.5, 2)', host())).toBe(3);
    expect(evaluateTemplate('@createArray(2.0)', host())).toEqual([2]);
  });
});

describe('property access', () => {
  it('selects with indexers, dots and safe navigation', () => {
    expect(evaluateExpression("triggerBody()['name']", host())).toBe('Contoso');
    expect(evaluateExpression('triggerBody().name', host())).toBe('Contoso');
    expect(evaluateExpression("triggerBody()?['tags'][1]", host())).toBe('b');
    expect(evaluateExpression("body('Get_row')?['value']?[0]?['id']", host())).toBe(1);
    expect(evaluateExpression("triggerOutputs()['headers']['x-ms-id']", host())).toBe('1');
  });

  it('gives null with ? for missing properties and null targets', () => {
    expect(evaluateExpression("triggerBody()?['missing']", host())).toBeNull();
    expect(evaluateExpression("triggerBody()?['nested']?['x']", host())).toBeNull();
    expect(evaluateExpression("triggerBody()?['missing']?['x']?['y']", host())).toBeNull();
    expect(evaluateExpression("triggerBody()?['tags']?[5]", host())).toBeNull();
  });

  it('fails without ? on missing properties and null targets, naming the property', () => {
    expect(() => evaluateExpression("triggerBody()['missing']", host())).toThrow(
      /property 'missing' doesn't exist, available properties are 'name, id/,
    );
    expect(() => evaluateExpression("triggerBody()['nested']['x']", host())).toThrow(
      /property 'x' cannot be selected.*'Null'/,
    );
    expect(() => evaluateExpression("triggerBody()['tags'][5]", host())).toThrow(
      /array index '5' is outside bounds \(0, 1\)/,
    );
    expect(() => evaluateExpression("triggerBody()['name']['x']", host())).toThrow(
      /not supported on values of type 'String'/,
    );
    expect(() => evaluateExpression("triggerBody()['tags']['x']", host())).toThrow(/integer index/);
  });

  it('reads alias paths as property steps, preferring an exact key', () => {
    expect(evaluateExpression("triggerOutputs()?['body/name']", host())).toBe('Contoso');
    expect(evaluateExpression("triggerOutputs()?['body/body/x/y']", host())).toBe('deep');
    expect(evaluateExpression("triggerOutputs()?['body/missing/x']", host())).toBeNull();
    expect(evaluateExpression("triggerBody()?['body/x']", host())).toBe('exact');
    expect(() => evaluateExpression("triggerOutputs()['body/missing']", host())).toThrow(/'missing' doesn't exist/);
  });
});

describe('workflow functions and errors', () => {
  it('forwards workflow functions to the host with their canonical name and evaluated arguments', () => {
    const h = host();
    expect(evaluateExpression("Variables(concat('a', 'b'))", h)).toBe('value of ab');
    expect(h.calls).toEqual([{ name: 'variables', args: ['ab'] }]);
  });

  it('turns undefined from the host into null', () => {
    expect(evaluateExpression("variables('missing')", host())).toBeNull();
  });

  it('wraps host failures in ExpressionError', () => {
    const err = (() => {
      try {
        evaluateExpression("outputs('Nope')", host());
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(err).toBeInstanceOf(ExpressionError);
    expect((err as ExpressionError).message).toMatch(/'outputs' failed: no outputs in test host/);
  });

  it('names unknown functions', () => {
    expect(() => evaluateExpression("xyz('a')", host())).toThrow(
      "The template function 'xyz' is not defined or not valid.",
    );
    expect(() => evaluateExpression('Nope(1, 2)', host())).toThrow(
      "The template function 'Nope' is not defined or not valid.",
    );
  });

  it('reports wrong arity and types with InvalidTemplate', () => {
    try {
      evaluateExpression("toLower('a', 'b')", host());
      throw new Error('no error');
    } catch (e) {
      expect(e).toBeInstanceOf(ExpressionError);
      expect((e as ExpressionError).code).toBe('InvalidTemplate');
      expect((e as ExpressionError).message).toMatch(/'toLower' expects 1 parameter.*invoked with '2' parameters/);
    }
    expect(() => evaluateExpression('toLower(1)', host())).toThrow(
      /'toLower' expects its first parameter to be of type string. The provided value is of type 'Integer'/,
    );
    expect(() => evaluateExpression("add(1, '2')", host())).toThrow(
      /'add' expects its second parameter to be an integer or a decimal number.*'String'/,
    );
  });

  it('fails evaluation of a syntax error with ExpressionError', () => {
    expect(() => evaluateTemplate("@concat('a'", host())).toThrow(ExpressionError);
    expect(() => evaluateExpression('length("x")', host())).toThrow(ExpressionError);
  });

  it('lists every supported function, including the workflow ones', () => {
    for (const name of ['concat', 'formatDateTime', 'convertTimeZone', 'coalesce', 'uriHost', 'decimal', 'ticks']) {
      expect(SUPPORTED_FUNCTIONS.has(name)).toBe(true);
    }
    for (const name of WORKFLOW_FUNCTIONS) expect(SUPPORTED_FUNCTIONS.has(name)).toBe(true);
    expect(WORKFLOW_FUNCTIONS.has('triggerBody')).toBe(true);
    expect(SUPPORTED_FUNCTIONS.has('xyz')).toBe(false);
  });
});

describe('helpers for the engine', () => {
  it('stringifies and compares JSON values like the language does', () => {
    expect(valueToText(null)).toBe('');
    expect(valueToText(true)).toBe('True');
    expect(valueToText({ a: [1, 'x'] })).toBe('{"a":[1,"x"]}');
    expect(valueToText(2.5)).toBe('2.5');
    expect(expressionEquals({ a: 1 }, { a: 1 })).toBe(true);
    expect(expressionEquals('1', 1)).toBe(false);
  });

  it('treats an empty format like no format', () => {
    expect(evaluateExpression("formatDateTime('2018-03-15T13:00:00Z', '')", host())).toBe(
      '2018-03-15T13:00:00.0000000Z',
    );
  });
});
