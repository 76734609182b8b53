import { SalesforceError, sfErrors, type SalesforceErrorItem } from './errors';
import { makeId, normalizeId } from './ids';
import { CLOSED_STAGES, type FieldDef, type ObjectDef } from './objects';
import { conditionFields, parseSoql, type Condition, type Literal, type SoqlQuery } from './soql';

export type SObject = Record<string, unknown>;

/** Salesforce's REST datetime form: `2026-06-01T09:00:00.000+0000`. */
export function sfDateTime(ms: number): string {
  return new Date(ms).toISOString().replace('Z', '+0000');
}

const parseDateTime = (v: string): number => Date.parse(v.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));

export interface SalesforceServiceOptions {
  objects: Map<string, ObjectDef>;
  now: () => Date;
  /** Base API path for `attributes.url`, e.g. `/services/data/v58.0`. */
  apiPath: string;
}

/**
 * The local org's records and rules: creates, updates and upserts validate every field first and write
 * nothing when anything is wrong (Salesforce's all-or-nothing for a single record), then stamp
 * LastModifiedDate, LastModifiedById and SystemModstamp. Queries run the SOQL subset in soql.ts.
 */
export class SalesforceService {
  private readonly records = new Map<string, Map<string, SObject>>();
  private seq = 0;

  constructor(private readonly options: SalesforceServiceOptions) {
    for (const o of options.objects.values()) this.records.set(o.name, new Map());
  }

  object(name: string): ObjectDef {
    const o = this.options.objects.get(name.toLowerCase());
    if (!o) throw sfErrors.notFoundObject(name);
    return o;
  }

  private lastStamp = 0;

  /**
   * The clock for a write: never earlier than, nor equal to, the previous write's, as real time always
   * moves between two writes. Polling by LastModifiedDate relies on it (a later write is always newer).
   */
  private now(): number {
    const t = Math.max(this.options.now().getTime(), this.lastStamp + 1);
    this.lastStamp = t;
    return t;
  }

  private table(o: ObjectDef): Map<string, SObject> {
    return this.records.get(o.name)!;
  }

  private withAttributes(o: ObjectDef, r: SObject, fields?: string[]): SObject {
    const out: SObject = { attributes: { type: o.name, url: `${this.options.apiPath}/sobjects/${o.name}/${r.Id}` } };
    for (const f of fields ?? o.fields.map((x) => x.name)) {
      const def = o.byName.get(f.toLowerCase());
      if (!def) throw sfErrors.invalidField(`No such column '${f}' on entity '${o.name}'.`);
      out[def.name] = r[def.name] ?? null;
    }
    return out;
  }

  /** A user record for the org (not through the API: users are provisioned, not created by flows). */
  addUser(name: string, username: string): string {
    const o = this.object('User');
    const id = makeId(o.keyPrefix, ++this.seq);
    const now = sfDateTime(this.now());
    this.table(o).set(id, {
      Id: id,
      IsDeleted: false,
      Name: name,
      Username: username,
      OwnerId: id,
      CreatedDate: now,
      CreatedById: id,
      LastModifiedDate: now,
      LastModifiedById: id,
      SystemModstamp: now,
    });
    return id;
  }

  get(objectName: string, id: string, fields?: string[]): SObject {
    const o = this.object(objectName);
    const key = normalizeId(id);
    if (!key) throw sfErrors.malformedId(o.name, id);
    const r = this.table(o).get(key);
    if (!r) throw sfErrors.notFound();
    return this.withAttributes(o, r, fields);
  }

  /** Finds by an external id field; throws when the field is not an external id. */
  private findByExternalId(o: ObjectDef, field: string, value: string): { def: FieldDef; matches: SObject[] } {
    const def = o.byName.get(field.toLowerCase());
    if (!def || !(def.externalId || def.type === 'id'))
      throw SalesforceError.one(
        404,
        'NOT_FOUND',
        `Provided external ID field does not exist or is not accessible: ${field}`,
      );
    const wanted = value.toLowerCase();
    const matches = [...this.table(o).values()].filter((r) => String(r[def.name] ?? '').toLowerCase() === wanted);
    return { def, matches };
  }

  getByExternalId(objectName: string, field: string, value: string): SObject {
    const o = this.object(objectName);
    const { matches } = this.findByExternalId(o, field, value);
    if (matches.length === 0) throw sfErrors.notFound();
    return this.withAttributes(o, matches[0]);
  }

