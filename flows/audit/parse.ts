import { AUDIT_LIMITS, isUtcIsoTime, type AuditLine, type ParsedAuditEntry } from './entry';

/**
 * Reads an Audit value into lines, in file order (oldest first). Never throws: a line that is not
 * a valid entry becomes a plain line with its text; empty lines are skipped; null or undefined
 * give no lines. "\r\n" endings are accepted.
 */
export function parseAuditValue(value: string | null | undefined): AuditLine[] {
  if (typeof value !== 'string' || value === '') return [];
  const lines: AuditLine[] = [];
  const raw = value.split('\n');
  for (let index = 0; index < raw.length; index++) {
    const text = raw[index].replace(/\r$/, '');
    if (text.trim() === '') continue;
    const entry = parseAuditLine(text);
    lines.push(entry ? { kind: 'entry', index, entry } : { kind: 'plain', index, text });
  }
  return lines;
}

/** Newest first, for display: writers append, so the reverse of the file order. */
export function newestFirst(lines: readonly AuditLine[]): AuditLine[] {
  return [...lines].reverse();
}

const OPTIONAL_TEXT = ['message', 'flowRunUrl', 'referralId'] as const;

/** One line as an entry, or undefined when the line is not in our format. Never throws. */
export function parseAuditLine(line: string): ParsedAuditEntry | undefined {
  const trimmed = line.trim();
  // Cheap rejection before JSON.parse: every entry is a JSON object.
  if (!trimmed.startsWith('{') || !trimmed.endsWith('}')) return undefined;
  let data: unknown;
  try {
    data = JSON.parse(trimmed);
  } catch {
    return undefined;
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) return undefined;
  const o = data as Record<string, unknown>;
  // Number.isInteger is false for anything but a number.
  if (!Number.isInteger(o.v) || (o.v as number) < 1) return undefined;
  if (!isUtcIsoTime(o.time)) return undefined;
  if (
    !isShortText(o.direction, 64) ||
    !isShortText(o.result, 64) ||
    !isShortText(o.operation, AUDIT_LIMITS.operation * 4)
  )
    return undefined;
  const entry: ParsedAuditEntry = {
    v: o.v as number,
    time: o.time,
    direction: o.direction,
    operation: o.operation,
    result: o.result,
    changedFields: Array.isArray(o.changedFields)
      ? o.changedFields.filter((f): f is string => typeof f === 'string' && f !== '')
      : [],
  };
  // A loop rather than three ifs: this parser is in the Audit trail's bundle, which has a 10 KB budget.
  for (const k of OPTIONAL_TEXT) {
    const text = o[k];
    if (typeof text === 'string' && text !== '') entry[k] = text;
  }
  return entry;
}

function isShortText(value: unknown, max: number): value is string {
  return typeof value === 'string' && value.trim() !== '' && value.length <= max;
}

/**
 * The newest entry matching `predicate`, reading from the end of the value and parsing only the
 * lines it needs (the Sync toggle looks up the latest failure in a value of up to 1 MB on every
 * update). Never throws.
 */
export function findNewestEntry(
  value: string | null | undefined,
  predicate: (entry: ParsedAuditEntry) => boolean,
): ParsedAuditEntry | undefined {
  if (typeof value !== 'string' || value === '') return undefined;
  let end = value.length;
  while (end > 0) {
    const start = value.lastIndexOf('\n', end - 1) + 1;
    const entry = parseAuditLine(value.slice(start, end).replace(/\r$/, ''));
    if (entry && predicate(entry)) return entry;
    end = start - 1;
  }
  return undefined;
}
