/**
 * ISO 8601 durations as WDL uses them (`PT10S`, `PT1H`, `P1D`, `PT0.5S`). Years and months are
 * taken as 365 and 30 days: WDL only uses them for timeouts, where calendar precision does not matter.
 */
const DURATION =
  /^P(?:(\d+(?:\.\d+)?)Y)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)W)?(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;

/** Milliseconds, or undefined when the text is not an ISO 8601 duration. */
export function parseIsoDuration(text: unknown): number | undefined {
  if (typeof text !== 'string') return undefined;
  const m = DURATION.exec(text.trim());
  if (!m || text.trim() === 'P' || text.trim().endsWith('T')) return undefined;
  const [, y, mo, w, d, h, mi, s] = m.map((v) => (v === undefined ? 0 : Number(v)));
  const days = y * 365 + mo * 30 + w * 7 + d;
  return Math.round(((days * 24 + h) * 60 + mi) * 60_000 + s * 1000);
}