  create(objectName: string, body: unknown, userId: string): { id: string } {
    const o = this.object(objectName);
    const values = this.validate(o, body, 'create');
    const now = sfDateTime(this.now());
    const id = makeId(o.keyPrefix, ++this.seq);
    const record: SObject = {};
    for (const f of o.fields) record[f.name] = f.defaultValue ?? (f.type === 'boolean' ? false : null);
    Object.assign(record, values, {
      Id: id,
      IsDeleted: false,
      OwnerId: values.OwnerId ?? userId,
      CreatedDate: now,
      CreatedById: userId,
      LastModifiedDate: now,
      LastModifiedById: userId,
      SystemModstamp: now,
    });
    const missing = o.fields.filter((f) => f.required && (record[f.name] === null || record[f.name] === ''));
    if (missing.length > 0)
      throw SalesforceError.one(
        400,
        'REQUIRED_FIELD_MISSING',
        `Required fields are missing: [${missing.map((f) => f.name).join(', ')}]`,
        missing.map((f) => f.name),
      );
    this.checkUnique(o, record, undefined);
    derive(o, record);
    this.table(o).set(id, record);
    return { id };
  }

  update(objectName: string, id: string, body: unknown, userId: string): void {
    const o = this.object(objectName);
    const key = normalizeId(id);
    if (!key) throw sfErrors.malformedId(o.name, id);
    const existing = this.table(o).get(key);
    if (!existing) throw sfErrors.notFound();
    this.apply(o, existing, this.validate(o, body, 'update'), userId);
  }

  /** PATCH by external id: updates the one match, creates when there is none, refuses several (300). */
  upsert(
    objectName: string,
    field: string,
    value: string,
    body: unknown,
    userId: string,
  ): { id: string; created: boolean } {
    const o = this.object(objectName);
    const { def, matches } = this.findByExternalId(o, field, value);
    if (matches.length > 1)
      throw SalesforceError.one(
        300,
        'MULTIPLE_CHOICES',
        `More than one record found for external id field ${def.name} with value ${value}.`,
      );
    if (body && typeof body === 'object' && !Array.isArray(body)) {
      const inBody = Object.keys(body).find((k) => k.toLowerCase() === def.name.toLowerCase());
      if (inBody !== undefined && String((body as SObject)[inBody]) !== value)
        throw SalesforceError.one(
          400,
          'INVALID_FIELD',
          `The value of the external ID field in the body (${String((body as SObject)[inBody])}) does not match the one in the URL (${value}).`,
          [def.name],
        );
    }
    if (matches.length === 1) {
      this.apply(o, matches[0], this.validate(o, body, 'update'), userId);
      return { id: String(matches[0].Id), created: false };
    }
    const withKey = { ...(body as SObject), [def.name]: value };
    return { ...this.create(o.name, withKey, userId), created: true };
  }

  private apply(o: ObjectDef, existing: SObject, values: SObject, userId: string): void {
    const cleared = o.fields.filter(
      (f) => f.required && f.name in values && (values[f.name] === null || values[f.name] === ''),
    );
    if (cleared.length > 0)
      throw SalesforceError.one(
        400,
        'REQUIRED_FIELD_MISSING',
        `Required fields are missing: [${cleared.map((f) => f.name).join(', ')}]`,
        cleared.map((f) => f.name),
      );
    const next = { ...existing, ...values };
    this.checkUnique(o, next, String(existing.Id));
    derive(o, next);
    const now = sfDateTime(this.now());
    Object.assign(existing, next, { LastModifiedDate: now, LastModifiedById: userId, SystemModstamp: now });
  }

  private checkUnique(o: ObjectDef, record: SObject, selfId: string | undefined): void {
    for (const f of o.fields) {
      if (!f.unique) continue;
      const v = record[f.name];
      if (v === null || v === undefined || v === '') continue;
      const clash = [...this.table(o).values()].find(
        (r) => r.Id !== selfId && String(r[f.name] ?? '').toLowerCase() === String(v).toLowerCase(),
      );
      if (clash)
        throw SalesforceError.one(
          400,
          'DUPLICATE_VALUE',
          `duplicate value found: ${f.name} duplicates value on record with id: ${String(clash.Id)}`,
          [],
        );
    }
  }

