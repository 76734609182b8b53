/**
 * Bounded cache of parse results keyed by the source string. The engine evaluates the same template
 * strings for every run and loop iteration, so parsing happens once per distinct string. When full, the
 * oldest quarter is dropped (insertion order), which keeps lookups a single Map access.
 */
export class ParseCache<T> {
  private readonly map = new Map<string, T>();
  constructor(private readonly capacity: number) {}

  get(key: string): T | undefined {
    return this.map.get(key);
  }

  set(key: string, value: T): void {
    if (this.map.size >= this.capacity) {
      let drop = Math.max(1, Math.floor(this.capacity / 4));
      for (const k of this.map.keys()) {
        this.map.delete(k);
        if (--drop === 0) break;
      }
    }
    this.map.set(key, value);
  }

  get size(): number {
    return this.map.size;
  }

  clear(): void {
    this.map.clear();
  }
}
