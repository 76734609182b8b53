import { errors, DataverseError, ErrorCodes } from '../errors';
import type { AttributeMetadata, EntityMetadata } from '../metadata/types';
import { isGuid, parseEntityKey, type EntityKey } from '../odata/key-parser';

/** A `nav@odata.bind` reference, resolved against the store by the caller. */
export interface BindReference {
  attribute: string;
  navigation: string;
  target: string;
  setName: string;
  key: EntityKey;
}

export interface WritePayload {
  /** Attribute logical name → normalized value (`null` clears). Lookups are in `binds`. */
  values: Record<string, unknown>;
  binds: BindReference[];
  /** Lookup attributes cleared with `nav@odata.bind: null`. */
  clearedLookups: string[];
  /** Every attribute named in the request, for `filteringattributes`. */
  requestedAttributes: string[];
  /** Primary id given in the body. */
  explicitId?: string;
}

const EDM: Partial<Record<AttributeMetadata['type'], string>> = {
  String: 'Edm.String',
  Memo: 'Edm.String',
  MultiSelectPicklist: 'Edm.String',
  Boolean: 'Edm.Boolean',
  Integer: 'Edm.Int32',
  Picklist: 'Edm.Int32',
  State: 'Edm.Int32',
  Status: 'Edm.Int32',
  BigInt: 'Edm.Int64',
  Decimal: 'Edm.Decimal',
  Money: 'Edm.Decimal',
  Uniqueidentifier: 'Edm.Guid',
};

function edmOf(a: AttributeMetadata): string {
  if (a.type === 'DateTime') return a.dateOnly ? 'Edm.Date' : 'Edm.DateTimeOffset';
  return EDM[a.type] ?? 'Edm.String';
}

/** `2024-05-01T10:20:30.123+02:00` → `2024-05-01T08:20:30Z` (Dataverse keeps whole seconds, in UTC). */
export function toUtcSeconds(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|[+-]\d{2}:\d{2})?$/;

function validDate(y: number, m: number, d: number): boolean {
  const dt = new Date(Date.UTC(y, m - 1, d));
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === m - 1 && dt.getUTCDate() === d && y >= 1753 && y <= 9999;
}

/** Checks one column value against its type, length and choice rules; returns the stored form. */
export function normalizeValue(entity: EntityMetadata, a: AttributeMetadata, raw: unknown): unknown {
  const payload = (inner: string): DataverseError => errors.payload(entity.entitySetName, inner);
  const cannotConvert = (): DataverseError =>
    typeof raw === 'object'
      ? payload(
          `A node of type '${Array.isArray(raw) ? 'StartArray' : 'StartObject'}' was read from the JSON reader when trying to read the value of the property '${a.logicalName}'; however, a 'PrimitiveValue' or 'StartObject' node with null value was expected.`,
        )
      : payload(`Cannot convert the literal '${String(raw)}' to the expected type '${edmOf(a)}'.`);
  if (raw === null) return null;
  switch (a.type) {
    case 'String':
    case 'Memo': {
      if (typeof raw !== 'string') throw cannotConvert();
      if (a.maxLength !== undefined && raw.length > a.maxLength)
        throw errors.tooLong(a.logicalName, entity.logicalName, a.maxLength);
      return raw;
    }
    case 'Boolean':
      if (typeof raw !== 'boolean') throw cannotConvert();
      return raw;
    case 'Integer':
    case 'BigInt':
    case 'Decimal':
    case 'Money': {
      if (typeof raw !== 'number' || !Number.isFinite(raw)) throw cannotConvert();
      if ((a.type === 'Integer' || a.type === 'BigInt') && !Number.isInteger(raw)) throw cannotConvert();
      if ((a.minValue !== undefined && raw < a.minValue) || (a.maxValue !== undefined && raw > a.maxValue))
        throw errors.outOfRange(raw, a.logicalName, entity.logicalName);
      return raw;
    }
    case 'Picklist':
    case 'State':
    case 'Status': {
      if (typeof raw !== 'number' || !Number.isInteger(raw)) throw cannotConvert();
      const accepted = (a.options ?? []).map((o) => o.value);
      if (!accepted.includes(raw)) throw errors.outOfRange(raw, a.logicalName, entity.logicalName, accepted);
      return raw;
    }
    case 'MultiSelectPicklist': {
      if (typeof raw !== 'string') throw cannotConvert();
      if (raw.trim() === '') return null;
      const accepted = (a.options ?? []).map((o) => o.value);
      const values: number[] = [];
      for (const part of raw.split(',')) {
        const t = part.trim();
        if (!/^-?\d+$/.test(t))
          throw payload(
            `Cannot convert the literal '${raw}' to the expected type 'Edm.String' of a multi-select choice: '${t}' is not a number.`,
          );
        const v = Number(t);
        if (!accepted.includes(v)) throw errors.outOfRange(v, a.logicalName, entity.logicalName, accepted);
        if (!values.includes(v)) values.push(v);
      }
      return values.sort((x, y) => x - y);
    }
    case 'DateTime': {
      if (typeof raw !== 'string') throw cannotConvert();
      if (a.dateOnly) {
        const m = DATE_ONLY.exec(raw);
        if (!m || !validDate(Number(m[1]), Number(m[2]), Number(m[3]))) throw cannotConvert();
        return raw;
      }
      if (!DATE_TIME.test(raw)) throw cannotConvert();
      const hasZone = /(Z|[+-]\d{2}:\d{2})$/.test(raw);
      const ms = Date.parse(hasZone ? raw : `${raw}Z`);
      if (Number.isNaN(ms)) throw cannotConvert();
      const year = new Date(ms).getUTCFullYear();
      if (year < 1753 || year > 9999) throw errors.outOfRange(raw, a.logicalName, entity.logicalName);
      return toUtcSeconds(ms);
    }
    case 'Uniqueidentifier':
      if (typeof raw !== 'string' || !isGuid(raw)) throw cannotConvert();
      return raw.toLowerCase();
    default:
      throw payload(`The property '${a.logicalName}' cannot be written directly.`);
  }
}

