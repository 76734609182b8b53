import { errors } from '../errors';
import { attributeByProperty } from '../metadata/build-model';
import type { AttributeMetadata, EntityMetadata } from '../metadata/types';
import type { ComparisonOperator, FilterExpression, Literal, Operand } from './filter-ast';

/** Column values of a row as the store keeps them (lookups as `{ id, logicalName }`). */
export type RowValues = Readonly<Record<string, unknown>>;
/** Three-valued result, as SQL evaluates it: `null` is "unknown" and excludes the row. */
type Truth = boolean | null;
type Evaluator = (row: RowValues) => Truth;
type ValueGetter = (row: RowValues) => Comparable;
type Comparable = string | number | boolean | null;
type Family = 'string' | 'number' | 'boolean' | 'datetime' | 'date' | 'guid' | 'multiselect';

const OPERATOR_KIND: Record<ComparisonOperator, string> = {
  eq: 'Equal',
  ne: 'NotEqual',
  gt: 'GreaterThan',
  ge: 'GreaterThanOrEqual',
  lt: 'LessThan',
  le: 'LessThanOrEqual',
};

function family(a: AttributeMetadata): Family {
  switch (a.type) {
    case 'String':
    case 'Memo':
      return 'string';
    case 'Boolean':
      return 'boolean';
    case 'DateTime':
      return a.dateOnly ? 'date' : 'datetime';
    case 'Uniqueidentifier':
    case 'Lookup':
    case 'Customer':
    case 'Owner':
      return 'guid';
    case 'MultiSelectPicklist':
      return 'multiselect';
    default:
      return 'number';
  }
}

function edmType(a: AttributeMetadata): string {
  switch (a.type) {
    case 'String':
    case 'Memo':
    case 'MultiSelectPicklist':
      return 'Edm.String';
    case 'Boolean':
      return 'Edm.Boolean';
    case 'DateTime':
      return a.dateOnly ? 'Edm.Date' : 'Edm.DateTimeOffset';
    case 'Uniqueidentifier':
    case 'Lookup':
    case 'Customer':
    case 'Owner':
      return 'Edm.Guid';
    case 'Decimal':
    case 'Money':
      return 'Edm.Decimal';
    case 'BigInt':
      return 'Edm.Int64';
    default:
      return 'Edm.Int32';
  }
}

function literalEdm(l: Literal): string {
  switch (l.type) {
    case 'string':
      return 'Edm.String';
    case 'number':
      return /[.eE]/.test(l.raw) ? 'Edm.Decimal' : 'Edm.Int32';
    case 'boolean':
      return 'Edm.Boolean';
    case 'guid':
      return 'Edm.Guid';
    case 'datetime':
      return 'Edm.DateTimeOffset';
    case 'date':
      return 'Edm.Date';
    case 'null':
      return '<null>';
  }
}

/** Normalizes a stored value into something ordered the way Dataverse (SQL Server, case-insensitive) orders it. */
export function comparableOf(a: AttributeMetadata, raw: unknown): Comparable {
  if (raw === undefined || raw === null) return null;
  switch (family(a)) {
    case 'string':
      return (raw as string).toLowerCase();
    case 'guid':
      return typeof raw === 'object' ? (raw as { id: string }).id : (raw as string).toLowerCase();
    case 'datetime':
      return Date.parse(raw as string);
    case 'multiselect':
      return (raw as number[]).join(',');
    default:
      return raw as string | number | boolean;
  }
}

function unknownProperty(entity: EntityMetadata, name: string): never {
  throw errors.query(
    `Could not find a property named '${name}' on type 'Microsoft.Dynamics.CRM.${entity.logicalName}'.`,
  );
}

function attributeOf(entity: EntityMetadata, name: string): AttributeMetadata {
  return attributeByProperty(entity, name) ?? unknownProperty(entity, name);
}

function storageKey(a: AttributeMetadata): string {
  return a.logicalName;
}

