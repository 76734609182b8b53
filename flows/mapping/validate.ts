import { leafPaths, Referral, resolveModelPath } from '../../connector/model';
import { UserError } from '../../scripts/lib/user-error';
import type { FieldMapping } from './types';

/** What the mapping is checked against on the CRM side: does `table.column` exist? */
export interface ColumnCatalog {
  crm: 'dynamics365' | 'salesforce';
  has(table: string, column: string): boolean;
  columnsOf(table: string): string[];
}

/** Resolves `{prefix}` in a column reference. */
export function resolveColumn(ref: string, prefix: string): { table: string; column: string } {
  const [table, column] = ref.replace(/\{prefix\}/g, prefix).split('.');
  return { table, column };
}

/**
 * Checks every entry; throws a UserError (exit 2) naming the first bad entry and what is allowed.
 * Pure: the build passes in the model and the CRM's column catalogue.
 */
export function validateMapping(mapping: readonly FieldMapping[], catalogs: ColumnCatalog[], prefix: string): void {
  const keys = new Set<string>();
  for (const [i, m] of mapping.entries()) {
    const where = `field mapping entry ${i + 1} ("${m.key}")`;
    if (!/^[a-z][A-Za-z0-9]*$/.test(m.key)) throw new UserError(`${where}: key must be camelCase letters and digits.`);
    if (keys.has(m.key)) throw new UserError(`${where}: key "${m.key}" is used twice; keys must be unique.`);
    keys.add(m.key);
    const leaf = resolveModelPath(Referral, m.partnerCenter);
    if (!leaf || leaf.kind === 'ref' || leaf.kind === 'object') {
      const near = leafPaths(Referral).filter((p) => p.split('/')[0] === m.partnerCenter.split('/')[0]);
      throw new UserError(
        `${where}: Partner Center path "${m.partnerCenter}" is not a property of a referral; allowed paths include ${(near.length ? near : leafPaths(Referral).slice(0, 12)).join(', ')}.`,
      );
    }
    if (leaf.readOnly && m.direction !== 'toCrm')
      throw new UserError(
        `${where}: "${m.partnerCenter}" is read-only in Partner Center, so direction must be "toCrm".`,
      );
    for (const catalog of catalogs) {
      const ref = m[catalog.crm];
      if (ref === undefined) continue;
      const { table, column } = resolveColumn(ref, prefix);
      if (!table || !column)
        throw new UserError(`${where}: ${catalog.crm} column "${ref}" must be written as table.column.`);
      if (!catalog.has(table, column)) {
        const known = catalog.columnsOf(table);
        throw new UserError(
          known.length === 0
            ? `${where}: ${catalog.crm} table "${table}" is not in the schema.`
            : `${where}: ${catalog.crm} column "${table}.${column}" is not in the schema; columns of ${table}: ${known.join(', ')}.`,
        );
      }
    }
  }
}