  /** Checks every field of a write body and returns the values to store; throws with every problem found. */
  private validate(o: ObjectDef, body: unknown, mode: 'create' | 'update'): SObject {
    if (body === null || typeof body !== 'object' || Array.isArray(body))
      throw sfErrors.jsonParser('Cannot deserialize instance of SObject from a value that is not a JSON object');
    const problems: SalesforceErrorItem[] = [];
    const out: SObject = {};
    for (const [key, raw] of Object.entries(body as SObject)) {
      if (key === 'attributes') continue;
      const f = o.byName.get(key.toLowerCase());
      if (!f) throw sfErrors.invalidField(`No such column '${key}' on sobject of type ${o.name}`);
      if (mode === 'create' ? !f.createable : !f.updateable) {
        problems.push({
          errorCode: 'INVALID_FIELD_FOR_INSERT_UPDATE',
          message: `Unable to create/update fields: ${f.name}. Please check the security settings of this field and verify that it is read/write for your profile or permission set.`,
          fields: [f.name],
        });
        continue;
      }
      const r = this.coerce(o, f, raw);
      if ('error' in r) problems.push(r.error);
      else out[f.name] = r.value;
    }
    if (problems.length > 0) throw new SalesforceError(400, problems);
    return out;
  }

  private coerce(o: ObjectDef, f: FieldDef, raw: unknown): { value: unknown } | { error: SalesforceErrorItem } {
    const bad = (errorCode: string, message: string) => ({ error: { errorCode, message, fields: [f.name] } });
    const jsonError = (type: string) => ({
      error: {
        errorCode: 'JSON_PARSER_ERROR',
        message: `Cannot deserialize instance of ${type} from VALUE_STRING value ${String(raw)} or request may be missing a required field`,
      },
    });
    if (raw === null || raw === undefined) return { value: f.type === 'boolean' ? false : null };
    if (typeof raw === 'object') return jsonError(f.type);
    switch (f.type) {
      case 'string':
      case 'textarea':
      case 'url':
      case 'phone':
      case 'email': {
        const s = String(raw);
        if (f.length !== undefined && s.length > f.length)
          return bad(
            'STRING_TOO_LONG',
            `${f.label}: data value too large: ${s.slice(0, 40)}${s.length > 40 ? '...' : ''} (max length=${f.length})`,
          );
        if (f.type === 'email' && s !== '' && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(s))
          return bad('INVALID_EMAIL_ADDRESS', `${f.label}: invalid email address: ${s}`);
        return { value: s === '' ? null : s };
      }
      case 'boolean':
        if (typeof raw === 'boolean') return { value: raw };
        if (raw === 'true' || raw === 'false') return { value: raw === 'true' };
        return jsonError('boolean');
      case 'currency':
      case 'double': {
        const n = typeof raw === 'number' ? raw : typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : NaN;
        if (!Number.isFinite(n)) return jsonError('double');
        return { value: n };
      }
      case 'date': {
        const s = String(raw);
        if (!/^\d{4}-\d{2}-\d{2}$/.test(s) || Number.isNaN(Date.parse(`${s}T00:00:00Z`))) return jsonError('date');
        return { value: s };
      }
      case 'datetime': {
        const ms = parseDateTime(String(raw));
        if (Number.isNaN(ms)) return jsonError('datetime');
        return { value: sfDateTime(ms) };
      }
      case 'picklist': {
        const s = String(raw);
        if (s === '') return { value: null };
        if (f.picklistValues && !f.picklistValues.includes(s))
          return bad(
            'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST',
            `${f.label}: bad value for restricted picklist field: ${s}`,
          );
        return { value: s };
      }
      case 'multipicklist': {
        const parts = String(raw)
          .split(';')
          .map((p) => p.trim())
          .filter((p) => p !== '');
        const wrong = parts.find((p) => f.picklistValues && !f.picklistValues.includes(p));
        if (wrong !== undefined)
          return bad(
            'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST',
            `${f.label}: bad value for restricted picklist field: ${wrong}`,
          );
        return { value: parts.length === 0 ? null : parts.join(';') };
      }
      case 'reference': {
        const id = normalizeId(String(raw));
        if (!id) return bad('MALFORMED_ID', `${f.label}: id value of incorrect type: ${String(raw)}`);
        const target = f.referenceTo ? this.options.objects.get(f.referenceTo.toLowerCase()) : undefined;
        if (!target || !this.table(target).has(id))
          return bad('INVALID_CROSS_REFERENCE_KEY', `${f.label}: invalid cross reference id`);
        return { value: id };
      }
      case 'id':
        return bad('INVALID_FIELD_FOR_INSERT_UPDATE', `Unable to create/update fields: ${f.name}.`);
    }
    void o;
  }

