import { AUDIT_DIRECTIONS, AUDIT_RESULTS, type ParsedAuditEntry } from '../../../../flows/audit/entry';
import { newestFirst, parseAuditValue } from '../../../../flows/audit/parse';
import { isPowerAutomateHost, toSafeHttpsUrl } from '../../../shared/safe-url';

/** Filter choices: a known value, anything else ('other'), or no filter ('all'). */
export type ResultFilter = 'all' | 'other' | (typeof AUDIT_RESULTS)[number];
export type DirectionFilter = 'all' | 'other' | (typeof AUDIT_DIRECTIONS)[number];

export const RESULT_FILTERS: readonly ResultFilter[] = ['all', ...AUDIT_RESULTS, 'other'];
export const DIRECTION_FILTERS: readonly DirectionFilter[] = ['all', ...AUDIT_DIRECTIONS, 'other'];

/** Longest text shown for one plain line or message; a 1 MB line must not become a 1 MB text node. */
export const MAX_SHOWN_CHARS = 2000;

export type TimelineItem =
  | {
      kind: 'entry';
      key: number;
      entry: ParsedAuditEntry;
      result: Exclude<ResultFilter, 'all'>;
      direction: Exclude<DirectionFilter, 'all'>;
      message?: string;
      /** The flow run link when it is an https URL on Power Automate's portal. */
      runHref?: string;
    }
  | { kind: 'plain'; key: number; text: string };

/** The Audit value as timeline items, newest first. Never throws. */
export function buildTimeline(value: string | null | undefined): TimelineItem[] {
  return newestFirst(parseAuditValue(value)).map((line): TimelineItem => {
    if (line.kind === 'plain') return { kind: 'plain', key: line.index, text: clip(line.text) };
    const e = line.entry;
    return {
      kind: 'entry',
      key: line.index,
      entry: e,
      result: (AUDIT_RESULTS as readonly string[]).includes(e.result)
        ? (e.result as Exclude<ResultFilter, 'all'>)
        : 'other',
      direction: (AUDIT_DIRECTIONS as readonly string[]).includes(e.direction)
        ? (e.direction as Exclude<DirectionFilter, 'all'>)
        : 'other',
      message: e.message === undefined ? undefined : clip(e.message),
      runHref: toSafeHttpsUrl(e.flowRunUrl, isPowerAutomateHost),
    };
  });
}

/** Items passing both filters. Plain lines have neither result nor direction: only shown unfiltered. */
export function filterTimeline(
  items: readonly TimelineItem[],
  result: ResultFilter,
  direction: DirectionFilter,
): TimelineItem[] {
  if (result === 'all' && direction === 'all') return items as TimelineItem[];
  return items.filter(
    (item) =>
      item.kind === 'entry' &&
      (result === 'all' || item.result === result) &&
      (direction === 'all' || item.direction === direction),
  );
}

export function clip(text: string): string {
  return text.length > MAX_SHOWN_CHARS ? `${text.slice(0, MAX_SHOWN_CHARS - 1)}…` : text;
}
