import { DATAVERSE_MULTILINE_MAX_CHARS, DEFAULT_AUDIT_MAX_CHARS, MIN_AUDIT_MAX_CHARS } from './entry';
import { formatAuditEntry, type NewAuditEntry } from './format';

/**
 * The bounding rule: keep the newest whole lines that fit in `maxChars` characters, drop the
 * oldest. Lines are separated by "\n" and writers append at the end, so this keeps the longest
 * suffix of whole lines whose length (separators included) is at most `maxChars`. A value that
 * already fits is returned unchanged. Equivalent in a flow expression: take the last `maxChars`
 * characters; unless the character just before the cut is "\n", drop everything up to and
 * including the first "\n" of what was taken.
 */
export function boundAuditValue(value: string, maxChars: number = DEFAULT_AUDIT_MAX_CHARS): string {
  checkBound(maxChars);
  if (value.length <= maxChars) return value;
  const start = value.length - maxChars;
  const tail = value.slice(start);
  if (value[start - 1] === '\n') return tail;
  const firstBreak = tail.indexOf('\n');
  return firstBreak < 0 ? '' : tail.slice(firstBreak + 1);
}

/**
 * The new Audit value after appending one entry: the entry is formatted (format.ts), added as
 * the last line, and the result bounded. Trailing line breaks of the old value are not kept, so
 * appending never creates empty lines.
 */
export function appendAuditEntry(
  existing: string | null | undefined,
  entry: NewAuditEntry,
  maxChars: number = DEFAULT_AUDIT_MAX_CHARS,
): string {
  checkBound(maxChars);
  const line = formatAuditEntry(entry);
  const before = (existing ?? '').replace(/\n+$/, '');
  return boundAuditValue(before === '' ? line : `${before}\n${line}`, maxChars);
}

/** A bound outside [MIN_AUDIT_MAX_CHARS, DATAVERSE_MULTILINE_MAX_CHARS] is a configuration bug. */
export function checkBound(maxChars: number): void {
  if (!Number.isInteger(maxChars) || maxChars < MIN_AUDIT_MAX_CHARS || maxChars > DATAVERSE_MULTILINE_MAX_CHARS)
    throw new RangeError(
      `Audit bound must be a whole number of characters from ${MIN_AUDIT_MAX_CHARS} to ${DATAVERSE_MULTILINE_MAX_CHARS} (got ${maxChars}).`,
    );
}