/** Converts a literal for comparison with column `a`, or fails with OData's incompatible-types message. */
function literalFor(a: AttributeMetadata, l: Literal, op: ComparisonOperator): Comparable {
  const incompatible = (): never => {
    throw errors.query(
      `A binary operator with incompatible types was detected. Found operand types '${edmType(a)}' and '${literalEdm(l)}' for operator kind '${OPERATOR_KIND[op]}'.`,
    );
  };
  if (l.type === 'null') return null;
  switch (family(a)) {
    case 'string':
      return l.type === 'string' ? l.value.toLowerCase() : incompatible();
    case 'number':
      if (l.type !== 'number') return incompatible();
      if (
        (a.type === 'Integer' || a.type === 'Picklist' || a.type === 'State' || a.type === 'Status') &&
        !Number.isInteger(l.value)
      )
        return incompatible();
      return l.value;
    case 'boolean':
      return l.type === 'boolean' ? l.value : incompatible();
    case 'guid':
      return l.type === 'guid' ? l.value : incompatible();
    case 'datetime':
      if (l.type === 'datetime') return Date.parse(l.value);
      if (l.type === 'date') return Date.parse(`${l.value}T00:00:00Z`);
      return incompatible();
    case 'date':
      if (l.type === 'date') return l.value;
      if (l.type === 'datetime') return l.value.slice(0, 10);
      return incompatible();
    case 'multiselect':
      if (l.type !== 'string') return incompatible();
      return normalizeMultiSelect(l.value, a);
  }
}

function normalizeMultiSelect(text: string, a: AttributeMetadata): string {
  if (text.trim() === '') return '';
  const values = text.split(',').map((s) => Number(s.trim()));
  if (values.some((v) => !Number.isInteger(v)))
    throw errors.query(`'${text}' is not a comma-separated list of choice values for '${a.logicalName}'.`);
  return [...new Set(values)].sort((x, y) => x - y).join(',');
}

/** Both sides non-null (nulls are settled by the callers). */
function compareValues(op: ComparisonOperator, x: Exclude<Comparable, null>, y: Exclude<Comparable, null>): boolean {
  switch (op) {
    case 'eq':
      return x === y;
    case 'ne':
      return x !== y;
    case 'gt':
      return x > y;
    case 'ge':
      return x >= y;
    case 'lt':
      return x < y;
    case 'le':
      return x <= y;
  }
}

function getter(entity: EntityMetadata, name: string): { attr: AttributeMetadata; get: ValueGetter } {
  const attr = attributeOf(entity, name);
  const key = storageKey(attr);
  return { attr, get: (row) => comparableOf(attr, row[key]) };
}

function compileCompare(entity: EntityMetadata, op: ComparisonOperator, left: Operand, right: Operand): Evaluator {
  if (left.kind === 'literal' && right.kind === 'literal') {
    throw errors.query(
      `A comparison in $filter must name a column: '${literalEdm(left)} ${op} ${literalEdm(right)}' compares two literals.`,
    );
  }
  // Normalize to column-on-the-left; flipping the operator keeps the meaning.
  if (left.kind === 'literal') {
    const flipped: Record<ComparisonOperator, ComparisonOperator> = {
      eq: 'eq',
      ne: 'ne',
      gt: 'lt',
      ge: 'le',
      lt: 'gt',
      le: 'ge',
    };
    return compileCompare(entity, flipped[op], right, left);
  }
  const { attr, get } = getter(entity, left.name);
  const fam = family(attr);
  if ((fam === 'boolean' || fam === 'guid' || fam === 'multiselect') && op !== 'eq' && op !== 'ne') {
    throw errors.query(
      `The operator '${op}' is not supported for the column '${left.name}' of type '${edmType(attr)}'.`,
    );
  }
  if (right.kind === 'property') {
    const other = getter(entity, right.name);
    if (family(other.attr) !== fam)
      throw errors.query(
        `A binary operator with incompatible types was detected. Found operand types '${edmType(attr)}' and '${edmType(other.attr)}' for operator kind '${OPERATOR_KIND[op]}'.`,
      );
    return (row) => {
      const x = get(row);
      const y = other.get(row);
      // Column-to-column comparisons with a null side are unknown, whatever the operator.
      return x === null || y === null ? null : compareValues(op, x, y);
    };
  }
  const lit = literalFor(attr, right, op);
  if (lit === null) {
    if (op === 'eq') return (row) => get(row) === null;
    if (op === 'ne') return (row) => get(row) !== null;
    throw errors.query(`The operator '${op}' cannot compare '${left.name}' with null.`);
  }
  return (row) => {
    const x = get(row);
    return x === null ? null : compareValues(op, x, lit);
  };
}

