import { ev } from './evaluate';
import { TestHost } from './test-host';

describe('conversion', () => {
  it.each([
    ["int('-42')", -42],
    ["int(' 7 ')", 7],
    ['int(2.5)', 2],
    ['int(3.5)', 4],
    ["float('1e3')", 1000],
    ["float('-1,234.5')", -1234.5],
    ["float('1 234,5', 'fr-FR')", 1234.5],
    ['float(2)', 2],
    ["div(float('3'), 2)", 1.5],
    ["bool('TRUE')", true],
    ['bool(-1)', true],
    ['bool(true)', true],
    ["json('null')", null],
    ['json(\'{"a":{"b":[1,2.5,"x"]}}\')[\'a\'][\'b\'][1]', 2.5],
    ['json(string(json(\'{"a":1}\')))', { a: 1 }],
    ["base64('héllo')", 'aMOpbGxv'],
    ["base64ToString('aMOpbGxv')", 'héllo'],
    ["base64(binary('hello'))", 'aGVsbG8='],
    ["string(binary('hello'))", 'hello'],
    ["dataUri(base64ToBinary('aGVsbG8='))", 'data:application/octet-stream;base64,aGVsbG8='],
    ["dataUriToString('data:,A%20brief%20note')", 'A brief note'],
    ["encodeUriComponent('a b&c=d/é!*()''')", 'a%20b%26c%3Dd%2F%C3%A9%21%2A%28%29%27'],
    ["decodeUriComponent('100%25%20sure%ZZ')", '100% sure%ZZ'],
    ["uriComponentToString('a%2Bb+c')", 'a+b+c'],
    ['createArray()', []],
    ['array(createArray(1))', [[1]]],
    ["decimal('12.50')", 12.5],
    ["string(decimal('12.50'))", '12.50'],
  ])('%s = %j', (expr, expected) => {
    expect(ev(expr)).toEqual(expected);
  });

  it('fails on values it cannot convert', () => {
    expect(() => ev("int('1.5')")).toThrow(/cannot be converted/);
    expect(() => ev("int('abc')")).toThrow(/cannot be converted/);
    expect(() => ev("int('99999999999999999999')")).toThrow(/cannot be converted/);
    expect(() => ev("float('abc')")).toThrow(/cannot be converted/);
    expect(() => ev("bool('yes')")).toThrow(/cannot be converted to a Boolean/);
    expect(() => ev('json(null)')).toThrow(/'Null'/);
    expect(() => ev("json('{bad')")).toThrow(/cannot be parsed/);
    expect(() => ev("base64ToString('not base64!')")).toThrow(/not a valid base64/);
    expect(() => ev("dataUriToString('hello')")).toThrow(/not a valid data URI/);
    expect(() => ev("decimal('x')")).toThrow(/decimal number/);
  });
});

describe('URI parsing', () => {
  it.each([
    ["uriPort('http://contoso.com/a')", 80],
    ["uriPort('https://contoso.com')", 443],
    ["uriPath('https://contoso.com')", '/'],
    ["uriQuery('https://contoso.com/a')", ''],
    ["uriPathAndQuery('https://contoso.com/a%20b?x=1&y=2')", '/a%20b?x=1&y=2'],
    ["uriScheme('HTTPS://contoso.com')", 'https'],
    ["uriHost('https://user:pw@api.contoso.com:8443/x')", 'api.contoso.com'],
  ])('%s = %j', (expr, expected) => {
    expect(ev(expr)).toEqual(expected);
  });

  it('rejects relative URIs', () => {
    expect(() => ev("uriHost('/relative/path')")).toThrow(/not a valid absolute URI/);
  });
});

describe('manipulation', () => {
  it('coalesce returns the first non-null value, keeping empty values', () => {
    expect(ev("coalesce(null, 'x')")).toBe('x');
    expect(ev("coalesce(null, '', 'x')")).toBe('');
    expect(ev("coalesce(null, createArray(), 'x')")).toEqual([]);
  });

  it('never mutates host objects', () => {
    const original = { a: 1, inner: { b: 2 } };
    const host = new TestHost({ body: () => original });
    expect(ev("setProperty(body('x'), 'a', 5)", host)).toEqual({ a: 5, inner: { b: 2 } });
    expect(ev("addProperty(body('x'), 'c', body('x'))", host)).toEqual({
      a: 1,
      inner: { b: 2 },
      c: { a: 1, inner: { b: 2 } },
    });
    expect(ev("removeProperty(body('x'), 'a')", host)).toEqual({ inner: { b: 2 } });
    expect(original).toEqual({ a: 1, inner: { b: 2 } });
  });

  it('rejects non-objects', () => {
    expect(() => ev("setProperty(createArray(), 'a', 1)")).toThrow(/first parameter to be an object/);
    expect(() => ev("removeProperty(null, 'a')")).toThrow(/'Null'/);
  });
});

describe('implicit conversions', () => {
  it('decodes binary content where text is needed', () => {
    expect(ev("concat('x', binary('hello'))")).toBe('xhello');
    expect(ev("join(createArray(base64ToBinary('aGk=')), ',')")).toBe('hi');
    expect(ev('json(binary(\'{"a":1}\'))')).toEqual({ a: 1 });
    expect(ev("base64ToString(base64(binary('hello')))")).toBe('hello');
  });
});
