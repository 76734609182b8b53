import { compileFilter, type RowValues } from '../../../sandbox/dataverse/odata/filter-compile';
import { parseFilter } from '../../../sandbox/dataverse/odata/filter-parser';
import { dataverseError, opportunity } from './helpers';

const ACCOUNT = '0f8fad5b-d9cb-469f-a165-70867728950e';

function matches(filter: string, row: RowValues): boolean {
  return compileFilter(opportunity, parseFilter(filter))(row);
}

describe('$filter parser', () => {
  test('and binds tighter than or; not and parentheses', () => {
    expect(parseFilter("name eq 'a' or name eq 'b' and statecode eq 0")).toMatchObject({
      kind: 'or',
      left: { kind: 'compare', op: 'eq' },
      right: { kind: 'and' },
    });
    expect(parseFilter("not (name eq 'a' or statecode eq 1)")).toMatchObject({ kind: 'not', operand: { kind: 'or' } });
  });

  test('literals: doubled quotes, numbers, GUIDs, dates, null, booleans', () => {
    expect(parseFilter("name eq 'O''Brien'")).toMatchObject({ right: { type: 'string', value: "O'Brien" } });
    expect(parseFilter('estimatedvalue ge -12.5')).toMatchObject({ right: { type: 'number', value: -12.5 } });
    expect(parseFilter(`_parentaccountid_value eq ${ACCOUNT.toUpperCase()}`)).toMatchObject({
      right: { type: 'guid', value: ACCOUNT },
    });
    expect(parseFilter('modifiedon gt 2026-01-02T03:04:05Z')).toMatchObject({ right: { type: 'datetime' } });
    expect(parseFilter('estimatedclosedate lt 2026-02-01')).toMatchObject({
      right: { type: 'date', value: '2026-02-01' },
    });
    expect(parseFilter('description eq null')).toMatchObject({ right: { type: 'null' } });
    expect(parseFilter('cosell_syncwithpartnercenter eq true')).toMatchObject({
      right: { type: 'boolean', value: true },
    });
  });

  test.each([
    ["name eq 'a' and", /Expression expected at position 15/],
    ["name eq 'abc", /unterminated string literal at position 8/],
    ['name eq', /Expression expected at position 7/],
    ["name eq 'a')", /Syntax error at position 11/],
    ["(name eq 'a'", /Syntax error at position 12/],
    ["name equals 'a'", /Syntax error at position 5/],
    ["tolower(name) eq 'a'", /unknown function with name 'tolower'/],
    ['name eq #', /Syntax error at position 8/],
    ['', /empty/],
    ["Microsoft.Dynamics.CRM.ContainValues(PropertyName='x')", /Syntax error/],
  ])('malformed %p is a 400 naming the fault', (text, message) => {
    const e = dataverseError(() => parseFilter(text));
    expect(e.status).toBe(400);
    expect(e.code).toBe('0x80060888');
    expect(e.message).toMatch(message);
  });

  test('bounded nesting', () => {
    const deep = `${'not '.repeat(150)}name eq 'a'`;
    expect(dataverseError(() => parseFilter(deep)).message).toMatch(/nested more than 100/);
  });
});

describe('$filter binding and evaluation', () => {
  test('unknown columns and incompatible types fail before any row is read', () => {
    expect(dataverseError(() => matches("nope eq 'a'", {})).message).toBe(
      "Could not find a property named 'nope' on type 'Microsoft.Dynamics.CRM.opportunity'.",
    );
    expect(dataverseError(() => matches("statecode eq '0'", {})).message).toBe(
      "A binary operator with incompatible types was detected. Found operand types 'Edm.Int32' and 'Edm.String' for operator kind 'Equal'.",
    );
    expect(dataverseError(() => matches("parentaccountid eq 'x'", {})).message).toMatch(
      /Could not find a property named 'parentaccountid'/,
    );
    expect(dataverseError(() => matches('contains(estimatedvalue, 1)', {})).message).toMatch(/needs a text column/);
    expect(dataverseError(() => matches('cosell_syncwithpartnercenter gt true', {})).message).toMatch(/not supported/);
  });

  test('text comparisons are case-insensitive, like Dataverse', () => {
    expect(matches("name eq 'CONTOSO deal'", { name: 'Contoso Deal' })).toBe(true);
    expect(matches("contains(name,'toso')", { name: 'ConToso' })).toBe(true);
    expect(matches("startswith(name,'con')", { name: 'Contoso' })).toBe(true);
    expect(matches("endswith(name,'SO')", { name: 'Contoso' })).toBe(true);
    expect(matches("name gt 'b'", { name: 'Apple' })).toBe(false);
  });

  test('null semantics: eq null / ne null, and comparisons with a null column are unknown', () => {
    expect(matches('description eq null', {})).toBe(true);
    expect(matches('description ne null', { description: 'x' })).toBe(true);
    expect(matches("name ne 'a'", {})).toBe(false);
    expect(matches("not (name eq 'a')", {})).toBe(false);
    expect(matches("name eq 'a' or statecode eq 0", { statecode: 0 })).toBe(true);
  });

  test('numbers, dates, lookups, booleans', () => {
    expect(matches('estimatedvalue gt 1000 and estimatedvalue le 2000', { estimatedvalue: 1500 })).toBe(true);
    expect(matches('1000 lt estimatedvalue', { estimatedvalue: 1500 })).toBe(true);
    expect(matches('modifiedon ge 2026-01-01T00:00:00Z', { modifiedon: '2026-01-01T00:00:00Z' })).toBe(true);
    expect(matches('modifiedon gt 2026-01-01T01:00:00+02:00', { modifiedon: '2025-12-31T23:30:00Z' })).toBe(true);
    expect(matches('estimatedclosedate lt 2026-02-01', { estimatedclosedate: '2026-01-31' })).toBe(true);
    expect(
      matches(`_parentaccountid_value eq ${ACCOUNT}`, { parentaccountid: { id: ACCOUNT, logicalName: 'account' } }),
    ).toBe(true);
    expect(matches('cosell_syncwithpartnercenter eq true', { cosell_syncwithpartnercenter: false })).toBe(false);
  });

  test('multi-select: exact set with eq, any value with ContainValues', () => {
    const row = { cosell_howcanmicrosofthelp: [318700001, 318700003] };
    expect(matches("cosell_howcanmicrosofthelp eq '318700003,318700001'", row)).toBe(true);
    expect(
      matches(
        "Microsoft.Dynamics.CRM.ContainValues(PropertyName='cosell_howcanmicrosofthelp',PropertyValues=['318700003','318700005'])",
        row,
      ),
    ).toBe(true);
    expect(
      matches(
        "Microsoft.Dynamics.CRM.DoesNotContainValues(PropertyName='cosell_howcanmicrosofthelp',PropertyValues=['318700003'])",
        row,
      ),
    ).toBe(false);
    expect(
      matches("Microsoft.Dynamics.CRM.In(PropertyName='statecode',PropertyValues=['0','1'])", { statecode: 1 }),
    ).toBe(true);
    expect(
      matches("Microsoft.Dynamics.CRM.NotIn(PropertyName='statecode',PropertyValues=['0','1'])", { statecode: 1 }),
    ).toBe(false);
  });
});
