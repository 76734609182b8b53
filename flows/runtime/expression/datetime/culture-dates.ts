/**
 * Date/time culture data for .NET format strings. Names (months, days, AM/PM) come from Intl for any
 * culture; the standard-format patterns (`d`, `D`, `t`, `T`, `M`, `Y`) are the Windows (NLS) culture data
 * the service runs with, for the cultures below. A standard format in any other culture fails rather than
 * guess a pattern.
 */
export interface DatePatterns {
  shortDate: string;
  longDate: string;
  shortTime: string;
  longTime: string;
  monthDay: string;
  yearMonth: string;
  dateSeparator: string;
  timeSeparator: string;
}

const PATTERNS: Record<string, DatePatterns> = {
  'en-US': {
    shortDate: 'M/d/yyyy',
    longDate: 'dddd, MMMM d, yyyy',
    shortTime: 'h:mm tt',
    longTime: 'h:mm:ss tt',
    monthDay: 'MMMM d',
    yearMonth: 'MMMM yyyy',
    dateSeparator: '/',
    timeSeparator: ':',
  },
  invariant: {
    shortDate: 'MM/dd/yyyy',
    longDate: 'dddd, dd MMMM yyyy',
    shortTime: 'HH:mm',
    longTime: 'HH:mm:ss',
    monthDay: 'MMMM dd',
    yearMonth: 'yyyy MMMM',
    dateSeparator: '/',
    timeSeparator: ':',
  },
  'en-GB': {
    shortDate: 'dd/MM/yyyy',
    longDate: 'dd MMMM yyyy',
    shortTime: 'HH:mm',
    longTime: 'HH:mm:ss',
    monthDay: 'd MMMM',
    yearMonth: 'MMMM yyyy',
    dateSeparator: '/',
    timeSeparator: ':',
  },
  'fr-FR': {
    shortDate: 'dd/MM/yyyy',
    longDate: 'dddd d MMMM yyyy',
    shortTime: 'HH:mm',
    longTime: 'HH:mm:ss',
    monthDay: 'd MMMM',
    yearMonth: 'MMMM yyyy',
    dateSeparator: '/',
    timeSeparator: ':',
  },
  'de-DE': {
    shortDate: 'dd.MM.yyyy',
    longDate: 'dddd, d. MMMM yyyy',
    shortTime: 'HH:mm',
    longTime: 'HH:mm:ss',
    monthDay: 'd. MMMM',
    yearMonth: 'MMMM yyyy',
    dateSeparator: '.',
    timeSeparator: ':',
  },
  'es-ES': {
    shortDate: 'dd/MM/yyyy',
    longDate: "dddd, d 'de' MMMM 'de' yyyy",
    shortTime: 'H:mm',
    longTime: 'H:mm:ss',
    monthDay: "d 'de' MMMM",
    yearMonth: "MMMM 'de' yyyy",
    dateSeparator: '/',
    timeSeparator: ':',
  },
  'it-IT': {
    shortDate: 'dd/MM/yyyy',
    longDate: 'dddd d MMMM yyyy',
    shortTime: 'HH:mm',
    longTime: 'HH:mm:ss',
    monthDay: 'd MMMM',
    yearMonth: 'MMMM yyyy',
    dateSeparator: '/',
    timeSeparator: ':',
  },
  'nl-NL': {
    shortDate: 'd-M-yyyy',
    longDate: 'dddd d MMMM yyyy',
    shortTime: 'HH:mm',
    longTime: 'HH:mm:ss',
    monthDay: 'd MMMM',
    yearMonth: 'MMMM yyyy',
    dateSeparator: '-',
    timeSeparator: ':',
  },
  'pt-BR': {
    shortDate: 'dd/MM/yyyy',
    longDate: "dddd, d 'de' MMMM 'de' yyyy",
    shortTime: 'HH:mm',
    longTime: 'HH:mm:ss',
    monthDay: "d 'de' MMMM",
    yearMonth: "MMMM 'de' yyyy",
    dateSeparator: '/',
    timeSeparator: ':',
  },
  'ja-JP': {
    shortDate: 'yyyy/MM/dd',
    longDate: "yyyy'年'M'月'd'日'",
    shortTime: 'H:mm',
    longTime: 'H:mm:ss',
    monthDay: "M'月'd'日'",
    yearMonth: "yyyy'年'M'月'",
    dateSeparator: '/',
    timeSeparator: ':',
  },
};

export function datePatterns(locale: string): DatePatterns | undefined {
  return PATTERNS[locale];
}

export interface DateNames {
  months: string[];
  /** Genitive forms, used by .NET when `MMMM` appears in a pattern with a day number. */
  monthsGenitive: string[];
  monthsShort: string[];
  days: string[];
  daysShort: string[];
  am: string;
  pm: string;
  dateSeparator: string;
  timeSeparator: string;
}

const namesCache = new Map<string, DateNames>();

function part(
  locale: string,
  options: Intl.DateTimeFormatOptions,
  date: Date,
  type: Intl.DateTimeFormatPartTypes,
): string {
  return (
    new Intl.DateTimeFormat(locale, { ...options, timeZone: 'UTC' }).formatToParts(date).find((p) => p.type === type)
      ?.value ?? ''
  );
}

export function dateNames(locale: string): DateNames {
  let names = namesCache.get(locale);
  if (names) return names;
  const intlLocale = locale === 'invariant' ? 'en-US' : locale;
  const months: string[] = [];
  const monthsGenitive: string[] = [];
  const monthsShort: string[] = [];
  for (let m = 0; m < 12; m++) {
    const d = new Date(Date.UTC(2021, m, 15));
    months.push(new Intl.DateTimeFormat(intlLocale, { month: 'long', timeZone: 'UTC' }).format(d));
    monthsGenitive.push(part(intlLocale, { month: 'long', day: 'numeric' }, d, 'month'));
    monthsShort.push(part(intlLocale, { month: 'short', day: 'numeric' }, d, 'month'));
  }
  const days: string[] = [];
  const daysShort: string[] = [];
  for (let w = 0; w < 7; w++) {
    const d = new Date(Date.UTC(2021, 1, 7 + w)); // 2021-02-07 is a Sunday
    days.push(new Intl.DateTimeFormat(intlLocale, { weekday: 'long', timeZone: 'UTC' }).format(d));
    daysShort.push(new Intl.DateTimeFormat(intlLocale, { weekday: 'short', timeZone: 'UTC' }).format(d));
  }
  const am =
    part(intlLocale, { hour: 'numeric', hour12: true }, new Date(Date.UTC(2021, 0, 1, 9)), 'dayPeriod') || 'AM';
  const pm =
    part(intlLocale, { hour: 'numeric', hour12: true }, new Date(Date.UTC(2021, 0, 1, 21)), 'dayPeriod') || 'PM';
  const known = PATTERNS[locale];
  const sep = new Intl.DateTimeFormat(intlLocale, {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    timeZone: 'UTC',
  })
    .formatToParts(new Date(Date.UTC(2021, 0, 15)))
    .find((p) => p.type === 'literal')?.value;
  names = {
    months,
    monthsGenitive,
    monthsShort,
    days,
    daysShort,
    am,
    pm,
    dateSeparator: known?.dateSeparator ?? sep?.trim() ?? '/',
    timeSeparator: known?.timeSeparator ?? ':',
  };
  namesCache.set(locale, names);
  return names;
}
