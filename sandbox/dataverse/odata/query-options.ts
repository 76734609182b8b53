import { errors } from '../errors';
import type { FilterExpression } from './filter-ast';
import { parseFilter } from './filter-parser';

export interface OrderBy {
  property: string;
  descending: boolean;
}

/** The options a request and an `$expand` item share. */
interface RowOptions {
  select?: string[];
  filter?: FilterExpression;
  orderby?: OrderBy[];
  top?: number;
}

export interface ExpandOption extends RowOptions {
  navigation: string;
}

export interface QueryOptions extends RowOptions {
  expand?: ExpandOption[];
  count?: boolean;
  skiptoken?: string;
}

/** `$id` names the row to unlink in `DELETE .../$ref?$id=`; the server reads it from the raw pairs. */
const SUPPORTED = new Set(['$select', '$filter', '$orderby', '$top', '$expand', '$count', '$skiptoken', '$id']);
const IDENT = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Splits a raw query string (`a=1&b=2`) into decoded pairs; `+` is a space, as in a form-encoded URL. */
export function splitQueryString(raw: string): [string, string][] {
  if (raw === '') return [];
  return raw
    .split('&')
    .filter((p) => p !== '')
    .map((pair) => {
      const eq = pair.indexOf('=');
      const k = eq < 0 ? pair : pair.slice(0, eq);
      const v = eq < 0 ? '' : pair.slice(eq + 1);
      return [decode(k), decode(v)];
    });
}

function decode(s: string): string {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '));
  } catch {
    throw errors.query(`The query string contains a malformed percent-encoding: '${s}'.`);
  }
}

function parseIdentList(option: string, text: string): string[] {
  const items = text.split(',').map((s) => s.trim());
  for (const item of items) {
    if (!IDENT.test(item)) throw errors.query(`The ${option} query option has an invalid item '${item}' in '${text}'.`);
  }
  return items;
}

function parseOrderBy(text: string): OrderBy[] {
  return text.split(',').map((part) => {
    const words = part.trim().split(/\s+/);
    if (
      words.length === 0 ||
      words.length > 2 ||
      !IDENT.test(words[0]) ||
      (words[1] !== undefined && words[1] !== 'asc' && words[1] !== 'desc')
    ) {
      throw errors.query(
        `The $orderby query option has an invalid item '${part.trim()}'; expected 'column' or 'column asc|desc'.`,
      );
    }
    return { property: words[0], descending: words[1] === 'desc' };
  });
}

function parseTop(text: string): number {
  if (!/^\d{1,9}$/.test(text.trim()))
    throw errors.query(
      `Invalid value '${text}' for $top query option found. The $top query option requires a non-negative integer value.`,
    );
  return Number(text.trim());
}

/** Splits at commas that are not inside parentheses or quotes. */
function splitTopLevel(text: string, separator: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let inQuote = false;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === "'") inQuote = !inQuote;
    else if (!inQuote && ch === '(') depth++;
    else if (!inQuote && ch === ')') depth--;
    else if (!inQuote && depth === 0 && ch === separator) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
    if (depth < 0) throw errors.query(`The $expand query option has an unbalanced ')' in '${text}'.`);
  }
  if (depth !== 0 || inQuote)
    throw errors.query(`The $expand query option has an unbalanced '(' or quote in '${text}'.`);
  parts.push(text.slice(start));
  return parts;
}

/** Parses and sets a $select, $filter, $orderby or $top option; false for any other name. */
function setRowOption(out: RowOptions, name: string, value: string): boolean {
  switch (name) {
    case '$select':
      out.select = parseIdentList('$select', value);
      return true;
    case '$filter':
      out.filter = parseFilter(value);
      return true;
    case '$orderby':
      out.orderby = parseOrderBy(value);
      return true;
    case '$top':
      out.top = parseTop(value);
      return true;
    default:
      return false;
  }
}

