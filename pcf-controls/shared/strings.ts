/** Localised strings for a view: every key the view uses, resolved once per updateView. */
export type Strings<K extends string> = Readonly<Record<K, string>>;

/**
 * Strings resolved on first use through the platform's resx lookup (`context.resources.getString`)
 * and cached. Lazy so the bundle needs no list of keys (each control has a 10 KB budget); the key
 * lists in each control's strings.ts are for the types and the tests. An empty or missing string
 * shows the key itself, so a missing translation is noticed rather than blank.
 */
export function loadStrings<K extends string>(getString: (key: string) => string | null | undefined): Strings<K> {
  const cache = new Map<string, string>();
  return new Proxy({} as Record<K, string>, {
    get(_target, key) {
      if (typeof key !== 'string') return undefined;
      let value = cache.get(key);
      if (value === undefined) {
        const found = getString(key);
        value = typeof found === 'string' && found !== '' ? found : key;
        cache.set(key, value);
      }
      return value;
    },
  });
}

/**
 * Fills the `{0}` and `{1}` placeholders. Braces without a matching argument stay as they are.
 * Two fixed parameters rather than a rest parameter: the build transpiles rest parameters into a
 * loop that costs bytes in every bundle, and no string has more than two placeholders.
 */
export function fill(template: string, first: string | number, second?: string | number): string {
  return template.replace(/\{(\d+)\}/g, (whole, n: string) => {
    const value = [first, second][Number(n)];
    return value === undefined ? whole : String(value);
  });
}
