/**
 * Which entries of a long, scrolled list to put in the DOM (windowing). Only the entries near the
 * visible part are rendered; the space of the others is kept by padding, so the scroll bar shows the
 * whole history. Heights are what the browser measured for entries already shown, and an estimate
 * for the rest, so entries of any height work.
 */
export interface ListWindow {
  /** First rendered index. */
  start: number;
  /** One past the last rendered index. */
  end: number;
  /** Pixels above the first rendered entry. */
  before: number;
  /** Pixels below the last rendered entry. */
  after: number;
}

/**
 * @param sizes height of each entry in px (measured, or estimated when not yet shown)
 * @param scrollTop how far the list is scrolled
 * @param viewport height of the visible part
 * @param overscan extra px rendered above and below, so a small scroll shows entries already there
 */
export function windowOf(sizes: readonly number[], scrollTop: number, viewport: number, overscan: number): ListWindow {
  const n = sizes.length;
  const from = scrollTop - overscan;
  const to = scrollTop + viewport + overscan;
  let y = 0;
  let start = 0;
  // An entry is skipped only when it ends above the rendered band; the last one is always kept
  // reachable, so a scroll position past the end (a list that just got shorter) still shows entries.
  while (start < n - 1 && y + sizes[start] <= from) y += sizes[start++];
  const before = y;
  let end = start;
  while (end < n && (end === start || y < to)) y += sizes[end++];
  let after = 0;
  for (let i = end; i < n; i++) after += sizes[i];
  return { start, end, before, after };
}

/** Heights measured so far, by item key; their mean is the estimate for entries not yet shown. */
export interface HeightCache {
  /** Each item's measured height, or the estimate. */
  sizesOf(items: readonly { key: number }[]): number[];
  /** Records a measurement; 0 (not laid out, e.g. hidden) is ignored. True when it changed. */
  set(key: number, height: number): boolean;
}

/** A closure rather than a class: class member names survive minification, and each control has a 10 KB budget. */
export function heightCache(fallback: number): HeightCache {
  const heights = new Map<number, number>();
  let total = 0;
  return {
    sizesOf(items) {
      const estimate = heights.size ? total / heights.size : fallback;
      return items.map((k) => heights.get(k.key) ?? estimate);
    },
    set(key, height) {
      const old = heights.get(key);
      if (!height || old === height) return false;
      total += height - (old ?? 0);
      heights.set(key, height);
      return true;
    },
  };
}