  query(soql: string): { totalSize: number; done: boolean; records: SObject[] } {
    const q: SoqlQuery = parseSoql(soql);
    const o = this.options.objects.get(q.from.toLowerCase());
    if (!o)
      throw SalesforceError.one(
        400,
        'INVALID_TYPE',
        `sObject type '${q.from}' is not supported. If you are attempting to use a custom object, be sure to append the '__c' after the entity name.`,
      );
    const field = (name: string): FieldDef => {
      const f = o.byName.get(name.toLowerCase());
      if (!f)
        throw sfErrors.invalidField(
          `No such column '${name}' on entity '${o.name}'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name.`,
        );
      return f;
    };
    q.fields.forEach(field);
    conditionFields(q.where).forEach(field);
    q.orderBy.forEach((x) => field(x.field));
    let rows = [...this.table(o).values()].filter((r) => !q.where || matches(q.where, r, field));
    if (q.orderBy.length > 0)
      rows.sort((a, b) => {
        for (const ob of q.orderBy) {
          const f = field(ob.field);
          const c = compareValues(f, a[f.name], b[f.name], ob.nullsLast);
          if (c !== 0) return ob.descending ? -c : c;
        }
        return 0;
      });
    const total = rows.length;
    rows = rows.slice(q.offset ?? 0, q.limit !== undefined ? (q.offset ?? 0) + q.limit : undefined);
    return {
      totalSize: q.limit !== undefined ? rows.length : total,
      done: true,
      records: rows.map((r) => this.withAttributes(o, r, q.fields)),
    };
  }
}

/** Fields Salesforce computes: an opportunity's IsClosed and IsWon follow its stage. */
function derive(o: ObjectDef, r: SObject): void {
  if (o.name !== 'Opportunity') return;
  const closed = CLOSED_STAGES[String(r.StageName)];
  r.IsClosed = closed !== undefined;
  r.IsWon = closed?.won === true;
}

function sortable(f: FieldDef, v: unknown): number | string | boolean {
  if (f.type === 'datetime') return parseDateTime(String(v));
  if (typeof v === 'string') return v.toLowerCase();
  return v as number | boolean;
}

function compareValues(f: FieldDef, a: unknown, b: unknown, nullsLast: boolean): number {
  const an = a === null || a === undefined;
  const bn = b === null || b === undefined;
  if (an || bn) return an && bn ? 0 : an === nullsLast ? 1 : -1;
  const x = sortable(f, a);
  const y = sortable(f, b);
  return x < y ? -1 : x > y ? 1 : 0;
}

function literalFor(f: FieldDef, lit: Literal): unknown {
  const wrongType = () =>
    sfErrors.malformedQuery(
      `value of filter criterion for field '${f.name}' must be of type ${f.type} and should not be enclosed in quotes`,
    );
  if (lit.kind === 'null') return null;
  switch (f.type) {
    case 'datetime':
      if (lit.kind !== 'datetime') throw wrongType();
      return lit.value;
    case 'date':
      if (lit.kind !== 'date') throw wrongType();
      return lit.value;
    case 'currency':
    case 'double':
      if (lit.kind !== 'number') throw wrongType();
      return lit.value;
    case 'boolean':
      if (lit.kind !== 'boolean') throw wrongType();
      return lit.value;
    default:
      if (lit.kind !== 'string') throw wrongType();
      return lit.value.toLowerCase();
  }
}

function matches(c: Condition, r: SObject, field: (n: string) => FieldDef): boolean {
  switch (c.kind) {
    case 'and':
      return matches(c.left, r, field) && matches(c.right, r, field);
    case 'or':
      return matches(c.left, r, field) || matches(c.right, r, field);
    case 'not':
      return !matches(c.operand, r, field);
    case 'in': {
      const f = field(c.field);
      const v = r[f.name] === null || r[f.name] === undefined ? null : sortable(f, r[f.name]);
      const found = c.values.some((l) => literalFor(f, l) === v);
      return c.negated ? !found : found;
    }
    case 'compare': {
      const f = field(c.field);
      const raw = r[f.name];
      const v = raw === null || raw === undefined ? null : sortable(f, raw);
      const want = literalFor(f, c.value);
      if (c.op === 'like') {
        if (typeof want !== 'string' || typeof v !== 'string') return false;
        const re = new RegExp(
          `^${want
            .replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
            .replace(/%/g, '.*')
            .replace(/_/g, '.')}$`,
          'i',
        );
        return re.test(v);
      }
      if (want === null || v === null) {
        if (c.op === '=') return v === want;
        if (c.op === '!=') return v !== want;
        return false;
      }
      const x = v as number | string;
      const y = want as number | string;
      switch (c.op) {
        case '=':
          return x === y;
        case '!=':
          return x !== y;
        case '<':
          return x < y;
        case '<=':
          return x <= y;
        case '>':
          return x > y;
        case '>=':
          return x >= y;
      }
    }
  }
}
