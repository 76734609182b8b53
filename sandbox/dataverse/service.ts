import { errors, DataverseError, ErrorCodes } from './errors';
import { attributeByProperty, isLookup, propertyName } from './metadata/build-model';
import type { AttributeMetadata, EntityMetadata, NavigationProperty } from './metadata/types';
import { compileFilter } from './odata/filter-compile';
import { comparableOf } from './odata/filter-compile';
import type { EntityKey } from './odata/key-parser';
import type { ExpandOption, OrderBy, Preferences, QueryOptions } from './odata/query-options';
import { normalizeValue, parseBindTarget, readWritePayload, type WritePayload } from './store/payload';
import { serializeRow, type SerializeContext } from './store/serialize';
import type { DataverseStore, LookupValue, StoredRow } from './store/store';

/** Rows per page when the client states no `odata.maxpagesize` (Dataverse's limit). */
export const DEFAULT_PAGE_SIZE = 5000;
const MAX_COUNT = 5000;

export interface Preconditions {
  ifMatch?: string;
  ifNoneMatch?: string;
}

export interface ServiceOptions {
  defaultCallerId: string;
  /** transactioncurrencyid given to new rows that state none (the organization's base currency). */
  baseCurrencyId?: string;
  newId: () => string;
}

/**
 * The Web API's operations over the store, independent of HTTP: every method checks all input first,
 * then writes, so a failed request changes nothing.
 */
export class DataverseService {
  constructor(
    readonly store: DataverseStore,
    private readonly options: ServiceOptions,
  ) {}

  get defaultCallerId(): string {
    return this.options.defaultCallerId;
  }

  entityBySet(setName: string): EntityMetadata {
    const e = this.store.model.bySetName.get(setName);
    if (!e) throw errors.segment(setName);
    return e;
  }

  entityByLogicalName(name: string): EntityMetadata | undefined {
    return this.store.model.entities.get(name);
  }

  checkCaller(callerId: string): void {
    if (!this.store.get('systemuser', callerId)) throw errors.notFound('systemuser', callerId);
  }

  /** Row id for a key; `undefined` when no row has it. Alternate keys must match a defined key. */
  findId(entity: EntityMetadata, key: EntityKey): string | undefined {
    if (key.kind === 'id') return this.store.get(entity.logicalName, key.id) ? key.id : undefined;
    const values = this.keyValues(entity, key);
    return this.store.findByKey(entity.logicalName, values)?.id;
  }

  private keyValues(entity: EntityMetadata, key: Extract<EntityKey, { kind: 'alternate' }>): Record<string, unknown> {
    const values: Record<string, unknown> = {};
    for (const [prop, raw] of Object.entries(key.values)) {
      const a = attributeByProperty(entity, prop) ?? entity.attributes.get(prop);
      if (!a)
        throw errors.query(
          `Could not find a property named '${prop}' on type 'Microsoft.Dynamics.CRM.${entity.logicalName}'.`,
        );
      values[a.logicalName] = isLookup(a)
        ? { id: String(raw).toLowerCase(), logicalName: a.targets?.[0] ?? '' }
        : normalizeValue(entity, a, raw);
    }
    const cols = Object.keys(values).sort().join(',');
    if (!entity.keys.some((k) => [...k.attributes].sort().join(',') === cols)) {
      throw errors.query(
        `The key with columns '${Object.keys(values).join(',')}' is not an alternate key of the entity '${entity.logicalName}'.`,
      );
    }
    return values;
  }

  requireId(entity: EntityMetadata, key: EntityKey): string {
    const id = this.findId(entity, key);
    if (id === undefined)
      throw key.kind === 'id' ? errors.notFound(entity.logicalName, key.id) : errors.keyNotFound(entity.logicalName);
    return id;
  }

  serializeContext(prefs: Preferences): SerializeContext {
    return {
      annotations: prefs.includeAnnotations,
      nameOf: (ref) => {
        const target = this.store.model.entities.get(ref.logicalName);
        const row = target ? this.store.get(ref.logicalName, ref.id) : undefined;
        const name = row && target ? row.values[target.primaryNameAttribute] : undefined;
        return typeof name === 'string' ? name : undefined;
      },
      currencySymbolOf: (row) => {
        const ref = row.values.transactioncurrencyid as LookupValue | undefined;
        const symbol = ref ? this.store.get('transactioncurrency', ref.id)?.values.currencysymbol : undefined;
        return typeof symbol === 'string' ? symbol : '';
      },
    };
  }