function compileNode(entity: EntityMetadata, e: FilterExpression): Evaluator {
  switch (e.kind) {
    case 'and': {
      const l = compileNode(entity, e.left);
      const r = compileNode(entity, e.right);
      return (row) => {
        const a = l(row);
        if (a === false) return false;
        const b = r(row);
        if (b === false) return false;
        return a === null || b === null ? null : true;
      };
    }
    case 'or': {
      const l = compileNode(entity, e.left);
      const r = compileNode(entity, e.right);
      return (row) => {
        const a = l(row);
        if (a === true) return true;
        const b = r(row);
        if (b === true) return true;
        return a === null || b === null ? null : false;
      };
    }
    case 'not': {
      const inner = compileNode(entity, e.operand);
      return (row) => {
        const v = inner(row);
        return v === null ? null : !v;
      };
    }
    case 'compare':
      return compileCompare(entity, e.op, e.left, e.right);
    case 'stringFunction': {
      const { attr, get } = getter(entity, e.property.name);
      if (family(attr) !== 'string')
        throw errors.query(
          `The function '${e.name}' needs a text column; '${e.property.name}' is of type '${edmType(attr)}'.`,
        );
      if (e.value.type !== 'string')
        throw errors.query(`The function '${e.name}' needs a text literal in quotes as its second argument.`);
      const needle = e.value.value.toLowerCase();
      const test =
        e.name === 'contains'
          ? (s: string) => s.includes(needle)
          : e.name === 'startswith'
            ? (s: string) => s.startsWith(needle)
            : (s: string) => s.endsWith(needle);
      return (row) => {
        const v = get(row);
        return v === null ? null : test(v as string);
      };
    }
    case 'crmFunction': {
      const attr = attributeOf(entity, e.property);
      const key = storageKey(attr);
      if (e.name === 'ContainValues' || e.name === 'DoesNotContainValues') {
        if (attr.type !== 'MultiSelectPicklist')
          throw errors.query(
            `Microsoft.Dynamics.CRM.${e.name} needs a multi-select choice column; '${e.property}' is not one.`,
          );
        const wanted = e.values.map((v) => {
          const n = Number(v);
          if (!Number.isInteger(n)) throw errors.query(`'${v}' is not a choice value for '${e.property}'.`);
          return n;
        });
        const contains = e.name === 'ContainValues';
        return (row) => {
          const have = (row[key] as number[] | undefined) ?? [];
          const any = wanted.some((w) => have.includes(w));
          return contains ? any : !any;
        };
      }
      const values = e.values.map((v) => literalFor(attr, literalFromText(attr, v), 'eq'));
      const isIn = e.name === 'In';
      return (row) => {
        const v = comparableOf(attr, row[key]);
        if (v === null) return null;
        return isIn ? values.includes(v) : !values.includes(v);
      };
    }
  }
}

function literalFromText(a: AttributeMetadata, text: string): Literal {
  switch (family(a)) {
    case 'number': {
      const n = Number(text);
      if (text.trim() === '' || Number.isNaN(n))
        throw errors.query(`'${text}' is not a number for '${a.logicalName}'.`);
      return { kind: 'literal', type: 'number', value: n, raw: text };
    }
    case 'boolean':
      return { kind: 'literal', type: 'boolean', value: text === 'true' || text === '1' };
    case 'guid':
      return { kind: 'literal', type: 'guid', value: text.toLowerCase() };
    case 'datetime':
      return { kind: 'literal', type: 'datetime', value: text };
    case 'date':
      return { kind: 'literal', type: 'date', value: text };
    default:
      return { kind: 'literal', type: 'string', value: text };
  }
}

/** Binds a parsed filter to a table: unknown columns and type mismatches fail here, before any row is read. */
export function compileFilter(entity: EntityMetadata, e: FilterExpression): (row: RowValues) => boolean {
  const evaluate = compileNode(entity, e);
  return (row) => evaluate(row) === true;
}
