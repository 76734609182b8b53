import { createHash } from 'node:crypto';

/**
 * How a custom connector in a solution is named (reference solution-format §3.10, §4.5), used by the
 * packer (`<Connector><name>`, file names) and by the flows (connection references). One function, so
 * the two can never disagree.
 *
 * logical name: `<prefix>_5F` + the display name lowercased with every character outside [a-z0-9] as
 *               `-XX` (upper-case hex), e.g. "Partner Center Referrals" → `cosell_5Fpartner-20center-20referrals`.
 * API name:     `shared_` + logical name lowercased with `_` as `-`, + `-5f` + a 16-hex suffix. The real
 *               suffix is environment-specific; ours is derived from the logical name so builds are stable,
 *               and Dataverse resolves the connector by its logical name on import.
 */
export function connectorLogicalName(prefix: string, displayName: string): string {
  const escaped = [...displayName.toLowerCase()]
    .map((ch) =>
      /[a-z0-9]/.test(ch)
        ? ch
        : [...Buffer.from(ch, 'utf8')].map((b) => `-${b.toString(16).toUpperCase().padStart(2, '0')}`).join(''),
    )
    .join('');
  return `${prefix}_5F${escaped}`;
}

export function connectorApiName(logicalName: string): string {
  const suffix = createHash('sha256').update(logicalName).digest('hex').slice(0, 16);
  return `shared_${logicalName.toLowerCase().replace(/_/g, '-')}-5f${suffix}`;
}
