import { isLookup, propertyName } from '../metadata/build-model';
import type { AttributeMetadata, EntityMetadata } from '../metadata/types';
import { wantsAnnotation } from '../odata/query-options';
import type { LookupValue, StoredRow } from './store';

const FORMATTED = 'OData.Community.Display.V1.FormattedValue';
const LOOKUP_LOGICAL_NAME = 'Microsoft.Dynamics.CRM.lookuplogicalname';
const ASSOCIATED_NAV = 'Microsoft.Dynamics.CRM.associatednavigationproperty';

export interface SerializeContext {
  annotations: string[];
  /** Primary name of a referenced row, for lookup formatted values. */
  nameOf: (ref: LookupValue) => string | undefined;
  /** Currency symbol of a row's transaction currency, for money formatted values. */
  currencySymbolOf: (row: StoredRow) => string;
}

export function etagOf(row: StoredRow): string {
  return `W/"${row.version}"`;
}

/** Wire form of a stored value: multi-select as Dataverse sends it, a comma-separated string of ints. */
export function wireValue(a: AttributeMetadata, v: unknown): unknown {
  if (v === undefined || v === null) return null;
  if (isLookup(a)) return (v as LookupValue).id;
  if (a.type === 'MultiSelectPicklist') return (v as number[]).join(',');
  return v;
}

function group(n: number, decimals: number): string {
  const [int, frac] = Math.abs(n).toFixed(decimals).split('.');
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${n < 0 ? '-' : ''}${grouped}${frac !== undefined ? `.${frac}` : ''}`;
}

function formatDateTime(iso: string): string {
  const d = new Date(iso);
  const h = d.getUTCHours();
  const hh = h % 12 === 0 ? 12 : h % 12;
  const mm = String(d.getUTCMinutes()).padStart(2, '0');
  return `${d.getUTCMonth() + 1}/${d.getUTCDate()}/${d.getUTCFullYear()} ${hh}:${mm} ${h < 12 ? 'AM' : 'PM'}`;
}

/** en-US display text, as Dataverse returns it for a user with English settings and UTC time zone. */
function formattedValue(a: AttributeMetadata, v: unknown, row: StoredRow, ctx: SerializeContext): string | undefined {
  switch (a.type) {
    case 'Boolean':
    case 'Picklist':
    case 'State':
    case 'Status': {
      const key = a.type === 'Boolean' ? (v ? 1 : 0) : v;
      return a.options?.find((o) => o.value === key)?.label;
    }
    case 'MultiSelectPicklist':
      return (v as number[]).map((n) => a.options?.find((o) => o.value === n)?.label ?? String(n)).join('; ');
    case 'Money':
      return `${ctx.currencySymbolOf(row)}${group(v as number, 2)}`;
    case 'Integer':
      return group(v as number, 0);
    case 'Decimal':
      return group(v as number, 2);
    case 'DateTime': {
      if (a.dateOnly) {
        const [y, m, d] = (v as string).split('-').map(Number);
        return `${m}/${d}/${y}`;
      }
      return formatDateTime(v as string);
    }
    case 'Lookup':
    case 'Customer':
    case 'Owner':
      return ctx.nameOf(v as LookupValue);
    default:
      return undefined;
  }
}

/**
 * A row as the Web API returns it: `@odata.etag`, then the selected columns (all when no $select),
 * lookups as `_x_value`, and the annotations the `Prefer` header asked for.
 */
export function serializeRow(
  entity: EntityMetadata,
  row: StoredRow,
  select: AttributeMetadata[] | undefined,
  ctx: SerializeContext,
): Record<string, unknown> {
  const out: Record<string, unknown> = { '@odata.etag': etagOf(row) };
  const attrs = select ?? [...entity.attributes.values()];
  const wantFormatted = ctx.annotations.length > 0 && wantsAnnotation(ctx.annotations, FORMATTED);
  const wantLookupName = ctx.annotations.length > 0 && wantsAnnotation(ctx.annotations, LOOKUP_LOGICAL_NAME);
  const wantNav = ctx.annotations.length > 0 && wantsAnnotation(ctx.annotations, ASSOCIATED_NAV);
  for (const a of attrs) {
    const prop = propertyName(a);
    const v = row.values[a.logicalName];
    if (v !== undefined && v !== null) {
      if (wantFormatted) {
        const f = formattedValue(a, v, row, ctx);
        if (f !== undefined) out[`${prop}@${FORMATTED}`] = f;
      }
      if (isLookup(a)) {
        const ref = v as LookupValue;
        if (wantNav)
          out[`${prop}@${ASSOCIATED_NAV}`] =
            a.type === 'Customer' ? `${a.logicalName}_${ref.logicalName}` : a.logicalName;
        if (wantLookupName) out[`${prop}@${LOOKUP_LOGICAL_NAME}`] = ref.logicalName;
      }
    }
    out[prop] = wireValue(a, v);
  }
  if (select && !select.some((a) => a.logicalName === entity.primaryIdAttribute))
    out[entity.primaryIdAttribute] = row.id;
  return out;
}
