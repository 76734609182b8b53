/**
 * The audit entry format of the Audit column (multiline text on the opportunity).
 *
 * The value is a sequence of lines separated by "\n". Each line the sync writes is one JSON object
 * (an `AuditEntry`); writers append at the end, so the file order is oldest to newest. Lines in any
 * other shape (written by hand, by the earlier Microsoft solution, or damaged) are kept and shown
 * as plain text by the Audit trail control. The format is versioned by `v` so readers can accept
 * newer writers: unknown fields are ignored, unknown direction/result values are kept as text.
 */

/** Version written by this module. Readers accept any positive integer `v` (see parse.ts). */
export const AUDIT_FORMAT_VERSION = 1;

export const AUDIT_DIRECTIONS = ['PartnerCenterToCrm', 'CrmToPartnerCenter', 'Reconcile'] as const;
export type AuditDirection = (typeof AUDIT_DIRECTIONS)[number];

export const AUDIT_RESULTS = ['Succeeded', 'Failed', 'Skipped', 'Warning'] as const;
export type AuditResult = (typeof AUDIT_RESULTS)[number];

/**
 * Dataverse's hard maximum for a multiline text column (characters). The column's own MaxLength
 * may be lower; the bound below must never exceed the column's MaxLength.
 */
export const DATAVERSE_MULTILINE_MAX_CHARS = 1_048_576;

/**
 * Default bound for the Audit value: 100,000 characters, roughly 400-500 typical entries. Large
 * enough for months of history on one deal, small enough that every flow run that rewrites the
 * column moves little data and the form loads it quickly. Configurable per call.
 */
export const DEFAULT_AUDIT_MAX_CHARS = 100_000;

/** Smallest accepted bound: one entry with its fixed fields must always fit. */
export const MIN_AUDIT_MAX_CHARS = 4_096;

/** Field limits; a writer passing more is a bug (format.ts throws). `message` is shortened instead. */
export const AUDIT_LIMITS = {
  operation: 64,
  referralId: 128,
  flowRunUrl: 2_048,
  changedField: 128,
  changedFields: 100,
  message: 2_000,
} as const;

/** One sync event as written by the flows (and as read back when it is valid). */
export interface AuditEntry {
  /** Format version, `AUDIT_FORMAT_VERSION` when written by this module. */
  v: number;
  /** When the event happened, UTC ISO 8601 with `Z` (e.g. `2026-11-21T10:00:00.000Z`). */
  time: string;
  direction: AuditDirection;
  /** What was attempted: `Create`, `Update`, `Close`, `Retry`, `Validate`, `WebhookCheck`, ... */
  operation: string;
  result: AuditResult;
  /** Columns or Partner Center paths changed by this event. */
  changedFields?: string[];
  /** Success detail or the error, readable by a seller. */
  message?: string;
  /** Link to the flow run that wrote the entry. */
  flowRunUrl?: string;
  referralId?: string;
}

/** An entry as read back: direction and result stay strings so newer writers' values survive. */
export interface ParsedAuditEntry {
  v: number;
  time: string;
  direction: string;
  operation: string;
  result: string;
  changedFields: string[];
  message?: string;
  flowRunUrl?: string;
  referralId?: string;
}

/** One line of the Audit value, as the reader sees it. `index` is the 0-based line number in the value. */
export type AuditLine =
  { kind: 'entry'; index: number; entry: ParsedAuditEntry } | { kind: 'plain'; index: number; text: string };

const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,7})?Z$/;

/** True for a UTC ISO 8601 timestamp that names a real instant. */
export function isUtcIsoTime(value: unknown): value is string {
  if (typeof value !== 'string' || !ISO_UTC.test(value)) return false;
  const ms = Date.parse(value);
  // Date.parse rolls 2026-02-30 over to March; a real instant round-trips to the same calendar fields.
  return !Number.isNaN(ms) && new Date(ms).toISOString().slice(0, 19) === value.slice(0, 19);
}

export function isAuditDirection(value: unknown): value is AuditDirection {
  return typeof value === 'string' && (AUDIT_DIRECTIONS as readonly string[]).includes(value);
}

export function isAuditResult(value: unknown): value is AuditResult {
  return typeof value === 'string' && (AUDIT_RESULTS as readonly string[]).includes(value);
}
