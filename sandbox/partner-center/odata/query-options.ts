import { badRequest } from '../errors';
import type { FilterExpr } from './filter-ast';
import { parseFilter } from './filter-parser';

export interface OrderBy {
  property: string;
  descending: boolean;
}

/** A list request's OData options, parsed and checked. */
export interface ListQuery {
  filter?: FilterExpr;
  filterText?: string;
  orderBy: OrderBy[];
  select?: string[][];
  top?: number;
  skip: number;
  /** `$count=true|false`; undefined when absent. */
  count?: boolean;
  skipToken?: string;
}

const SUPPORTED_OPTIONS = ['$filter', '$orderby', '$select', '$top', '$skip', '$count', '$skiptoken'];

/**
 * Reads `$filter`, `$orderby`, `$select`, `$top`, `$skip`, `$count`, `$skiptoken` from a query
 * string. Other `$` options (`$expand`, `$search`, ...) and malformed values get a 400 naming them.
 * `orderable` lists the properties `$orderby` accepts (the service documents createdDateTime and
 * updatedDateTime); `selectable` checks `$select` paths and returns them with canonical casing.
 */
export function parseListQuery(
  params: URLSearchParams,
  orderable: readonly string[],
  selectable: (path: string[]) => string[] | string,
): ListQuery {
  const seen = new Set<string>();
  for (const key of params.keys()) {
    if (!key.startsWith('$')) continue;
    const lower = key.toLowerCase();
    if (seen.has(lower)) throw badRequest(`Query option ${key} is given more than once.`, key);
    seen.add(lower);
    if (!SUPPORTED_OPTIONS.includes(lower))
      throw badRequest(`Query option ${key} is not supported (supported: ${SUPPORTED_OPTIONS.join(', ')}).`, key);
  }
  const get = (name: string): string | undefined => {
    for (const [k, v] of params) if (k.toLowerCase() === name) return v;
    return undefined;
  };

  const query: ListQuery = { orderBy: [], skip: 0 };
  const filter = get('$filter');
  if (filter !== undefined) {
    query.filter = parseFilter(filter);
    query.filterText = filter;
  }
  const orderby = get('$orderby');
  if (orderby !== undefined) query.orderBy = parseOrderBy(orderby, orderable);
  const select = get('$select');
  if (select !== undefined) query.select = parseSelect(select, selectable);
  const top = get('$top');
  if (top !== undefined) query.top = parseNonNegativeInt(top, '$top');
  const skip = get('$skip');
  if (skip !== undefined) query.skip = parseNonNegativeInt(skip, '$skip');
  const count = get('$count');
  if (count !== undefined) {
    if (!/^(true|false)$/i.test(count)) throw badRequest(`$count must be true or false (got '${count}').`, '$count');
    query.count = count.toLowerCase() === 'true';
  }
  const token = get('$skiptoken');
  if (token !== undefined) query.skipToken = token;
  return query;
}

function parseOrderBy(text: string, orderable: readonly string[]): OrderBy[] {
  const items = text.split(',').map((s) => s.trim());
  if (items.some((s) => s === '')) throw badRequest(`$orderby has an empty item ('${text}').`, '$orderby');
  return items.map((item) => {
    const m = /^([A-Za-z][A-Za-z0-9/]*)(?:\s+(asc|desc))?$/i.exec(item);
    if (!m) throw badRequest(`$orderby item '${item}' is not supported; write 'property [asc|desc]'.`, '$orderby');
    const property = orderable.find((p) => p.toLowerCase() === m[1].toLowerCase());
    if (!property)
      throw badRequest(`$orderby on '${m[1]}' is not supported (supported: ${orderable.join(', ')}).`, '$orderby');
    return { property, descending: (m[2] ?? 'asc').toLowerCase() === 'desc' };
  });
}

function parseSelect(text: string, selectable: (path: string[]) => string[] | string): string[][] {
  const items = text.split(',').map((s) => s.trim());
  if (items.some((s) => s === '')) throw badRequest(`$select has an empty item ('${text}').`, '$select');
  return items.map((item) => {
    if (item === '*') return [];
    if (!/^[A-Za-z@][A-Za-z0-9@.]*(\/[A-Za-z][A-Za-z0-9]*)*$/.test(item))
      throw badRequest(
        `$select item '${item}' is not supported; list property names or paths separated by commas.`,
        '$select',
      );
    const resolved = selectable(item.split('/'));
    if (typeof resolved === 'string') throw badRequest(`$select: ${resolved}.`, '$select');
    return resolved;
  });
}

function parseNonNegativeInt(text: string, name: string): number {
  if (!/^\d{1,9}$/.test(text.trim()))
    throw badRequest(`${name} must be a non-negative whole number (got '${text}').`, name);
  return Number(text.trim());
}
