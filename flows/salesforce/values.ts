import { coalesce, empty, equals, type Expr, fn, iff, lit } from '../builder';
import type { FieldMapping, Transform } from '../mapping';
import { canonical } from '../sync/values';

export { pcCanonical } from '../sync/values';

/**
 * Canonical values of Salesforce fields and what Salesforce takes for a canonical value. A multi-select
 * picklist reads as "A;B" with the API values; everything else shares the Dynamics 365 forms.
 */
export function sfCanonical(t: Transform, raw: Expr): Expr {
  if (t.kind !== 'enum') return canonical(t, raw, 'crm', () => 0);
  const padded = fn('concat', ';', fn('string', coalesce(raw, '')), ';');
  let out: Expr = lit('');
  for (const v of [...t.values].reverse()) out = iff(fn('contains', padded, `;${v.crm};`), v.partnerCenter, out);
  return out;
}

export function sfValue(record: Expr, m: FieldMapping, field: string): Expr {
  return sfCanonical(m.transform, record.prop(field));
}

/** What a Salesforce field takes for a canonical value: numbers for money, null for an empty date or text. */
export function toSalesforce(t: Transform, c: Expr): Expr {
  switch (t.kind) {
    case 'money':
      return fn('float', c);
    case 'date':
    case 'text':
    case 'currencyCode':
    case 'countryCode':
      return iff(empty(c), null, c);
    case 'boolean':
      return equals(c, true);
    case 'enum':
      return iff(empty(c), null, c);
  }
}
