import {
  collectFunctionCalls,
  ExpressionError,
  isTemplateExpression,
  parseExpression,
  parseTemplate,
} from '../../../flows/runtime/expression';

describe('template parsing', () => {
  it('reads a whole-value expression', () => {
    const t = parseTemplate("@parameters('myAge')");
    expect(t.kind).toBe('expression');
  });

  it('keeps strings without @ as literals', () => {
    expect(parseTemplate('Sophia Owen')).toEqual({ kind: 'literal', value: 'Sophia Owen' });
    expect(parseTemplate(' @')).toEqual({ kind: 'literal', value: ' @' });
    expect(parseTemplate('a@b.com')).toEqual({ kind: 'literal', value: 'a@b.com' });
  });

  it('unescapes @@ at the start and @@{ anywhere', () => {
    expect(parseTemplate('@@')).toEqual({ kind: 'literal', value: '@' });
    expect(parseTemplate('@@foo')).toEqual({ kind: 'literal', value: '@foo' });
    expect(parseTemplate("My age is @@{parameters('myAge')}")).toEqual({
      kind: 'literal',
      value: "My age is @{parameters('myAge')}",
    });
  });

  it('splits interpolation into segments', () => {
    const t = parseTemplate("Hello @{variables('x')}! @@{literal}");
    expect(t.kind).toBe('interpolation');
    if (t.kind !== 'interpolation') return;
    expect(t.parts).toHaveLength(3);
    expect(t.parts[0]).toBe('Hello ');
    expect(t.parts[2]).toBe('! @{literal}');
  });

  it('respects quotes containing } inside @{...}', () => {
    const t = parseTemplate("x@{concat('}', 'a')}y");
    expect(t.kind).toBe('interpolation');
  });

  it('fails with a position on an unclosed @{', () => {
    expect(() => parseTemplate('abc @{concat(')).toThrow(ExpressionError);
    try {
      parseTemplate('abc @{concat(');
    } catch (e) {
      expect((e as ExpressionError).position).toBe(4);
      expect((e as ExpressionError).code).toBe('InvalidTemplate');
    }
  });

  it('detects expressions', () => {
    expect(isTemplateExpression('@x()')).toBe(true);
    expect(isTemplateExpression('@@x')).toBe(false);
    expect(isTemplateExpression('a @{x()}')).toBe(true);
    expect(isTemplateExpression('a @@{x()}')).toBe(false);
    expect(isTemplateExpression('plain')).toBe(false);
    expect(isTemplateExpression('')).toBe(false);
  });
});

describe('expression parsing', () => {
  it('parses calls, literals and dereferences', () => {
    const e = parseExpression("coalesce(items('For_each')?['a'], 'd''x', 1, -2.5e3, true, null)");
    expect(e.kind).toBe('call');
    if (e.kind !== 'call') return;
    expect(e.args.map((a) => a.kind)).toEqual(['access', 'string', 'number', 'number', 'boolean', 'null']);
    expect(e.args[1]).toMatchObject({ value: "d'x" });
    expect(e.args[2]).toMatchObject({ value: 1, isFloat: false });
    expect(e.args[3]).toMatchObject({ value: -2500, isFloat: true });
  });

  it('distinguishes Integer and Float tokens', () => {
    expect(parseExpression('div(10, 4.0)')).toMatchObject({ args: [{ isFloat: false }, { isFloat: true, value: 4 }] });
    expect(parseExpression('sub(10.3, .3)')).toMatchObject({ args: [{ value: 10.3 }, { value: 0.3, isFloat: true }] });
  });

  it('keeps integers beyond 2^53 exact', () => {
    expect(parseExpression('add(636503904000000001, 1)')).toMatchObject({
      args: [{ value: 636503904000000001n }, { value: 1 }],
    });
  });

  it('parses alias paths, dot access and safe navigation', () => {
    const e = parseExpression("body('X')?['body/x/y'].z?.w[0]");
    expect(e).toMatchObject({
      kind: 'access',
      safe: false,
      key: { value: 0 },
      target: {
        kind: 'access',
        safe: true,
        dot: true,
        key: { value: 'w' },
        target: { kind: 'access', dot: true, safe: false },
      },
    });
    const inner = parseExpression("body('X')?['body/x/y']");
    expect(inner).toMatchObject({ kind: 'access', safe: true, path: ['body', 'x', 'y'] });
  });

  it.each([
    ['length("Hello")', /Double quotes/],
    ["body('x')?", /'\?' must be followed/],
    ["concat('a'", /expected/],
    ['foo', /not a function call/],
    ["concat('a' 'b')", /expected ',' or '\)'/],
    ["'abc", /Unterminated/],
    ['', /empty/],
    ['a(1)b', /unexpected/],
  ])('rejects %s', (text, message) => {
    expect(() => parseExpression(text)).toThrow(message);
  });

  it('collects function calls with literal arguments', () => {
    const calls = collectFunctionCalls(parseTemplate("@{body('Get_row')?['name']} and @{variables(concat('a', 'b'))}"));
    expect(calls.map((c) => c.name)).toEqual(['body', 'variables', 'concat']);
    expect(calls[0].literalArgs).toEqual(['Get_row']);
    expect(calls[1].literalArgs).toEqual([undefined]);
    expect(calls[2].literalArgs).toEqual(['a', 'b']);
  });
});
