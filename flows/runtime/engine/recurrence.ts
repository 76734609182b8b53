import type { Recurrence } from '../definition/types';
import { ianaZone, utcToZone, zoneToUtc } from '../expression/datetime/timezones';

/**
 * Recurrence schedules on the virtual clock: `frequency` × `interval` from `startTime`, in the
 * trigger's Windows `timeZone` (UTC when absent), with `schedule.hours/minutes/weekDays` for Day and
 * Week frequencies. Power Automate's minimum interval is 60 s, so shorter steps are raised to it.
 */
const UNIT_MS: Record<string, number> = { second: 1000, minute: 60_000, hour: 3_600_000 };
const DAY = 86_400_000;
const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];

function zoneOf(rec: Recurrence): string {
  return (rec.timeZone && ianaZone(rec.timeZone)) || 'Etc/UTC';
}

function interval(rec: Recurrence): number {
  return Math.max(1, Math.floor(Number(rec.interval) || 1));
}

/** `startTime` as UTC ms; a time without offset is wall-clock time in the trigger's zone. */
export function recurrenceStart(rec: Recurrence, nowMs: number): number {
  const text = rec.startTime;
  if (typeof text !== 'string' || text.trim() === '') return nowMs;
  const hasZone = /(Z|[+-]\d{2}:?\d{2})$/i.test(text.trim());
  if (hasZone) {
    const ms = Date.parse(text);
    return Number.isFinite(ms) ? ms : nowMs;
  }
  const wall = Date.parse(`${text.trim()}Z`);
  if (!Number.isFinite(wall)) return nowMs;
  return zoneToUtc(wall, zoneOf(rec)) ?? wall;
}

function hasSchedule(rec: Recurrence): boolean {
  const f = String(rec.frequency).toLowerCase();
  return (
    (f === 'day' || f === 'week') &&
    !!rec.schedule &&
    (!!rec.schedule.hours?.length || !!rec.schedule.minutes?.length || !!rec.schedule.weekDays?.length)
  );
}

/** Earliest scheduled time at or after `fromMs` (inclusive) given the anchor (start). */
function scheduled(rec: Recurrence, anchorMs: number, fromMs: number, inclusive: boolean): number {
  const zone = zoneOf(rec);
  const anchorWall = utcToZone(anchorMs, zone);
  const anchorDay = Math.floor(anchorWall / DAY);
  const hours = (rec.schedule?.hours?.length ? rec.schedule.hours : [new Date(anchorWall).getUTCHours()])
    .map(Number)
    .sort((a, b) => a - b);
  const minutes = (rec.schedule?.minutes?.length ? rec.schedule.minutes : [new Date(anchorWall).getUTCMinutes()])
    .map(Number)
    .sort((a, b) => a - b);
  const weekly = String(rec.frequency).toLowerCase() === 'week';
  const days = weekly
    ? new Set(
        (rec.schedule?.weekDays?.length ? rec.schedule.weekDays : [WEEKDAYS[new Date(anchorWall).getUTCDay()]]).map(
          (d) => WEEKDAYS.indexOf(String(d).toLowerCase()),
        ),
      )
    : undefined;
  const step = interval(rec);
  const firstDay = Math.floor(utcToZone(Math.max(fromMs, anchorMs), zone) / DAY) - 1;
  for (let day = firstDay; day <= firstDay + 7 * step + 8; day++) {
    if (day < anchorDay) continue;
    if (weekly) {
      const weekday = (((day + 4) % 7) + 7) % 7; // 1970-01-01 was a Thursday
      if (!days!.has(weekday)) continue;
      const anchorWeekStart = anchorDay - ((((anchorDay + 4) % 7) + 7) % 7);
      if (Math.floor((day - anchorWeekStart) / 7) % step !== 0) continue;
    } else if ((day - anchorDay) % step !== 0) continue;
    for (const h of hours) {
      for (const m of minutes) {
        const utc = zoneToUtc(day * DAY + h * 3_600_000 + m * 60_000, zone);
        if (utc === undefined || utc < anchorMs) continue;
        if (inclusive ? utc >= fromMs : utc > fromMs) return utc;
      }
    }
  }
  return Number.POSITIVE_INFINITY;
}

/** First fire time at or after the start. */
export function firstRecurrence(rec: Recurrence, nowMs: number): number {
  const start = recurrenceStart(rec, nowMs);
  return hasSchedule(rec) ? scheduled(rec, start, start, true) : start;
}

/** Next fire time after `afterMs`, for a schedule anchored at `anchorMs`. */
export function nextRecurrence(rec: Recurrence, afterMs: number, anchorMs: number = afterMs): number {
  if (hasSchedule(rec)) return scheduled(rec, anchorMs, afterMs, false);
  const freq = String(rec.frequency).toLowerCase();
  const n = interval(rec);
  if (UNIT_MS[freq]) return afterMs + Math.max(60_000, UNIT_MS[freq] * n);
  // Day, Week, Month step in wall-clock time so a daily 09:00 stays 09:00 across daylight saving changes.
  const zone = zoneOf(rec);
  const wall = new Date(utcToZone(afterMs, zone));
  if (freq === 'month') wall.setUTCMonth(wall.getUTCMonth() + n);
  else wall.setUTCDate(wall.getUTCDate() + (freq === 'week' ? 7 * n : n));
  return zoneToUtc(wall.getTime(), zone) ?? wall.getTime() - (utcToZone(afterMs, zone) - afterMs);
}
