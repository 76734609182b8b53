import { type Expr, fn } from '../builder';
import type { FieldMapping } from '../mapping';
import { canonical } from '../sync/values';

export { pcCanonical } from '../sync/values';
import { type D365SyncContext, env } from './context';

/** Reading mapped values from a Dataverse row or a referral, in canonical form. */

/** The row's raw value for a mapped field (lookups read through their expanded record). */
export function crmRaw(ctx: D365SyncContext, row: Expr, m: FieldMapping, column: string): Expr {
  const col = m.dynamics365Setting ? row.key(env(ctx.env[m.dynamics365Setting])) : row.prop(column);
  return m.transform.kind === 'currencyCode' ? col.prop('isocurrencycode') : col;
}

export function crmCanonical(ctx: D365SyncContext, row: Expr, m: FieldMapping, column: string): Expr {
  return canonical(m.transform, crmRaw(ctx, row, m, column), 'crm', (code) => ctx.helpOptionValue(code));
}

/** `$expand` for the currency lookup, so its ISO code comes with the row. */
export function currencyExpand(ctx: D365SyncContext): Expr {
  return fn('concat', env(ctx.env.dealCurrencyColumn), '($select=isocurrencycode)');
}
