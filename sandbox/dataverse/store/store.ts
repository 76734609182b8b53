import { errors } from '../errors';
import type { DataverseModel, EntityMetadata } from '../metadata/types';
import { toUtcSeconds } from './payload';

export interface LookupValue {
  id: string;
  logicalName: string;
}

export interface StoredRow {
  id: string;
  version: number;
  /** Only columns that hold a value; absent means null. Lookups as LookupValue. */
  values: Record<string, unknown>;
}

export type SdkMessage = 'Create' | 'Update' | 'Delete';

/** Emitted after a write has been committed. */
export interface ChangeEvent {
  message: SdkMessage;
  entity: EntityMetadata;
  id: string;
  /** Columns named in the request (Update: what `filteringattributes` is matched against). */
  requestedAttributes: string[];
  /** The row after the change (Delete: the row as it was). */
  row: StoredRow;
  callerId: string;
}

export type ChangeListener = (event: ChangeEvent) => void;

interface Table {
  entity: EntityMetadata;
  rows: Map<string, StoredRow>;
  /** Key name → normalized key value → row id. */
  keyIndex: Map<string, Map<string, string>>;
}

export interface Snapshot {
  format: 'cosell-dataverse-sandbox/1';
  version: number;
  tables: Record<string, [string, number, Record<string, unknown>][]>;
  links: Record<string, [string, string][]>;
}

export interface StoreOptions {
  now: () => Date;
  newId: () => string;
}

/**
 * Rows in memory, alternate-key indexes and N:N links. Callers pass values already checked by
 * `readWritePayload`; the store enforces what needs the data (key uniqueness, existing ids) and
 * checks everything before it changes anything.
 */
export class DataverseStore {
  private readonly tables = new Map<string, Table>();
  /** relationship → "entity1Id" → set of entity2 ids, and the reverse. */
  private readonly links = new Map<string, { forward: Map<string, Set<string>>; reverse: Map<string, Set<string>> }>();
  private versionCounter = 1000;
  private readonly listeners = new Set<ChangeListener>();

  constructor(
    readonly model: DataverseModel,
    private readonly options: StoreOptions,
  ) {
    for (const entity of model.entities.values()) {
      this.tables.set(entity.logicalName, {
        entity,
        rows: new Map(),
        keyIndex: new Map(entity.keys.map((k) => [k.name, new Map<string, string>()] as const)),
      });
    }
    for (const rel of model.relationships.values())
      this.links.set(rel.name, { forward: new Map(), reverse: new Map() });
  }

