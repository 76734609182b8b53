import { parseListQuery } from '../../../sandbox/partner-center/odata/query-options';
import { planList, runList, PAGE_SIZE } from '../../../sandbox/partner-center/referral-query';
import type { StoredReferral } from '../../../sandbox/partner-center/referral-store';
import { ApiError } from '../../../sandbox/partner-center/errors';

const ok = () => [] as string[];

function items(n: number): StoredReferral[] {
  return Array.from({ length: n }, (_, i) => ({
    seq: i + 1,
    doc: {
      id: `r${i + 1}`,
      status: i % 2 === 0 ? 'Active' : 'New',
      // Created in order, updated in reverse order.
      createdDateTime: new Date(Date.UTC(2024, 0, 1) + i * 60_000).toISOString(),
      updatedDateTime: new Date(Date.UTC(2025, 0, 1) - i * 60_000).toISOString(),
    },
  }));
}

function pages(all: StoredReferral[], query: string): string[][] {
  const out: string[][] = [];
  let qs: string | undefined = query;
  for (let guard = 0; qs !== undefined && guard < 1000; guard++) {
    const page = runList(all, planList(new URLSearchParams(qs)));
    out.push(page.items.map((r) => String(r.doc.id)));
    qs = page.nextQuery;
  }
  return out;
}

function err(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    expect((e as ApiError).status).toBe(400);
    return (e as ApiError).message;
  }
  throw new Error('expected 400');
}

describe('list options and paging', () => {
  test('100 per page; the skip tokens walk every item exactly once', () => {
    const all = items(250);
    const result = pages(all, '');
    expect(result.map((p) => p.length)).toEqual([PAGE_SIZE, PAGE_SIZE, 50]);
    expect(result.flat()).toEqual(all.map((r) => r.doc.id));
  });

  test('$top caps the total across pages; $skip starts later; $top=0 gives nothing', () => {
    const all = items(250);
    expect(pages(all, '$top=150').map((p) => p.length)).toEqual([100, 50]);
    expect(pages(all, '$top=10')).toEqual([all.slice(0, 10).map((r) => r.doc.id)]);
    expect(pages(all, '$skip=240').flat()).toEqual(all.slice(240).map((r) => r.doc.id));
    expect(pages(all, '$top=0')).toEqual([[]]);
  });

  test('$orderby updatedDateTime asc / createdDateTime desc sort and page stably; filter applies before paging', () => {
    const all = items(230);
    const byUpdated = pages(all, '$orderby=updatedDateTime asc').flat();
    expect(byUpdated).toEqual([...all].reverse().map((r) => r.doc.id));
    const newestFirst = pages(all, "$orderby=createdDateTime desc&$filter=status eq 'New'").flat();
    expect(newestFirst).toEqual(
      all
        .filter((r) => r.doc.status === 'New')
        .reverse()
        .map((r) => r.doc.id),
    );
  });

  test('items created while paging do not shift later pages (keyset tokens)', () => {
    const all = items(150);
    const first = runList(all, planList(new URLSearchParams('')));
    all.unshift({ seq: 0, doc: { id: 'early' } });
    const second = runList(all, planList(new URLSearchParams(first.nextQuery)));
    expect(second.items.map((r) => r.doc.id)).toEqual(all.slice(101).map((r) => r.doc.id));
  });

  test('the next link keeps $filter/$select/$orderby and drops $skip/$top', () => {
    const page = runList(
      items(150),
      planList(new URLSearchParams("$filter=status ne 'x'&$select=id&$skip=1&$top=120&$count=true")),
    );
    const next = new URLSearchParams(page.nextQuery);
    expect(next.get('$filter')).toBe("status ne 'x'");
    expect(next.get('$select')).toBe('id');
    expect(next.get('$count')).toBe('true');
    expect(next.has('$skip')).toBe(false);
    expect(next.has('$top')).toBe(false);
    expect(next.get('$skiptoken')).toMatch(/^[A-Za-z0-9_-]+$/);
  });

  test('a skip token used with another filter, or forged, is a 400', () => {
    const page = runList(items(150), planList(new URLSearchParams('')));
    const token = new URLSearchParams(page.nextQuery).get('$skiptoken') ?? '';
    expect(
      err(() => runList(items(150), planList(new URLSearchParams(`$skiptoken=${token}&$filter=status eq 'New'`)))),
    ).toContain('different $filter');
    expect(err(() => runList(items(150), planList(new URLSearchParams('$skiptoken=garbage!'))))).toContain(
      'not a token',
    );
  });

  test.each([
    ['$orderby=name', "$orderby on 'name' is not supported"],
    ['$orderby=createdDateTime sideways', 'not supported'],
    ['$top=-1', '$top must be a non-negative whole number'],
    ['$top=abc', '$top must be'],
    ['$skip=1.5', '$skip must be'],
    ['$count=yes', '$count must be true or false'],
    ['$expand=team', '$expand is not supported'],
    ['$search=x', '$search is not supported'],
    ['$top=1&$TOP=2', 'more than once'],
    ['$select=id,,status', 'empty item'],
    ['$select=nothing', "'nothing' is not a property"],
  ])('%s → 400', (qs, fragment) => {
    expect(err(() => planList(new URLSearchParams(qs)))).toContain(fragment);
  });

  test('option names are case-insensitive; non-$ parameters are ignored', () => {
    const q = parseListQuery(
      new URLSearchParams('$TOP=5&$OrderBy=createdDateTime desc&api-version=1'),
      ['createdDateTime'],
      ok,
    );
    expect(q.top).toBe(5);
    expect(q.orderBy).toEqual([{ property: 'createdDateTime', descending: true }]);
  });
});
