import { Referral } from '../../connector/model/referral';
import { compileFilter } from './odata/filter-eval';
import { compareKeys, decodeSkipToken, encodeSkipToken, sortKey } from './odata/paging';
import { parseListQuery, type ListQuery } from './odata/query-options';
import { resolvePath } from './schema-walk';
import type { StoredReferral } from './referral-store';

export const PAGE_SIZE = 100;
export const ORDERABLE = ['createdDateTime', 'updatedDateTime'] as const;

/** A parsed list request: what to return and how to build the next link. */
export interface ListPlan {
  query: ListQuery;
  params: URLSearchParams;
}

export interface ListPage {
  items: StoredReferral[];
  total: number;
  /** Query string (without `?`) of the next page, when there is one. */
  nextQuery?: string;
}

export function planList(params: URLSearchParams): ListPlan {
  const query = parseListQuery(params, ORDERABLE, (path) => {
    const r = resolvePath(Referral, path, false);
    return typeof r === 'string' ? r : r.segments;
  });
  return { query, params };
}

/** Validates filter paths against the Referral schema: scalars compared, collections under any(). */
export function checkFilterPath(segments: string[], expect: 'value' | 'collection'): string | undefined {
  const r = resolvePath(Referral, segments, false);
  if (typeof r === 'string') return r;
  const kind = r.schema.kind;
  const shown = segments.filter((s) => s !== '*').join('/');
  if (expect === 'collection') return kind === 'array' ? undefined : `'${shown}' is not a collection; any() needs one`;
  if (kind === 'array') return `'${shown}' is a collection; use ${shown}/any(x: x/... eq ...)`;
  if (kind === 'object' || kind === 'map') return `'${shown}' is an object; compare one of its properties`;
  return undefined;
}

/** Runs a list request over the referrals (creation order) and cuts one page. */
export function runList(all: readonly StoredReferral[], plan: ListPlan): ListPage {
  const { query } = plan;
  const predicate = query.filter ? compileFilter(query.filter, { checkPath: checkFilterPath }) : undefined;
  let candidates: StoredReferral[] = predicate ? all.filter((r) => predicate(r.doc)) : [...all];
  const fingerprint = JSON.stringify([query.filterText ?? '', query.orderBy]);
  let keys: (string | number | null)[][] | undefined;
  if (query.orderBy.length > 0) {
    const keyed = candidates.map((r) => ({ r, k: sortKey(r, query.orderBy) }));
    keyed.sort((a, b) => compareKeys(a.k, b.k, query.orderBy));
    candidates = keyed.map((x) => x.r);
    keys = keyed.map((x) => x.k);
  }
  const total = candidates.length;

  let start: number;
  let remaining: number | undefined;
  if (query.skipToken !== undefined) {
    const state = decodeSkipToken(query.skipToken, fingerprint);
    remaining = state.remaining;
    start = lowerBoundAfter(candidates, keys, state.after, query);
  } else {
    start = Math.min(query.skip, total);
    remaining = query.top;
  }
  const size = Math.min(PAGE_SIZE, remaining ?? PAGE_SIZE);
  const items = candidates.slice(start, start + size);
  const left = remaining === undefined ? undefined : remaining - items.length;
  const more = start + items.length < total && (left === undefined || left > 0) && items.length > 0;
  if (!more) return { items, total };

  const last = items[items.length - 1];
  const after = keys ? keys[start + items.length - 1] : [last.seq];
  const parts: string[] = [];
  for (const [k, v] of plan.params) {
    const lower = k.toLowerCase();
    if (lower === '$skip' || lower === '$top' || lower === '$skiptoken') continue;
    parts.push(`${encodeQueryPart(k)}=${encodeQueryPart(v)}`);
  }
  parts.push(`$skiptoken=${encodeSkipToken({ after, remaining: left, query: fingerprint })}`);
  return { items, total, nextQuery: parts.join('&') };
}

function lowerBoundAfter(
  candidates: StoredReferral[],
  keys: (string | number | null)[][] | undefined,
  after: (string | number | null)[],
  query: ListQuery,
): number {
  let lo = 0;
  let hi = candidates.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const k = keys ? keys[mid] : [candidates[mid].seq];
    if (compareKeys(k, after, query.orderBy) <= 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Percent-encodes a query part but keeps `$ , / : '` readable, as the service's own links do. */
function encodeQueryPart(text: string): string {
  return encodeURIComponent(text).replace(/%24/g, '$').replace(/%2C/g, ',').replace(/%2F/g, '/').replace(/%3A/g, ':');
}
