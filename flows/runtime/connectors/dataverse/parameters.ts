/**
 * Pure translation of the Dataverse connector's action parameters (as a flow definition names them)
 * into Web API requests.
 */

export class ParameterError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ParameterError';
  }
}

const GUID = /^\{?([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})\}?$/;
const SET_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

export function requireString(parameters: Record<string, unknown>, name: string): string {
  const v = parameters[name];
  if (typeof v !== 'string' || v.trim() === '')
    throw new ParameterError(`The parameter '${name}' is required and must be text.`);
  return v.trim();
}

export function optionalString(parameters: Record<string, unknown>, name: string): string | undefined {
  const v = parameters[name];
  if (v === undefined || v === null || v === '') return undefined;
  if (typeof v === 'number') return String(v);
  if (typeof v !== 'string') throw new ParameterError(`The parameter '${name}' must be text.`);
  return v;
}

/** `entityName` is the entity set (plural) name, e.g. `opportunities`. */
export function entitySetName(parameters: Record<string, unknown>): string {
  const name = requireString(parameters, 'entityName');
  if (!SET_NAME.test(name))
    throw new ParameterError(
      `The parameter 'entityName' must be a table's entity set name such as 'opportunities'; got '${name}'.`,
    );
  return name;
}

/**
 * `recordId`: a GUID (braces allowed) or alternate key values (`cosell_referralidentifier='R-1'`).
 * Returns the URL segment text between the parentheses, percent-encoded.
 */
export function recordKeySegment(parameters: Record<string, unknown>): string {
  const raw = requireString(parameters, 'recordId');
  const m = GUID.exec(raw);
  if (m) return m[1].toLowerCase();
  if (!/^[A-Za-z_][A-Za-z0-9_]*\s*=/.test(raw)) {
    throw new ParameterError(
      `The parameter 'recordId' must be a row id (GUID) or alternate key values such as column='value'; got '${raw}'.`,
    );
  }
  return encodeURIComponent(raw);
}

/** The row to write: `item/<column>` parameters (as the designer writes them) merged over an `item` object. */
export function collectItem(parameters: Record<string, unknown>): Record<string, unknown> {
  const item: Record<string, unknown> = {};
  const whole = parameters.item;
  if (whole !== undefined && whole !== null) {
    if (typeof whole !== 'object' || Array.isArray(whole))
      throw new ParameterError("The parameter 'item' must be an object of column values.");
    Object.assign(item, whole);
  }
  for (const [name, value] of Object.entries(parameters)) {
    if (!name.startsWith('item/')) continue;
    const column = name.slice('item/'.length);
    if (column === '' || column.includes('/'))
      throw new ParameterError(`The parameter '${name}' does not name a column.`);
    item[column] = value;
  }
  return item;
}

const QUERY_PARAMETERS = ['$select', '$filter', '$orderby', '$expand', '$top', '$skiptoken'] as const;

/** The OData query string for ListRecords / GetItem, `$`-options in a fixed order. */
export function queryString(
  parameters: Record<string, unknown>,
  allowed: readonly string[] = QUERY_PARAMETERS,
): string {
  const parts: string[] = [];
  for (const name of allowed) {
    const v = optionalString(parameters, name);
    if (v === undefined) continue;
    if (name === '$top' && !/^\d+$/.test(v.trim()))
      throw new ParameterError(`The parameter '$top' must be a whole number; got '${v}'.`);
    parts.push(`${name}=${encodeURIComponent(name === '$select' ? v.replace(/\s+/g, '') : v)}`);
  }
  return parts.length > 0 ? `?${parts.join('&')}` : '';
}

/** `$skiptoken` may also come as the whole `@odata.nextLink` a previous page returned. */
export function skipTokenFrom(parameters: Record<string, unknown>): string | undefined {
  const v = optionalString(parameters, '$skiptoken');
  if (v === undefined) return undefined;
  const m = /[?&]\$skiptoken=([^&]*)/.exec(v);
  return m ? decodeURIComponent(m[1]) : v;
}
