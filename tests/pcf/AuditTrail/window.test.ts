import { heightCache, windowOf } from '../../../pcf-controls/AuditTrail/AuditTrail/lib/window';

const total = (sizes: number[]) => sizes.reduce((a, b) => a + b, 0);

describe('windowOf', () => {
  it('renders from the top what fills the view and the overscan below it', () => {
    const sizes = Array<number>(100).fill(50);
    expect(windowOf(sizes, 0, 200, 100)).toEqual({ start: 0, end: 6, before: 0, after: 94 * 50 });
  });

  it('keeps the overscan above and below a scrolled view', () => {
    const sizes = Array<number>(100).fill(50);
    // Visible 1000..1200, rendered band 900..1300: entries 18 (900..950) to 25 (1250..1300).
    expect(windowOf(sizes, 1000, 200, 100)).toEqual({ start: 18, end: 26, before: 900, after: 74 * 50 });
  });

  it('works with entries of different heights', () => {
    const sizes = [10, 200, 30, 30, 30, 500, 20, 20];
    const w = windowOf(sizes, 215, 60, 0);
    // Visible 215..275: entry 1 ends at 210 (above), entries 2-4 span 210..300, entry 5 starts at 300 (below).
    expect(w).toEqual({ start: 2, end: 5, before: 210, after: 540 });
    expect(w.before + total(sizes.slice(w.start, w.end)) + w.after).toBe(total(sizes));
  });

  it('always accounts for every pixel: before + rendered + after is the whole list', () => {
    let seed = 7;
    const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647) * 300 + 20;
    const sizes = Array.from({ length: 500 }, random);
    for (const top of [0, 1, 999, 5000, 20_000, total(sizes) - 480, total(sizes) + 10_000]) {
      const w = windowOf(sizes, top, 480, 360);
      expect(w.before + total(sizes.slice(w.start, w.end)) + w.after).toBeCloseTo(total(sizes), 6);
      expect(w.end).toBeGreaterThan(w.start);
    }
  });

  it('still shows the last entries when scrolled past the end (the list just got shorter)', () => {
    const w = windowOf([50, 50, 50], 10_000, 200, 100);
    expect(w.start).toBe(2);
    expect(w.end).toBe(3);
  });

  it('renders nothing for an empty list', () => {
    expect(windowOf([], 0, 480, 360)).toEqual({ start: 0, end: 0, before: 0, after: 0 });
  });
});

describe('heightCache', () => {
  it('estimates unmeasured entries with the fallback, then with the mean of what was measured', () => {
    const cache = heightCache(64);
    const items = [{ key: 1 }, { key: 2 }, { key: 3 }];
    expect(cache.sizesOf(items)).toEqual([64, 64, 64]);
    expect(cache.set(1, 100)).toBe(true);
    expect(cache.set(2, 50)).toBe(true);
    expect(cache.sizesOf(items)).toEqual([100, 50, 75]);
  });

  it('reports only real changes and ignores entries not laid out (0 px)', () => {
    const cache = heightCache(64);
    expect(cache.set(1, 100)).toBe(true);
    expect(cache.set(1, 100)).toBe(false);
    expect(cache.set(2, 0)).toBe(false);
    expect(cache.set(1, 80)).toBe(true);
    expect(cache.sizesOf([{ key: 1 }, { key: 2 }])).toEqual([80, 80]);
  });
});
