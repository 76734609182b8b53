import type { Recurrence } from '../definition/types';

/**
 * Next fire time of a recurrence after `fromMs`. Frequencies step in UTC; `schedule` and
 * `timeZone` are not modelled (docs/DECISIONS.md). Power Automate's minimum interval is 60 s.
 */
export function nextRecurrence(rec: Recurrence, fromMs: number): number {
  const interval = Math.max(1, Math.floor(Number(rec.interval) || 1));
  const unit: Record<string, number> = { second: 1000, minute: 60_000, hour: 3_600_000, day: 86_400_000, week: 604_800_000 };
  const freq = String(rec.frequency).toLowerCase();
  if (freq === 'month') {
    const d = new Date(fromMs);
    d.setUTCMonth(d.getUTCMonth() + interval);
    return d.getTime();
  }
  const step = (unit[freq] ?? 60_000) * interval;
  return fromMs + Math.max(60_000, step);
}
