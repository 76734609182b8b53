import { guidFromName } from '../../scripts/lib/guid';

/**
 * How a custom connector in a solution is named (reference solution-format §3.10, §4.5). The packer
 * (`<Connector><name>`, file names, connection references) and the flows (connection references) both
 * use these, so they can never disagree.
 */

/**
 * Connector logical name: `<prefix>_5F` + the lowercased display name with every character other than
 * a–z/0–9 written as `-XX` (uppercase hex of each UTF-8 byte): "Kursy walut NBP" with prefix cre80 →
 * `cre80_5Fkursy-20walut-20nbp`.
 */
export function connectorLogicalName(prefix: string, displayName: string): string {
  let out = '';
  for (const byte of Buffer.from(displayName.toLowerCase(), 'utf8')) {
    const ch = String.fromCharCode(byte);
    out += /[a-z0-9]/.test(ch) ? ch : `-${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return `${prefix}_5F${out}`;
}

/**
 * The API name a flow and a connection reference use: `shared_` + the logical name lowercased with `_`
 * as `-`, then `-5f` + a 16-hex suffix. The real suffix is assigned per environment; ours is derived
 * from the name (docs/DECISIONS.md) and Dataverse resolves the connector by `api.logicalName`.
 */
export function customConnectorApiName(logicalName: string): string {
  const suffix = guidFromName(`connector-api:${logicalName}`).replace(/-/g, '').slice(0, 16);
  return `shared_${logicalName.toLowerCase().replace(/_/g, '-')}-5f${suffix}`;
}
