import { coalesce, empty, equals, type Expr, fn, iff, lit } from '../builder';
import type { FieldMapping, Transform } from '../mapping';

/**
 * The expressions that make a value from either side comparable (its canonical form) and turn a
 * canonical value into what each side stores. Comparing canonical values is what tells an echo of
 * our own write from a real change (docs/SYNC-DESIGN.md).
 */

/**
 * Cuts text to `max` characters: both sides are compared on what the CRM column can hold. Written
 * without if(), whose branches may both be evaluated, so short text never makes substring() fail.
 */
function bounded(text: Expr, max: number | undefined): Expr {
  if (max === undefined) return text;
  return fn('substring', text, 0, fn('min', fn('length', text), max));
}

/**
 * Canonical value of `raw`. `crmOptionValues` maps an enum's CRM option keys to their option values,
 * needed to read a CRM multi-select choice.
 */
export function canonical(
  t: Transform,
  raw: Expr,
  side: 'partnerCenter' | 'crm',
  crmOptionValues?: (key: string) => number,
): Expr {
  switch (t.kind) {
    case 'text':
      return bounded(coalesce(raw, ''), t.maxLength);
    case 'money':
      return fn('formatNumber', fn('float', coalesce(raw, 0)), 'F2', 'en-US');
    case 'date':
      return iff(empty(raw), '', fn('formatDateTime', raw, 'yyyy-MM-dd'));
    case 'boolean':
      return equals(coalesce(raw, false), true);
    case 'currencyCode':
    case 'countryCode':
      return fn('toUpper', coalesce(raw, ''));
    case 'enum': {
      if (side === 'partnerCenter') {
        // Partner Center's "no value" is Unknown (help codes); treat it like empty.
        const v = coalesce(raw, '');
        return iff(equals(v, 'Unknown'), '', v);
      }
      if (!crmOptionValues) throw new Error('A CRM choice needs its option values to be read.');
      // A multi-select choice reads as "v1,v2,…"; the first mapped value present wins, in mapping order.
      const padded = fn('concat', ',', fn('string', coalesce(raw, '')), ',');
      let out: Expr = lit('');
      for (const v of [...t.values].reverse()) {
        out = iff(fn('contains', padded, `,${crmOptionValues(v.crm)},`), v.partnerCenter, out);
      }
      return out;
    }
  }
}

/** What a JSON Patch to Partner Center sends for a canonical value. */
export function toPartnerCenter(t: Transform, c: Expr): Expr {
  switch (t.kind) {
    case 'money':
      return fn('float', c);
    case 'date':
      return iff(empty(c), null, fn('concat', c, 'T00:00:00Z'));
    case 'enum':
      return iff(empty(c), 'Unknown', c);
    default:
      return c;
  }
}

/** What a Dataverse row takes for a canonical value (lookups and choices are handled by the flow). */
export function toDataverse(t: Transform, c: Expr): Expr {
  switch (t.kind) {
    case 'money':
      return fn('float', c);
    case 'date':
      return iff(empty(c), null, c);
    default:
      return c;
  }
}

/** The canonical value of a mapped field on a referral. */
export function pcCanonical(referral: Expr, m: FieldMapping): Expr {
  return canonical(m.transform, referral.prop(...m.partnerCenter.split('/')), 'partnerCenter');
}
