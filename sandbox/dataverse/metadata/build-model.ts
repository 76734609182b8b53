import type { ResolvedColumn, ResolvedSchema } from '../../../solution/schema/types';
import { ACTIVE_INACTIVE, auditColumns, col } from './attributes';
import { SYSTEM_TABLES, type TableDefinition } from './system-tables';
import type { AttributeMetadata, DataverseModel, EntityMetadata, NavigationProperty } from './types';

function fromSchemaColumn(c: ResolvedColumn): AttributeMetadata {
  const options = c.options?.map((o) => ({ value: o.value, label: o.label[1033] }));
  switch (c.type) {
    case 'Boolean':
      return { ...col.bool(c.logicalName, c.defaultValue === true) };
    case 'String':
      return col.text(c.logicalName, c.maxLength ?? 100);
    case 'Memo':
      return col.memo(c.logicalName, c.maxLength ?? 2000);
    case 'Picklist':
      return col.picklist(
        c.logicalName,
        options ?? [],
        typeof c.defaultValue === 'number' ? c.defaultValue : undefined,
      );
    case 'MultiSelectPicklist':
      return { logicalName: c.logicalName, type: 'MultiSelectPicklist', options: options ?? [] };
    case 'DateTime':
      return c.format === 'date' ? col.date(c.logicalName) : col.dateTime(c.logicalName);
  }
}

function navigationFor(attrs: Iterable<AttributeMetadata>): Map<string, NavigationProperty> {
  const nav = new Map<string, NavigationProperty>();
  for (const a of attrs) {
    if (a.type === 'Customer') {
      for (const t of a.targets ?? [])
        nav.set(`${a.logicalName}_${t}`, {
          kind: 'single',
          name: `${a.logicalName}_${t}`,
          attribute: a.logicalName,
          target: t,
        });
    } else if (a.type === 'Lookup' || a.type === 'Owner') {
      const target = (a.targets ?? [])[0];
      if (target) nav.set(a.logicalName, { kind: 'single', name: a.logicalName, attribute: a.logicalName, target });
    }
  }
  return nav;
}

function toEntity(t: TableDefinition): EntityMetadata {
  const attributes = new Map(t.attributes.map((a) => [a.logicalName, a] as const));
  return {
    logicalName: t.logicalName,
    schemaName: t.schemaName,
    entitySetName: t.entitySetName,
    primaryIdAttribute: t.primaryIdAttribute,
    primaryNameAttribute: t.primaryNameAttribute,
    attributes,
    keys: [],
    navigation: navigationFor(attributes.values()),
    ...(t.stateNames ? { stateNames: new Map(Object.entries(t.stateNames).map(([k, v]) => [Number(k), v])) } : {}),
    ...(t.defaultStatusByState
      ? { defaultStatusByState: new Map(Object.entries(t.defaultStatusByState).map(([k, v]) => [Number(k), v])) }
      : {}),
  };
}

/**
 * The local Dataverse's metadata: the system tables plus everything the solution schema adds
 * (opportunity columns, custom tables, alternate keys, N:N relationships).
 */
export function buildModel(schema: ResolvedSchema): DataverseModel {
  const tables: TableDefinition[] = SYSTEM_TABLES.map((t) =>
    t.logicalName === 'opportunity'
      ? { ...t, attributes: [...t.attributes, ...schema.opportunity.columns.map(fromSchemaColumn)] }
      : t,
  );
  for (const custom of schema.tables) {
    tables.push({
      logicalName: custom.logicalName,
      schemaName: custom.schemaName,
      entitySetName: custom.entitySetName,
      primaryIdAttribute: custom.primaryIdAttribute,
      primaryNameAttribute: custom.primaryNameAttribute,
      attributes: [
        col.id(custom.primaryIdAttribute),
        ...custom.columns.map(fromSchemaColumn),
        col.state(ACTIVE_INACTIVE.state),
        col.status(ACTIVE_INACTIVE.status),
        ...auditColumns(true),
      ],
      stateNames: { 0: 'Active', 1: 'Inactive' },
      defaultStatusByState: { 0: 1, 1: 2 },
    });
  }
  const entities = new Map(tables.map((t) => [t.logicalName, toEntity(t)] as const));
  for (const key of schema.alternateKeys) {
    entities.get(key.entityLogicalName)?.keys.push({ name: key.logicalName, attributes: [...key.keyAttributes] });
  }
  const relationships: DataverseModel['relationships'] = new Map();
  for (const r of schema.manyToManyRelationships) {
    relationships.set(r.schemaName, {
      name: r.schemaName,
      entity1: r.entity1LogicalName,
      entity2: r.entity2LogicalName,
    });
    entities.get(r.entity1LogicalName)?.navigation.set(r.entity1NavigationPropertyName, {
      kind: 'collection',
      name: r.entity1NavigationPropertyName,
      relationship: r.schemaName,
      target: r.entity2LogicalName,
    });
    entities.get(r.entity2LogicalName)?.navigation.set(r.entity2NavigationPropertyName, {
      kind: 'collection',
      name: r.entity2NavigationPropertyName,
      relationship: r.schemaName,
      target: r.entity1LogicalName,
    });
  }
  const bySetName = new Map([...entities.values()].map((e) => [e.entitySetName, e] as const));
  return { entities, bySetName, relationships };
}

/** `_parentaccountid_value` for lookup-like attributes, the logical name otherwise. */
export function propertyName(a: AttributeMetadata): string {
  return a.type === 'Lookup' || a.type === 'Customer' || a.type === 'Owner' ? `_${a.logicalName}_value` : a.logicalName;
}

export function isLookup(a: AttributeMetadata): boolean {
  return a.type === 'Lookup' || a.type === 'Customer' || a.type === 'Owner';
}

/** Property name (as in $select/$filter/JSON) → attribute. */
export function attributeByProperty(entity: EntityMetadata, property: string): AttributeMetadata | undefined {
  const m = /^_(.+)_value$/.exec(property);
  if (m) {
    const a = entity.attributes.get(m[1]);
    return a && isLookup(a) ? a : undefined;
  }
  const a = entity.attributes.get(property);
  return a && !isLookup(a) ? a : undefined;
}