  private selectAttributes(entity: EntityMetadata, select: string[] | undefined): AttributeMetadata[] | undefined {
    if (!select) return undefined;
    return select.map((p) => attributeByProperty(entity, p) ?? unknownProperty(entity, p));
  }

  private sorter(
    entity: EntityMetadata,
    orderby: OrderBy[] | undefined,
  ): ((a: StoredRow, b: StoredRow) => number) | undefined {
    if (!orderby || orderby.length === 0) return undefined;
    const keys = orderby.map((o) => {
      const a = attributeByProperty(entity, o.property) ?? unknownProperty(entity, o.property);
      return { a, dir: o.descending ? -1 : 1 };
    });
    return (x, y) => {
      for (const { a, dir } of keys) {
        const vx = comparableOf(a, x.values[a.logicalName]);
        const vy = comparableOf(a, y.values[a.logicalName]);
        if (vx === vy) continue;
        // SQL Server sorts nulls first in ascending order.
        if (vx === null) return -dir;
        if (vy === null) return dir;
        return (vx < vy ? -1 : 1) * dir;
      }
      return 0;
    };
  }

  /** Filter, order, top over a set of rows. */
  private query(
    entity: EntityMetadata,
    rows: Iterable<StoredRow>,
    filter: QueryOptions['filter'],
    orderby: OrderBy[] | undefined,
  ): StoredRow[] {
    const predicate = filter ? compileFilter(entity, filter) : undefined;
    const sort = this.sorter(entity, orderby);
    const out: StoredRow[] = [];
    for (const r of rows) if (!predicate || predicate(r.values)) out.push(r);
    if (sort) out.sort(sort);
    return out;
  }

  private checkExpand(
    entity: EntityMetadata,
    expand: ExpandOption[] | undefined,
  ): { option: ExpandOption; nav: NavigationProperty; target: EntityMetadata; select?: AttributeMetadata[] }[] {
    return (expand ?? []).map((option) => {
      const nav = entity.navigation.get(option.navigation);
      if (!nav)
        throw errors.query(
          `Could not find a property named '${option.navigation}' on type 'Microsoft.Dynamics.CRM.${entity.logicalName}'.`,
        );
      const target = this.store.model.entities.get(nav.target)!;
      if (nav.kind === 'single' && (option.filter || option.orderby || option.top !== undefined)) {
        throw errors.query(
          `Only $select is allowed when expanding the single-valued navigation property '${option.navigation}'.`,
        );
      }
      if (option.filter) compileFilter(target, option.filter);
      if (option.orderby) this.sorter(target, option.orderby);
      return { option, nav, target, select: this.selectAttributes(target, option.select) };
    });
  }

  private render(
    entity: EntityMetadata,
    row: StoredRow,
    select: AttributeMetadata[] | undefined,
    expands: ReturnType<DataverseService['checkExpand']>,
    ctx: SerializeContext,
  ): Record<string, unknown> {
    const out = serializeRow(entity, row, select, ctx);
    for (const { option, nav, target, select: targetSelect } of expands) {
      if (nav.kind === 'single') {
        const ref = row.values[nav.attribute] as LookupValue | undefined;
        const related = ref && ref.logicalName === nav.target ? this.store.get(nav.target, ref.id) : undefined;
        out[nav.name] = related ? serializeRow(target, related, targetSelect, ctx) : null;
      } else {
        const ids = this.store.related(nav.relationship, entity.logicalName, row.id);
        const rows = ids.map((id) => this.store.get(nav.target, id)).filter((r): r is StoredRow => r !== undefined);
        let matched = this.query(target, rows, option.filter, option.orderby);
        if (option.top !== undefined) matched = matched.slice(0, option.top);
        out[nav.name] = matched.map((r) => serializeRow(target, r, targetSelect, ctx));
      }
    }
    return out;
  }

  /** `GET /<set>`: returns the page and whether more rows follow. */
  list(
    entity: EntityMetadata,
    options: QueryOptions,
    prefs: Preferences,
    rows: Iterable<StoredRow> = this.store.rows(entity.logicalName),
  ): { value: Record<string, unknown>[]; count?: number; nextPage?: number } {
    const select = this.selectAttributes(entity, options.select);
    const expands = this.checkExpand(entity, options.expand);
    const page = options.skiptoken !== undefined ? parseSkipToken(options.skiptoken) : 1;
    const matched = this.query(entity, rows, options.filter, options.orderby);
    const ctx = this.serializeContext(prefs);
    let slice: StoredRow[];
    let nextPage: number | undefined;
    if (options.top !== undefined) {
      slice = matched.slice(0, options.top);
    } else {
      const size = prefs.maxPageSize ?? DEFAULT_PAGE_SIZE;
      slice = matched.slice((page - 1) * size, page * size);
      if (matched.length > page * size) nextPage = page + 1;
    }
    return {
      value: slice.map((r) => this.render(entity, r, select, expands, ctx)),
      ...(options.count ? { count: Math.min(matched.length, MAX_COUNT) } : {}),
      ...(nextPage !== undefined ? { nextPage } : {}),
    };
  }

