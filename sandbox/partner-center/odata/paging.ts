import { badRequest } from '../errors';
import type { OrderBy } from './query-options';
import { property } from './filter-eval';

/**
 * Keyset paging for list results: a page ends at an item, and the skip token carries that item's
 * sort key and position so the next page starts right after it even when referrals are created in
 * between. The token is opaque to clients (base64url JSON).
 */
export interface SkipTokenState {
  /** Sort key values of the last item returned, in `orderBy` order, then its sequence number. */
  after: (string | number | null)[];
  /** How many items are still allowed by `$top` (undefined: unlimited). */
  remaining?: number;
  /** Fingerprint of the filter/orderby the token was issued for. */
  query: string;
}

export function encodeSkipToken(state: SkipTokenState): string {
  return Buffer.from(JSON.stringify(state), 'utf8').toString('base64url');
}

export function decodeSkipToken(token: string, queryFingerprint: string): SkipTokenState {
  let state: unknown;
  try {
    state = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch {
    throw badRequest('$skiptoken is not a token this service issued.', '$skiptoken');
  }
  const s = state as Partial<SkipTokenState>;
  if (
    !s ||
    !Array.isArray(s.after) ||
    typeof s.query !== 'string' ||
    (s.remaining !== undefined && typeof s.remaining !== 'number')
  )
    throw badRequest('$skiptoken is not a token this service issued.', '$skiptoken');
  if (s.query !== queryFingerprint)
    throw badRequest(
      '$skiptoken was issued for a different $filter/$orderby; follow @odata.nextLink unchanged.',
      '$skiptoken',
    );
  return s as SkipTokenState;
}

export interface Sequenced {
  seq: number;
  doc: Record<string, unknown>;
}

/** Sort key of one item: the order-by values (date/times as instants) then the creation sequence. */
export function sortKey(item: Sequenced, orderBy: OrderBy[]): (string | number | null)[] {
  const key: (string | number | null)[] = [];
  for (const o of orderBy) {
    const v = o.property.split('/').reduce<unknown>((acc, seg) => property(acc, seg), item.doc);
    if (typeof v === 'string') {
      const ms = Date.parse(v);
      key.push(Number.isFinite(ms) ? ms : v);
    } else key.push(typeof v === 'number' ? v : null);
  }
  key.push(item.seq);
  return key;
}

/** Compares two sort keys under the given directions (nulls first ascending). */
export function compareKeys(a: (string | number | null)[], b: (string | number | null)[], orderBy: OrderBy[]): number {
  for (let i = 0; i < a.length; i++) {
    const desc = i < orderBy.length ? orderBy[i].descending : false;
    const x = a[i];
    const y = b[i];
    let c = 0;
    if (x === y) c = 0;
    else if (x === null) c = -1;
    else if (y === null) c = 1;
    else c = x < y ? -1 : x > y ? 1 : 0;
    if (c !== 0) return desc ? -c : c;
  }
  return 0;
}
