/**
 * A Date whose local-time fields (getHours, ...) show the user's wall-clock time in the time zone
 * of their Dataverse settings, for the platform's `formatting.formatDateShort`, which formats the
 * local-time fields. `userOffsetMinutes` is `userSettings.getTimeZoneOffsetMinutes(date)` (minutes
 * ahead of UTC); `Date.getTimezoneOffset` is minutes behind UTC for the browser's zone.
 */
export function toUserWallClock(date: Date, userOffsetMinutes: number): Date {
  return new Date(date.getTime() + (userOffsetMinutes + date.getTimezoneOffset()) * 60_000);
}

/** A valid Date from a Date or ISO string, or undefined. */
export function toValidDate(value: unknown): Date | undefined {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value;
  if (typeof value === 'string' && value !== '') {
    const ms = Date.parse(value);
    return Number.isNaN(ms) ? undefined : new Date(ms);
  }
  return undefined;
}

/** The platform formatting and user settings the controls need, as a plain function. */
export interface DateFormattingApi {
  formatDateShort(value: Date, includeTime?: boolean): string;
}

export function makeTimeFormatter(
  formatting: DateFormattingApi,
  userOffsetMinutes: (date: Date) => number,
): (value: Date | string) => string | undefined {
  return (value) => {
    const date = toValidDate(value);
    if (!date) return undefined;
    try {
      return formatting.formatDateShort(toUserWallClock(date, userOffsetMinutes(date)), true);
    } catch {
      // A host without a working formatting API must not break the control: fall back to ISO UTC.
      return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
    }
  };
}