  /** `GET /<set>(<id>)/<collection navigation>`. */
  listRelated(entity: EntityMetadata, key: EntityKey, navName: string, options: QueryOptions, prefs: Preferences) {
    const id = this.requireId(entity, key);
    const nav = entity.navigation.get(navName);
    if (!nav) throw errors.segment(navName);
    if (nav.kind === 'single') {
      const ref = this.store.get(entity.logicalName, id)!.values[nav.attribute] as LookupValue | undefined;
      const target = this.store.model.entities.get(nav.target)!;
      if (!ref || ref.logicalName !== nav.target) return { single: null, target };
      const row = this.store.get(nav.target, ref.id)!;
      return { single: this.retrieveRow(target, row, options, prefs), target };
    }
    const target = this.store.model.entities.get(nav.target)!;
    const rows = this.store
      .related(nav.relationship, entity.logicalName, id)
      .map((rid) => this.store.get(nav.target, rid)!);
    return { collection: this.list(target, options, prefs, rows), target };
  }

  retrieve(
    entity: EntityMetadata,
    key: EntityKey,
    options: QueryOptions,
    prefs: Preferences,
  ): { row: StoredRow; body: Record<string, unknown> } {
    if (
      options.filter ||
      options.orderby ||
      options.top !== undefined ||
      options.skiptoken !== undefined ||
      options.count
    ) {
      throw errors.query('Only $select and $expand are allowed when retrieving a single row.');
    }
    this.selectAttributes(entity, options.select);
    this.checkExpand(entity, options.expand);
    const id = this.requireId(entity, key);
    const row = this.store.get(entity.logicalName, id)!;
    return { row, body: this.retrieveRow(entity, row, options, prefs) };
  }

  private retrieveRow(
    entity: EntityMetadata,
    row: StoredRow,
    options: QueryOptions,
    prefs: Preferences,
  ): Record<string, unknown> {
    const select = this.selectAttributes(entity, options.select);
    const expands = this.checkExpand(entity, options.expand);
    return this.render(entity, row, select, expands, this.serializeContext(prefs));
  }

  /** Resolves binds and state/status into column values; checks everything that needs stored data. */
  private resolveWrite(
    entity: EntityMetadata,
    payload: WritePayload,
    current: StoredRow | undefined,
    id: string,
  ): Record<string, unknown> {
    const values: Record<string, unknown> = { ...payload.values };
    for (const attr of payload.clearedLookups) values[attr] = null;
    for (const bind of payload.binds) {
      const targetEntity = this.store.model.bySetName.get(bind.setName);
      if (!targetEntity) throw errors.segment(bind.setName);
      if (targetEntity.logicalName !== bind.target) {
        throw errors.payload(
          entity.entitySetName,
          `The row reference '${bind.setName}(...)' given for '${bind.navigation}@odata.bind' must point to the '${bind.target}' table.`,
        );
      }
      const targetId = this.findId(targetEntity, bind.key);
      if (targetId === undefined) {
        throw bind.key.kind === 'id'
          ? errors.notFound(targetEntity.logicalName, bind.key.id)
          : errors.keyNotFound(targetEntity.logicalName);
      }
      values[bind.attribute] = { id: targetId, logicalName: targetEntity.logicalName } satisfies LookupValue;
    }
    this.applyStateStatus(entity, values, current, id);
    return values;
  }