/** Parses `/accounts(guid)`, `accounts(key='x')` or an absolute URL ending in one of those. */
export function parseBindTarget(value: string): { setName: string; key: EntityKey } | undefined {
  const m = /(?:^|\/)([A-Za-z_][A-Za-z0-9_]*)\((.*)\)$/.exec(value.trim());
  if (!m) return undefined;
  return { setName: m[1], key: parseEntityKey(m[2]) };
}

/**
 * Reads a create/update body into checked column values, without touching any data. Every fault is
 * reported before anything is written.
 */
export function readWritePayload(entity: EntityMetadata, body: unknown): WritePayload {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw errors.payload(entity.entitySetName, "The request body must be a JSON object with the row's columns.");
  }
  const out: WritePayload = { values: {}, binds: [], clearedLookups: [], requestedAttributes: [] };
  for (const [name, raw] of Object.entries(body as Record<string, unknown>)) {
    if (name.startsWith('@')) continue;
    const bindAt = name.indexOf('@odata.bind');
    if (bindAt > 0 && name.endsWith('@odata.bind')) {
      const navName = name.slice(0, bindAt);
      const nav = entity.navigation.get(navName);
      if (!nav) {
        throw errors.payload(
          entity.entitySetName,
          `An undeclared property '${navName}' which only has property annotations in the payload but no property value was found in the payload. In OData, only declared navigation properties and declared named streams can be represented as properties without values.`,
        );
      }
      if (nav.kind !== 'single')
        throw errors.payload(
          entity.entitySetName,
          `Binding the collection '${navName}' on create or update is not supported here; associate rows with POST .../${navName}/$ref.`,
        );
      out.requestedAttributes.push(nav.attribute);
      if (raw === null) {
        out.clearedLookups.push(nav.attribute);
        continue;
      }
      if (typeof raw !== 'string')
        throw errors.payload(
          entity.entitySetName,
          `The value of '${name}' must be a URL such as '/${nav.target}s(<guid>)'.`,
        );
      const target = parseBindTarget(raw);
      if (!target)
        throw errors.payload(
          entity.entitySetName,
          `The value '${raw}' of '${name}' is not a row reference such as '/accounts(<guid>)'.`,
        );
      out.binds.push({
        attribute: nav.attribute,
        navigation: navName,
        target: nav.target,
        setName: target.setName,
        key: target.key,
      });
      continue;
    }
    if (name.includes('@')) continue;
    if (/^_.+_value$/.test(name)) {
      throw new DataverseError(
        400,
        ErrorCodes.query,
        'CRM do not support direct update of Entity Reference properties, Use Navigation properties instead.',
      );
    }
    const nav = entity.navigation.get(name);
    if (nav && !entity.attributes.has(name)) {
      throw errors.payload(
        entity.entitySetName,
        `Deep insert through the navigation property '${name}' is not supported here; create the related row first and bind it with '${name}@odata.bind'.`,
      );
    }
    const a = entity.attributes.get(name);
    if (!a || a.type === 'Lookup' || a.type === 'Customer' || a.type === 'Owner') {
      if (a)
        throw new DataverseError(
          400,
          ErrorCodes.query,
          'CRM do not support direct update of Entity Reference properties, Use Navigation properties instead.',
        );
      throw errors.payload(
        entity.entitySetName,
        `The property '${name}' does not exist on type 'Microsoft.Dynamics.CRM.${entity.logicalName}'. Make sure to only use property names that are defined by the type or mark the type as open type.`,
      );
    }
    if (a.system || a.computed) {
      throw errors.payload(
        entity.entitySetName,
        `The property '${name}' is set by the platform and cannot be written.`,
      );
    }
    if (name === entity.primaryIdAttribute) {
      if (typeof raw !== 'string' || !isGuid(raw))
        throw errors.payload(
          entity.entitySetName,
          `Cannot convert the literal '${String(raw)}' to the expected type 'Edm.Guid'.`,
        );
      out.explicitId = raw.toLowerCase();
      continue;
    }
    out.values[name] = normalizeValue(entity, a, raw);
    out.requestedAttributes.push(name);
  }
  return out;
}
