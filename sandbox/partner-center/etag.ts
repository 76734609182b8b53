/**
 * ETags in the service's observed format, a quoted Cosmos-style version string such as
 * `"2500ec5a-0000-0000-0000-5bf4967d0000"` (reference §4.1): a write counter, then the write's Unix
 * time in hex. The counter makes every write produce a new value, even within one second.
 */
export function formatEtag(writeCounter: number, nowMs: number): string {
  const counter = (writeCounter >>> 0).toString(16).padStart(8, '0');
  const seconds = Math.floor(nowMs / 1000)
    .toString(16)
    .padStart(8, '0');
  return `"${counter}-0000-0000-0000-${seconds}0000"`;
}

/** The opaque part of an ETag or If-Match value: without `W/`, quotes or escaped quotes. */
export function etagCore(value: string): string {
  return value
    .trim()
    .replace(/^W\//, '')
    .replace(/^\\?"|\\?"$/g, '')
    .replace(/^\\?"|\\?"$/g, '');
}

/** Whether an If-Match header (possibly a list) matches the current ETag. */
export function ifMatchSatisfied(header: string, current: string): boolean {
  const want = etagCore(current);
  return header
    .split(',')
    .map((v) => v.trim())
    .some((v) => v === '*' || etagCore(v) === want);
}