  private applyStateStatus(
    entity: EntityMetadata,
    values: Record<string, unknown>,
    current: StoredRow | undefined,
    id: string,
  ): void {
    const statusAttr = entity.attributes.get('statuscode');
    if (!statusAttr || !entity.defaultStatusByState) return;
    const hasState = 'statecode' in values && values.statecode !== null;
    const hasStatus = 'statuscode' in values && values.statuscode !== null;
    if (values.statecode === null || values.statuscode === null) {
      throw errors.invalidArgument(`statecode and statuscode of '${entity.logicalName}' cannot be cleared.`);
    }
    const state = hasState ? (values.statecode as number) : ((current?.values.statecode as number | undefined) ?? 0);
    if (hasStatus) {
      const status = values.statuscode as number;
      const statusState = statusAttr.options?.find((o) => o.value === status)?.state;
      if (statusState !== state) {
        throw errors.invalidArgument(
          `${status} is not a valid status code for state code ${entity.schemaName}State.${entity.stateNames?.get(state) ?? state} on ${entity.logicalName} with Id ${id}.`,
        );
      }
    } else if (hasState || !current) {
      values.statuscode = entity.defaultStatusByState.get(state);
    }
    if (!current && !hasState) values.statecode = state;
  }

  private createDefaults(entity: EntityMetadata, values: Record<string, unknown>): void {
    for (const a of entity.attributes.values()) {
      if (a.logicalName in values) continue;
      if (a.type === 'Boolean' || a.type === 'Picklist') {
        if (a.defaultValue !== undefined) values[a.logicalName] = a.defaultValue;
      }
    }
    if (
      entity.attributes.has('transactioncurrencyid') &&
      !values.transactioncurrencyid &&
      this.options.baseCurrencyId
    ) {
      values.transactioncurrencyid = {
        id: this.options.baseCurrencyId,
        logicalName: 'transactioncurrency',
      } satisfies LookupValue;
    }
  }

  private newId(): string {
    return this.options.newId().toLowerCase();
  }

  /** `POST /<set>`. */
  create(entity: EntityMetadata, body: unknown, callerId: string): StoredRow {
    const payload = readWritePayload(entity, body);
    const id = payload.explicitId ?? this.newId();
    if (this.store.get(entity.logicalName, id)) throw errors.duplicateKey();
    const values = this.resolveWrite(entity, payload, undefined, id);
    this.createDefaults(entity, values);
    return this.store.insert(entity.logicalName, id, values, callerId, payload.requestedAttributes);
  }

  /** `PATCH /<set>(<key>)`: update, or create when missing (upsert) unless `If-Match` says otherwise. */
  upsert(
    entity: EntityMetadata,
    key: EntityKey,
    body: unknown,
    callerId: string,
    pre: Preconditions,
  ): { row: StoredRow; created: boolean } {
    const payload = readWritePayload(entity, body);
    const existingId = this.findId(entity, key);
    if (payload.explicitId && key.kind === 'id' && payload.explicitId !== key.id) {
      throw errors.invalidArgument(
        `The ${entity.primaryIdAttribute} in the request body (${payload.explicitId}) differs from the id in the URL (${key.id}).`,
      );
    }
    if (existingId !== undefined) {
      if (pre.ifNoneMatch === '*') throw errors.duplicateKey();
      const current = this.store.get(entity.logicalName, existingId)!;
      checkIfMatch(pre.ifMatch, current);
      if (payload.explicitId && payload.explicitId !== existingId) {
        throw errors.invalidArgument(
          `The ${entity.primaryIdAttribute} in the request body differs from the row found by the key.`,
        );
      }
      const values = this.resolveWrite(entity, payload, current, existingId);
      return {
        row: this.store.update(entity.logicalName, existingId, values, callerId, payload.requestedAttributes),
        created: false,
      };
    }
    if (pre.ifMatch !== undefined)
      throw key.kind === 'id' ? errors.notFound(entity.logicalName, key.id) : errors.keyNotFound(entity.logicalName);
    const id = key.kind === 'id' ? key.id : (payload.explicitId ?? this.newId());
    if (key.kind === 'id' && this.store.get(entity.logicalName, id)) throw errors.duplicateKey();
    const keyValues = key.kind === 'alternate' ? this.keyValues(entity, key) : {};
    for (const [k, v] of Object.entries(keyValues)) {
      if (
        k in payload.values &&
        comparableOf(entity.attributes.get(k)!, payload.values[k]) !== comparableOf(entity.attributes.get(k)!, v)
      ) {
        throw errors.invalidArgument(
          `The value of '${k}' in the request body differs from the alternate key in the URL.`,
        );
      }
    }
    const values = { ...this.resolveWrite(entity, payload, undefined, id), ...keyValues };
    this.createDefaults(entity, values);
    const requested = [...new Set([...payload.requestedAttributes, ...Object.keys(keyValues)])];
    return { row: this.store.insert(entity.logicalName, id, values, callerId, requested), created: true };
  }

