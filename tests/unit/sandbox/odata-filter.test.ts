import { compileFilter } from '../../../sandbox/partner-center/odata/filter-eval';
import { parseFilter } from '../../../sandbox/partner-center/odata/filter-parser';
import { checkFilterPath } from '../../../sandbox/partner-center/referral-query';
import { ApiError } from '../../../sandbox/partner-center/errors';

const docs = [
  {
    id: 'a',
    engagementId: '65EDC0B5-3485-41B7-A17E-DFA9EF4706E2',
    status: 'New',
    substatus: 'Pending',
    direction: 'Incoming',
    type: 'Shared',
    qualification: 'SalesQualified',
    createdDateTime: '2020-10-30T21:03:00.0000000Z',
    details: { dealValue: 10000 },
    customerProfile: { address: { country: 'US' } },
    team: [{ email: 'r2d2@contoso.com' }, { email: 'c3po@contoso.com' }],
    favorite: true,
  },
  {
    id: 'b',
    engagementId: '11111111-2222-3333-4444-555555555555',
    status: 'Active',
    substatus: 'Accepted',
    direction: 'Outgoing',
    type: 'Shared',
    qualification: 'None',
    createdDateTime: '2021-01-15T08:00:00Z',
    details: { dealValue: 50000 },
    customerProfile: { address: { country: 'GB' } },
    team: [{ email: 'bb8@contoso.com' }],
    favorite: false,
  },
  {
    id: 'c',
    status: 'Closed',
    substatus: 'Won',
    direction: 'Outgoing',
    type: 'Independent',
    team: [],
    details: { dealValue: null },
  },
];

function ids(filter: string): string[] {
  const p = compileFilter(parseFilter(filter), { checkPath: checkFilterPath });
  return docs.filter((d) => p(d)).map((d) => d.id);
}

function rejection(filter: string): string {
  try {
    compileFilter(parseFilter(filter), { checkPath: checkFilterPath });
  } catch (e) {
    expect(e).toBeInstanceOf(ApiError);
    expect((e as ApiError).status).toBe(400);
    return (e as ApiError).message;
  }
  throw new Error(`expected ${filter} to be rejected`);
}

describe('$filter: the documented examples', () => {
  test.each([
    ["status eq 'New' and qualification eq 'SalesQualified'", ['a']],
    ["customerProfile/address/country eq 'US' and direction eq 'Incoming'", ['a']],
    ["(type eq 'Shared' and direction eq 'Incoming')", ['a']],
    ["(direction eq 'Incoming' and substatus eq 'Pending')", ['a']],
    [
      "status eq 'Active' and direction eq 'Outgoing' and type eq 'Shared' and team/any(t:t/email eq 'bb8@contoso.com')",
      ['b'],
    ],
    ["engagementId eq '65EDC0B5-3485-41B7-A17E-DFA9EF4706E2'", ['a']],
  ])('%s', (filter, expected) => expect(ids(filter)).toEqual(expected));

  test('an unquoted GUID literal (as in observed relatedReferrals links) matches case-insensitively', () => {
    expect(ids('engagementId eq 65edc0b5-3485-41b7-a17e-dfa9ef4706e2')).toEqual(['a']);
  });
});

describe('$filter: operators and literals', () => {
  test('ne, gt, ge, lt, le on numbers', () => {
    expect(ids('details/dealValue gt 10000')).toEqual(['b']);
    expect(ids('details/dealValue ge 10000')).toEqual(['a', 'b']);
    expect(ids('details/dealValue lt 50000')).toEqual(['a']);
    expect(ids('details/dealValue le 50000')).toEqual(['a', 'b']);
    expect(ids("status ne 'New'")).toEqual(['b', 'c']);
  });
  test('or, not and precedence (and binds tighter than or)', () => {
    expect(ids("status eq 'Closed' or status eq 'New' and direction eq 'Outgoing'")).toEqual(['c']);
    expect(ids("(status eq 'Closed' or status eq 'New') and direction eq 'Outgoing'")).toEqual(['c']);
    expect(ids("not (status eq 'New')")).toEqual(['b', 'c']);
    expect(ids("not status eq 'New' and not status eq 'Active'")).toEqual(['c']);
  });
  test('date/time literals compare as instants, quoted or not', () => {
    expect(ids('createdDateTime gt 2020-12-31T00:00:00Z')).toEqual(['b']);
    expect(ids('createdDateTime le 2020-10-30T21:03:00Z')).toEqual(['a']);
    expect(ids('createdDateTime lt 2021-01-01')).toEqual(['a']);
  });
  test('null, booleans and escaped quotes', () => {
    expect(ids('details/dealValue eq null')).toEqual(['c']);
    expect(ids('details/dealValue ne null')).toEqual(['a', 'b']);
    expect(ids('favorite eq true')).toEqual(['a']);
    expect(ids('favorite')).toEqual(['a']);
    expect(ids("status eq 'O''Brien'")).toEqual([]);
  });
  test('any() without a predicate tests for a non-empty collection; nested any()', () => {
    expect(ids('team/any()')).toEqual(['a', 'b']);
    expect(ids("not team/any(t: t/email eq 'r2d2@contoso.com')")).toEqual(['b', 'c']);
  });
  test('string comparison is case-sensitive (OData)', () => {
    expect(ids("status eq 'new'")).toEqual([]);
  });
});

describe('$filter: unsupported or invalid syntax is a 400 naming it', () => {
  test.each([
    ["contains(name, 'x')", "function 'contains()'"],
    ["startswith(name,'C')", "function 'startswith()'"],
    ["team/all(t: t/email eq 'x')", "lambda 'all()'"],
    ["status in ('New','Active')", "operator 'in'"],
    ['details/dealValue add 5 gt 10', "operator 'add'"],
    ["status has 'New'", "operator 'has'"],
    ["status eq 'New", 'unterminated string'],
    ["(status eq 'New'", "expected ')'"],
    ["status eq 'New' and", 'expected a property or a value'],
    ["nosuchfield eq 'x'", "'nosuchfield' is not a property of Referral"],
    ["team eq 'x'", 'is a collection'],
    ["customerProfile eq 'x'", 'is an object'],
    ["status/any(s: s eq 'x')", 'not a collection'],
    ["team/any(t: t eq 'x')", 'is an object'],
    ['', 'empty expression'],
    ["status eq datetime'2020-01-01'", 'typed literal'],
    ["status eq 'a' eq 'b'", 'cannot be chained'],
  ])('%s', (filter, fragment) => expect(rejection(filter)).toContain(fragment));

  test('very deep nesting is refused, not a stack overflow', () => {
    const deep = '('.repeat(200) + "status eq 'New'" + ')'.repeat(200);
    expect(rejection(deep)).toContain('nesting deeper');
  });
});

test('any() over a collection of text compares the element itself', () => {
  const p = compileFilter(parseFilter("tags/any(t: t eq 'hot')"), { checkPath: checkFilterPath });
  expect(p({ tags: ['cold', 'hot'] })).toBe(true);
  expect(p({ tags: ['cold'] })).toBe(false);
  expect(p({})).toBe(false);
});
