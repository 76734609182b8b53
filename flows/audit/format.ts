import {
  AUDIT_FORMAT_VERSION,
  AUDIT_LIMITS,
  isAuditDirection,
  isAuditResult,
  isUtcIsoTime,
  type AuditEntry,
} from './entry';

/** Input for a new entry; `v` is filled in. */
export type NewAuditEntry = Omit<AuditEntry, 'v'>;

/**
 * One entry as one line of JSON, keys in a fixed order, no line breaks (JSON escapes them), so
 * the same entry always gives the same bytes. Throws when the entry breaks the format: a writer
 * producing such an entry is a bug and must not write it. A too long `message` is shortened
 * (with "…") rather than rejected, because error texts come from services we don't control.
 */
export function formatAuditEntry(entry: NewAuditEntry): string {
  const problem = findProblem(entry);
  if (problem) throw new Error(`Invalid audit entry: ${problem}.`);
  const ordered: Record<string, unknown> = {
    v: AUDIT_FORMAT_VERSION,
    time: entry.time,
    direction: entry.direction,
    operation: entry.operation,
    result: entry.result,
  };
  if (entry.changedFields && entry.changedFields.length > 0) ordered.changedFields = [...entry.changedFields];
  if (entry.message !== undefined && entry.message !== '')
    ordered.message = shorten(entry.message, AUDIT_LIMITS.message);
  if (entry.flowRunUrl) ordered.flowRunUrl = entry.flowRunUrl;
  if (entry.referralId) ordered.referralId = entry.referralId;
  return JSON.stringify(ordered);
}

/** Cuts text to at most `max` characters, marking the cut with "…"; never splits a surrogate pair. */
export function shorten(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = max - 1;
  const code = text.charCodeAt(cut - 1);
  if (code >= 0xd800 && code <= 0xdbff) cut--;
  return text.slice(0, cut) + '…';
}

function findProblem(entry: NewAuditEntry): string | undefined {
  if (!isUtcIsoTime(entry.time))
    return `time must be a UTC ISO 8601 timestamp ending in Z (got ${JSON.stringify(entry.time)})`;
  if (!isAuditDirection(entry.direction)) return `unknown direction ${JSON.stringify(entry.direction)}`;
  if (!isAuditResult(entry.result)) return `unknown result ${JSON.stringify(entry.result)}`;
  if (
    typeof entry.operation !== 'string' ||
    entry.operation.trim() === '' ||
    entry.operation.length > AUDIT_LIMITS.operation
  )
    return `operation must be non-empty text of at most ${AUDIT_LIMITS.operation} characters`;
  if (
    entry.referralId !== undefined &&
    (typeof entry.referralId !== 'string' || entry.referralId.length > AUDIT_LIMITS.referralId)
  )
    return `referralId must be text of at most ${AUDIT_LIMITS.referralId} characters`;
  if (
    entry.flowRunUrl !== undefined &&
    (typeof entry.flowRunUrl !== 'string' || entry.flowRunUrl.length > AUDIT_LIMITS.flowRunUrl)
  )
    return `flowRunUrl must be text of at most ${AUDIT_LIMITS.flowRunUrl} characters`;
  if (entry.message !== undefined && typeof entry.message !== 'string') return 'message must be text';
  if (entry.changedFields !== undefined) {
    if (!Array.isArray(entry.changedFields) || entry.changedFields.length > AUDIT_LIMITS.changedFields)
      return `changedFields must be a list of at most ${AUDIT_LIMITS.changedFields} names`;
    if (entry.changedFields.some((f) => typeof f !== 'string' || f === '' || f.length > AUDIT_LIMITS.changedField))
      return `each changed field must be a non-empty name of at most ${AUDIT_LIMITS.changedField} characters`;
  }
  return undefined;
}