function parseExpand(text: string): ExpandOption[] {
  return splitTopLevel(text, ',').map((raw) => {
    const item = raw.trim();
    const open = item.indexOf('(');
    const navigation = (open < 0 ? item : item.slice(0, open)).trim();
    if (!IDENT.test(navigation)) throw errors.query(`The $expand query option has an invalid item '${item}'.`);
    const out: ExpandOption = { navigation };
    if (open < 0) return out;
    if (!item.endsWith(')')) throw errors.query(`The $expand item '${item}' must end with ')'.`);
    const inner = item.slice(open + 1, -1);
    const seen = new Set<string>();
    for (const opt of splitTopLevel(inner, ';')) {
      const eq = opt.indexOf('=');
      const name = (eq < 0 ? opt : opt.slice(0, eq)).trim();
      const value = eq < 0 ? '' : opt.slice(eq + 1);
      if (seen.has(name))
        throw errors.query(`Query option '${name}' was specified more than once in $expand item '${navigation}'.`);
      seen.add(name);
      if (setRowOption(out, name, value)) continue;
      if (name === '$expand')
        throw errors.query(`Only one level of $expand is supported: '${navigation}' has a nested $expand.`);
      throw errors.query(`The query option '${name}' is not supported inside $expand item '${navigation}'.`);
    }
    return out;
  });
}

/** Parses the `$`-options of a request; anything unknown or malformed is a 400 naming the option. */
export function parseQueryOptions(pairs: [string, string][]): QueryOptions {
  const seen = new Set<string>();
  const out: QueryOptions = {};
  const alias = pairs.find(([name]) => name.startsWith('@'));
  if (alias)
    throw errors.query(
      `Parameter aliases ('${alias[0]}') are not supported by this local Dataverse; write the value inline.`,
    );
  for (const [name, value] of pairs) {
    if (!name.startsWith('$')) continue;
    if (!SUPPORTED.has(name)) throw errors.query(`The query parameter ${name} is not supported`);
    if (seen.has(name))
      throw errors.query(`Query option '${name}' was specified more than once, but it must be specified at most once.`);
    seen.add(name);
    if (setRowOption(out, name, value)) continue;
    switch (name) {
      case '$expand':
        out.expand = parseExpand(value);
        break;
      case '$count':
        if (value !== 'true' && value !== 'false')
          throw errors.query(`'${value}' is not a valid count option; use true or false.`);
        out.count = value === 'true';
        break;
      case '$skiptoken':
        out.skiptoken = value;
        break;
    }
  }
  return out;
}

export interface Preferences {
  returnRepresentation: boolean;
  maxPageSize?: number;
  /** Annotation name patterns from `odata.include-annotations` (`*`, `OData.Community.Display.V1.FormattedValue`, ...). */
  includeAnnotations: string[];
}

/** Parses the `Prefer` header; unknown preferences are ignored, as HTTP requires. */
export function parsePrefer(header: string | undefined): Preferences {
  const prefs: Preferences = { returnRepresentation: false, includeAnnotations: [] };
  if (!header) return prefs;
  for (const part of header.split(',')) {
    const eq = part.indexOf('=');
    const name = (eq < 0 ? part : part.slice(0, eq)).trim().toLowerCase();
    const value =
      eq < 0
        ? ''
        : part
            .slice(eq + 1)
            .trim()
            .replace(/^"|"$/g, '');
    if (name === 'return' && value === 'representation') prefs.returnRepresentation = true;
    else if (name === 'odata.maxpagesize') {
      if (!/^\d{1,6}$/.test(value) || Number(value) < 1)
        throw errors.query(`The Prefer header odata.maxpagesize must be a positive integer, got '${value}'.`);
      prefs.maxPageSize = Number(value);
    } else if (name === 'odata.include-annotations') {
      prefs.includeAnnotations = value
        .split(',')
        .map((s) => s.trim())
        .filter((s) => s !== '');
    }
  }
  return prefs;
}

/** Whether an annotation (e.g. `OData.Community.Display.V1.FormattedValue`) is asked for. */
export function wantsAnnotation(patterns: string[], annotation: string): boolean {
  return patterns.some((p) => {
    if (p.startsWith('-')) return false;
    if (p === '*') return true;
    if (p.endsWith('.*')) return annotation.startsWith(p.slice(0, -1));
    return p === annotation;
  });
}