  onChange(listener: ChangeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  now(): string {
    return toUtcSeconds(this.options.now().getTime());
  }

  private table(entity: string): Table {
    const t = this.tables.get(entity);
    if (!t) throw new Error(`no table ${entity}`);
    return t;
  }

  get(entity: string, id: string): StoredRow | undefined {
    return this.table(entity).rows.get(id);
  }

  require(entity: string, id: string): StoredRow {
    const row = this.get(entity, id);
    if (!row) throw errors.notFound(entity, id);
    return row;
  }

  rows(entity: string): IterableIterator<StoredRow> {
    return this.table(entity).rows.values();
  }

  count(entity: string): number {
    return this.table(entity).rows.size;
  }

  /** Finds a row by alternate key values (column → value); `undefined` when no key matches the column set. */
  findByKey(
    entity: string,
    keyValues: Record<string, unknown>,
  ): { keyName: string; id: string | undefined } | undefined {
    const t = this.table(entity);
    const cols = Object.keys(keyValues).sort();
    const key = t.entity.keys.find((k) => [...k.attributes].sort().join(',') === cols.join(','));
    if (!key) return undefined;
    const normalized = keyString(key.attributes.map((a) => keyValues[a]));
    return { keyName: key.name, id: normalized === undefined ? undefined : t.keyIndex.get(key.name)?.get(normalized) };
  }

  private checkKeys(
    t: Table,
    id: string,
    values: Record<string, unknown>,
  ): [string, string | undefined, string | undefined][] {
    const changes: [string, string | undefined, string | undefined][] = [];
    const existing = t.rows.get(id);
    for (const key of t.entity.keys) {
      const before = existing ? keyString(key.attributes.map((a) => existing.values[a])) : undefined;
      const after = keyString(key.attributes.map((a) => (a in values ? values[a] : existing?.values[a])));
      if (before === after) continue;
      if (after !== undefined) {
        const owner = t.keyIndex.get(key.name)?.get(after);
        if (owner !== undefined && owner !== id) throw errors.duplicateKeyOnWrite();
      }
      changes.push([key.name, before, after]);
    }
    return changes;
  }

  private applyKeys(t: Table, id: string, changes: [string, string | undefined, string | undefined][]): void {
    for (const [name, before, after] of changes) {
      const index = t.keyIndex.get(name)!;
      if (before !== undefined) index.delete(before);
      if (after !== undefined) index.set(after, id);
    }
  }

  private nextVersion(): number {
    return ++this.versionCounter;
  }

  /** Inserts a new row; `values` must include every default the platform sets. */
  insert(
    entity: string,
    id: string,
    values: Record<string, unknown>,
    callerId: string,
    requestedAttributes: string[],
  ): StoredRow {
    const t = this.table(entity);
    if (t.rows.has(id)) throw errors.duplicateKeyOnWrite();
    const keyChanges = this.checkKeys(t, id, values);
    const now = this.now();
    const caller: LookupValue = { id: callerId, logicalName: 'systemuser' };
    const row: StoredRow = { id, version: this.nextVersion(), values: {} };
    for (const [k, v] of Object.entries(values)) if (v !== null && v !== undefined) row.values[k] = v;
    row.values[t.entity.primaryIdAttribute] = id;
    row.values.createdon = now;
    row.values.modifiedon = now;
    row.values.createdby = caller;
    row.values.modifiedby = caller;
    row.values.versionnumber = row.version;
    if (t.entity.attributes.has('ownerid') && !row.values.ownerid) row.values.ownerid = caller;
    this.applyComputed(t.entity, row);
    t.rows.set(id, row);
    this.applyKeys(t, id, keyChanges);
    this.emit({ message: 'Create', entity: t.entity, id, requestedAttributes, row, callerId });
    return row;
  }

  /** Updates a row; every call is a real update (new version, modifiedon, change event), even with no new values. */
  update(
    entity: string,
    id: string,
    values: Record<string, unknown>,
    callerId: string,
    requestedAttributes: string[],
  ): StoredRow {
    const t = this.table(entity);
    const row = this.require(entity, id);
    const keyChanges = this.checkKeys(t, id, values);
    for (const [k, v] of Object.entries(values)) {
      if (v === null || v === undefined) delete row.values[k];
      else row.values[k] = v;
    }
    row.version = this.nextVersion();
    row.values.versionnumber = row.version;
    row.values.modifiedon = this.now();
    row.values.modifiedby = { id: callerId, logicalName: 'systemuser' };
    this.applyComputed(t.entity, row);
    this.applyKeys(t, id, keyChanges);
    this.emit({ message: 'Update', entity: t.entity, id, requestedAttributes, row, callerId });
    return row;
  }

  remove(entity: string, id: string, callerId: string): StoredRow {
    const t = this.table(entity);
    const row = this.require(entity, id);
    this.applyKeys(
      t,
      id,
      t.entity.keys.map(
        (k) =>
          [k.name, keyString(k.attributes.map((a) => row.values[a])), undefined] as [
            string,
            string | undefined,
            undefined,
          ],
      ),
    );
    t.rows.delete(id);
    for (const [relName, rel] of this.model.relationships) {
      if (rel.entity1 === entity) this.dropLinks(relName, id, 'forward');
      if (rel.entity2 === entity) this.dropLinks(relName, id, 'reverse');
    }
    // Lookups that pointed at the deleted row are cleared (Dataverse's "remove link" cascade).
    for (const other of this.tables.values()) {
      for (const [attrName, attr] of other.entity.attributes) {
        if (!attr.targets?.includes(entity) || attr.system) continue;
        for (const r of other.rows.values()) {
          const v = r.values[attrName] as LookupValue | undefined;
          if (v && v.id === id && v.logicalName === entity) delete r.values[attrName];
        }
      }
    }
    this.emit({ message: 'Delete', entity: t.entity, id, requestedAttributes: [], row, callerId });
    return row;
  }

  private dropLinks(relName: string, id: string, side: 'forward' | 'reverse'): void {
    const l = this.links.get(relName)!;
    const mine = side === 'forward' ? l.forward : l.reverse;
    const theirs = side === 'forward' ? l.reverse : l.forward;
    for (const other of mine.get(id) ?? []) theirs.get(other)?.delete(id);
    mine.delete(id);
  }

  private orient(relName: string, entity: string, id: string, otherId: string): [string, string] {
    const rel = this.model.relationships.get(relName)!;
    return rel.entity1 === entity ? [id, otherId] : [otherId, id];
  }

  associate(relName: string, entity: string, id: string, otherId: string): void {
    const [a, b] = this.orient(relName, entity, id, otherId);
    const l = this.links.get(relName)!;
    if (l.forward.get(a)?.has(b)) throw errors.duplicateLink();
    if (!l.forward.has(a)) l.forward.set(a, new Set());
    if (!l.reverse.has(b)) l.reverse.set(b, new Set());
    l.forward.get(a)!.add(b);
    l.reverse.get(b)!.add(a);
  }

  /** Returns false when the rows were not linked. */
  disassociate(relName: string, entity: string, id: string, otherId: string): boolean {
    const [a, b] = this.orient(relName, entity, id, otherId);
    const l = this.links.get(relName)!;
    if (!l.forward.get(a)?.has(b)) return false;
    l.forward.get(a)!.delete(b);
    l.reverse.get(b)?.delete(a);
    return true;
  }

  related(relName: string, entity: string, id: string): string[] {
    const rel = this.model.relationships.get(relName)!;
    const l = this.links.get(relName)!;
    const set = rel.entity1 === entity ? l.forward.get(id) : l.reverse.get(id);
    return set ? [...set] : [];
  }

  private applyComputed(entity: EntityMetadata, row: StoredRow): void {
    const fullname = entity.attributes.get('fullname');
    if (fullname?.computed) {
      const name = [row.values.firstname, row.values.lastname]
        .filter((v) => typeof v === 'string' && v !== '')
        .join(' ');
      if (name) row.values.fullname = name;
      else delete row.values.fullname;
    }
  }

  private emit(event: ChangeEvent): void {
    for (const l of this.listeners) {
      try {
        l(event);
      } catch {
        // A failing subscriber must never undo or fail a committed write.
      }
    }
  }

  snapshot(): Snapshot {
    const tables: Snapshot['tables'] = {};
    for (const [name, t] of this.tables) tables[name] = [...t.rows.values()].map((r) => [r.id, r.version, r.values]);
    const links: Snapshot['links'] = {};
    for (const [name, l] of this.links)
      links[name] = [...l.forward].flatMap(([a, bs]) => [...bs].map((b) => [a, b] as [string, string]));
    return { format: 'cosell-dataverse-sandbox/1', version: this.versionCounter, tables, links };
  }

  /** Replaces all data with a snapshot (the caller has checked its shape). */
  restore(s: Snapshot): void {
    for (const t of this.tables.values()) {
      t.rows.clear();
      for (const idx of t.keyIndex.values()) idx.clear();
    }
    for (const l of this.links.values()) {
      l.forward.clear();
      l.reverse.clear();
    }
    for (const [name, rows] of Object.entries(s.tables)) {
      const t = this.tables.get(name);
      if (!t) continue;
      for (const [id, version, values] of rows) {
        t.rows.set(id, { id, version, values });
        for (const key of t.entity.keys) {
          const k = keyString(key.attributes.map((a) => values[a]));
          if (k !== undefined) t.keyIndex.get(key.name)!.set(k, id);
        }
      }
    }
    for (const [rel, pairs] of Object.entries(s.links)) {
      const l = this.links.get(rel);
      if (!l) continue;
      for (const [a, b] of pairs) {
        if (!l.forward.has(a)) l.forward.set(a, new Set());
        if (!l.reverse.has(b)) l.reverse.set(b, new Set());
        l.forward.get(a)!.add(b);
        l.reverse.get(b)!.add(a);
      }
    }
    this.versionCounter = s.version;
  }
}

/** Key values as one index string; case-insensitive like SQL Server. A key with a null part is not indexed. */
function keyString(values: unknown[]): string | undefined {
  if (values.some((v) => v === undefined || v === null)) return undefined;
  return values
    .map((v) => {
      if (typeof v === 'string') return v.toLowerCase();
      if (typeof v === 'object') return (v as LookupValue).id;
      return String(v);
    })
    .join('\u0000');
}