  /** `DELETE /<set>(<key>)`. */
  delete(entity: EntityMetadata, key: EntityKey, callerId: string, pre: Preconditions): void {
    const id = this.requireId(entity, key);
    checkIfMatch(pre.ifMatch, this.store.get(entity.logicalName, id)!);
    this.store.remove(entity.logicalName, id, callerId);
  }

  private collectionNav(entity: EntityMetadata, navName: string) {
    const nav = entity.navigation.get(navName);
    if (!nav) throw errors.segment(navName);
    if (nav.kind !== 'collection') {
      throw errors.query(`'${navName}' is a lookup; set it with '${navName}@odata.bind' in a PATCH instead of $ref.`);
    }
    return { nav, target: this.store.model.entities.get(nav.target)! };
  }

  private refTarget(target: EntityMetadata, url: unknown): string {
    if (typeof url !== 'string')
      throw errors.payload(target.entitySetName, 'The request body must be {"@odata.id": "<url of the related row>"}.');
    const ref = parseBindTarget(url);
    if (!ref)
      throw errors.payload(
        target.entitySetName,
        `'${url}' is not a row reference such as '${target.entitySetName}(<guid>)'.`,
      );
    if (ref.setName !== target.entitySetName) {
      throw errors.payload(
        target.entitySetName,
        `The related row must be in '${target.entitySetName}', not '${ref.setName}'.`,
      );
    }
    return this.requireId(target, ref.key);
  }

  /** `POST /<set>(<key>)/<nav>/$ref` with `{"@odata.id": ...}`. */
  associate(entity: EntityMetadata, key: EntityKey, navName: string, body: unknown): void {
    const { nav, target } = this.collectionNav(entity, navName);
    const id = this.requireId(entity, key);
    const url =
      body && typeof body === 'object' && !Array.isArray(body)
        ? (body as Record<string, unknown>)['@odata.id']
        : undefined;
    const otherId = this.refTarget(target, url);
    this.store.associate(nav.relationship, entity.logicalName, id, otherId);
  }

  /** `DELETE /<set>(<key>)/<nav>(<id>)/$ref` or `.../<nav>/$ref?$id=<url>`. Unlinked rows: nothing to do. */
  disassociate(
    entity: EntityMetadata,
    key: EntityKey,
    navName: string,
    related: { key?: EntityKey; url?: string },
  ): void {
    const { nav, target } = this.collectionNav(entity, navName);
    const id = this.requireId(entity, key);
    let otherId: string;
    if (related.key) otherId = this.requireId(target, related.key);
    else if (related.url !== undefined) otherId = this.refTarget(target, related.url);
    else
      throw errors.query(`Say which row to unlink: DELETE .../${navName}(<id>)/$ref or .../${navName}/$ref?$id=<url>.`);
    this.store.disassociate(nav.relationship, entity.logicalName, id, otherId);
  }

  /** For callers that build row JSON themselves (change notifications). */
  serialize(entity: EntityMetadata, row: StoredRow, prefs: Preferences): Record<string, unknown> {
    return serializeRow(entity, row, undefined, this.serializeContext(prefs));
  }

  /** For `@odata.context` and `$select` echo. */
  selectedProperties(entity: EntityMetadata, select: string[] | undefined): string[] | undefined {
    return this.selectAttributes(entity, select)?.map(propertyName);
  }
}

function unknownProperty(entity: EntityMetadata, p: string): never {
  throw errors.query(`Could not find a property named '${p}' on type 'Microsoft.Dynamics.CRM.${entity.logicalName}'.`);
}

function checkIfMatch(ifMatch: string | undefined, row: StoredRow): void {
  if (ifMatch === undefined || ifMatch.trim() === '*') return;
  const m = /^(?:W\/)?"(\d+)"$/.exec(ifMatch.trim());
  if (!m)
    throw new DataverseError(
      400,
      ErrorCodes.query,
      `The If-Match header '${ifMatch}' is not an ETag such as W/"12345" or *.`,
    );
  if (Number(m[1]) !== row.version) throw errors.versionMismatch();
}

/** `<cookie pagenumber="2" ... />` → 2. */
export function parseSkipToken(token: string): number {
  const m = /pagenumber="(\d{1,9})"/.exec(token);
  if (!m || Number(m[1]) < 1)
    throw errors.query(`The $skiptoken '${token}' is not a paging cookie returned by this service.`);
  return Number(m[1]);
}

export function skipTokenFor(page: number): string {
  return `<cookie pagenumber="${page}" istracking="False" />`;
}
