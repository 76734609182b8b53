import { errors } from '../errors';
import { parseEntityKey, type EntityKey } from '../odata/key-parser';

/** A Web API URL path after `/api/data/v9.x/`, split into what it addresses. */
export type Route =
  | { kind: 'serviceDocument' }
  | { kind: 'whoAmI' }
  | { kind: 'collection'; set: string }
  | { kind: 'row'; set: string; key: EntityKey }
  | { kind: 'navigation'; set: string; key: EntityKey; navigation: string }
  | { kind: 'ref'; set: string; key: EntityKey; navigation: string; relatedKey?: EntityKey };

export const API_PREFIX = /^\/api\/data\/v9\.[0-2]\/?/;
const SEGMENT = /^([A-Za-z_][A-Za-z0-9_]*)(?:\((.*)\))?$/s;

function decodeSegment(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    throw errors.query(`The URL segment '${raw}' has a malformed percent-encoding.`);
  }
}

function splitSegment(raw: string): { name: string; key?: EntityKey } {
  const text = decodeSegment(raw);
  const m = SEGMENT.exec(text);
  if (!m) throw errors.segment(text);
  return { name: m[1], ...(m[2] !== undefined ? { key: parseEntityKey(m[2]) } : {}) };
}

/** Parses the path (without query string); throws a 404/400 Dataverse error for anything it does not serve. */
export function parseRoute(pathname: string): Route {
  const m = API_PREFIX.exec(pathname);
  if (!m) throw errors.segment(pathname.split('/').filter(Boolean)[0] ?? '/');
  const rest = pathname.slice(m[0].length);
  if (rest === '' || rest === '/') return { kind: 'serviceDocument' };
  const parts = rest.split('/');
  if (parts[parts.length - 1] === '') parts.pop();
  if (parts.length === 1 && parts[0] === 'WhoAmI') return { kind: 'whoAmI' };
  if (parts.length === 1 && parts[0] === 'WhoAmI()') return { kind: 'whoAmI' };
  const first = splitSegment(parts[0]);
  if (parts.length === 1)
    return first.key ? { kind: 'row', set: first.name, key: first.key } : { kind: 'collection', set: first.name };
  if (!first.key)
    throw errors.query(
      `The segment '${parts[0]}' must address one row, such as ${first.name}(<guid>), before '/${parts[1]}'.`,
    );
  const second = splitSegment(parts[1]);
  if (parts.length === 2) {
    if (second.key)
      throw errors.query(`Address a related row by its own URL (${'<set>'}(<id>)), not through '${parts[1]}'.`);
    return { kind: 'navigation', set: first.name, key: first.key, navigation: second.name };
  }
  if (parts.length === 3 && parts[2] === '$ref') {
    return {
      kind: 'ref',
      set: first.name,
      key: first.key,
      navigation: second.name,
      ...(second.key ? { relatedKey: second.key } : {}),
    };
  }
  throw errors.segment(decodeSegment(parts.slice(2).join('/')));
}
