/**
 * Deterministic JSON: object keys sorted (or kept in insertion order when `sortKeys` is false),
 * two-space indent, LF endings, trailing newline. Every artifact in dist/ goes through here so
 * two builds produce identical bytes.
 */
export function stableStringify(value: unknown, options: { sortKeys?: boolean } = {}): string {
  const sortKeys = options.sortKeys ?? true;
  return JSON.stringify(sortKeys ? sortDeep(value) : value, null, 2) + '\n';
}

export function sortDeep(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortDeep);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value as Record<string, unknown>).sort()) {
      const v = (value as Record<string, unknown>)[key];
      if (v !== undefined) out[key] = sortDeep(v);
    }
    return out;
  }
  return value;
}
