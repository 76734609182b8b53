import { parseEntityKey } from '../../../sandbox/dataverse/odata/key-parser';
import {
  parsePrefer,
  parseQueryOptions,
  splitQueryString,
  wantsAnnotation,
} from '../../../sandbox/dataverse/odata/query-options';
import { parseRoute } from '../../../sandbox/dataverse/server/routes';
import { dataverseError } from './helpers';

describe('query options', () => {
  test('splits and decodes, + is a space', () => {
    expect(splitQueryString("$filter=name%20eq%20'a%26b'+and+statecode+eq+0&$top=5")).toEqual([
      ['$filter', "name eq 'a&b' and statecode eq 0"],
      ['$top', '5'],
    ]);
    expect(dataverseError(() => splitQueryString('$filter=%E0%A4%A')).message).toMatch(/malformed percent-encoding/);
  });

  test('$select, $orderby, $top, $count, single-level $expand with nested options', () => {
    const o = parseQueryOptions(
      splitQueryString(
        '$select=name, estimatedvalue&$orderby=estimatedvalue desc,name&$top=3&$count=true&$expand=parentaccountid($select=name),cosell_opportunity_cosell_microsoftsolution($select=cosell_name;$filter=cosell_name ne null;$orderby=cosell_name desc;$top=2)',
      ),
    );
    expect(o.select).toEqual(['name', 'estimatedvalue']);
    expect(o.orderby).toEqual([
      { property: 'estimatedvalue', descending: true },
      { property: 'name', descending: false },
    ]);
    expect(o.top).toBe(3);
    expect(o.count).toBe(true);
    expect(o.expand).toHaveLength(2);
    expect(o.expand![1]).toMatchObject({
      navigation: 'cosell_opportunity_cosell_microsoftsolution',
      select: ['cosell_name'],
      top: 2,
      orderby: [{ property: 'cosell_name', descending: true }],
    });
  });

  test.each([
    ['$top=-1', /\$top query option requires a non-negative integer/],
    ['$top=abc', /\$top/],
    ['$select=name,', /invalid item ''/],
    ['$orderby=name sideways', /invalid item 'name sideways'/],
    ['$expand=parentaccountid($expand=ownerid)', /Only one level of \$expand/],
    ['$expand=parentaccountid($select=name', /unbalanced/],
    ['$skip=10', /The query parameter \$skip is not supported/],
    ['$top=1&$top=2', /specified more than once/],
    ['$filter=name eq @p1&@p1=1', /Parameter aliases/],
    ['$count=yes', /not a valid count option/],
  ])('%p is rejected', (q, message) => {
    const e = dataverseError(() => parseQueryOptions(splitQueryString(q)));
    expect(e.status).toBe(400);
    expect(e.message).toMatch(message);
  });

  test('Prefer header', () => {
    expect(parsePrefer('return=representation, odata.maxpagesize=50, odata.include-annotations="*"')).toEqual({
      returnRepresentation: true,
      maxPageSize: 50,
      includeAnnotations: ['*'],
    });
    expect(dataverseError(() => parsePrefer('odata.maxpagesize=0')).message).toMatch(/positive integer/);
    expect(
      wantsAnnotation(['OData.Community.Display.V1.FormattedValue'], 'OData.Community.Display.V1.FormattedValue'),
    ).toBe(true);
    expect(wantsAnnotation(['Microsoft.Dynamics.CRM.*'], 'Microsoft.Dynamics.CRM.lookuplogicalname')).toBe(true);
    expect(wantsAnnotation(['Microsoft.Dynamics.CRM.*'], 'OData.Community.Display.V1.FormattedValue')).toBe(false);
  });
});

describe('keys and routes', () => {
  test('GUID and alternate keys', () => {
    expect(parseEntityKey('0F8FAD5B-D9CB-469F-A165-70867728950E')).toEqual({
      kind: 'id',
      id: '0f8fad5b-d9cb-469f-a165-70867728950e',
    });
    expect(parseEntityKey("cosell_referralidentifier='a,b=''c'''")).toEqual({
      kind: 'alternate',
      values: { cosell_referralidentifier: "a,b='c'" },
    });
    expect(parseEntityKey("a='x',b=12")).toEqual({ kind: 'alternate', values: { a: 'x', b: 12 } });
    expect(dataverseError(() => parseEntityKey('not-a-guid')).message).toMatch(/Unrecognized 'Edm.Guid' literal/);
    expect(dataverseError(() => parseEntityKey("a='x")).message).toMatch(/Bad alternate key syntax/);
    expect(dataverseError(() => parseEntityKey("a='x',a='y'")).message).toMatch(/appears twice/);
  });

  test('routes', () => {
    expect(parseRoute('/api/data/v9.2/')).toEqual({ kind: 'serviceDocument' });
    expect(parseRoute('/api/data/v9.2/opportunities')).toEqual({ kind: 'collection', set: 'opportunities' });
    expect(parseRoute("/api/data/v9.2/opportunities(cosell_referralidentifier='R%2F1')")).toEqual({
      kind: 'row',
      set: 'opportunities',
      key: { kind: 'alternate', values: { cosell_referralidentifier: 'R/1' } },
    });
    expect(
      parseRoute(
        '/api/data/v9.2/opportunities(0f8fad5b-d9cb-469f-a165-70867728950e)/nav(0f8fad5b-d9cb-469f-a165-70867728950f)/$ref',
      ),
    ).toMatchObject({
      kind: 'ref',
      navigation: 'nav',
      relatedKey: { kind: 'id', id: '0f8fad5b-d9cb-469f-a165-70867728950f' },
    });
    expect(dataverseError(() => parseRoute('/elsewhere')).status).toBe(404);
    expect(dataverseError(() => parseRoute('/api/data/v9.2/opportunities/nav')).status).toBe(400);
    expect(
      dataverseError(() => parseRoute('/api/data/v9.2/a(0f8fad5b-d9cb-469f-a165-70867728950e)/b/c/d')).status,
    ).toBe(404);
  });
});
