/**
 * Salesforce record ids: a 3-character key prefix (006 Opportunity, 001 Account, ...), a 12-character
 * base-62 body, and the 3-character case-safe suffix Salesforce appends to make the 18-character id.
 */
const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const SUFFIX_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';

/** The 3-character suffix: for each 5-character chunk, a bit per upper-case letter (first character = lowest bit). */
export function caseSafeSuffix(id15: string): string {
  let out = '';
  for (let chunk = 0; chunk < 3; chunk++) {
    let bits = 0;
    for (let i = 0; i < 5; i++) {
      const ch = id15[chunk * 5 + i];
      if (ch >= 'A' && ch <= 'Z') bits |= 1 << i;
    }
    out += SUFFIX_CHARS[bits];
  }
  return out;
}

export function makeId(keyPrefix: string, n: number): string {
  if (!/^[0-9A-Za-z]{3}$/.test(keyPrefix)) throw new Error(`Bad key prefix ${keyPrefix}`);
  let body = '';
  let v = n;
  for (let i = 0; i < 12; i++) {
    body = BASE62[v % 62] + body;
    v = Math.floor(v / 62);
  }
  const id15 = keyPrefix + body;
  return id15 + caseSafeSuffix(id15);
}

/** A 15- or 18-character id in canonical 18-character form, or undefined when it isn't an id. */
export function normalizeId(id: string): string | undefined {
  if (/^[0-9A-Za-z]{18}$/.test(id)) return caseSafeSuffix(id.slice(0, 15)) === id.slice(15) ? id : undefined;
  if (/^[0-9A-Za-z]{15}$/.test(id)) return id + caseSafeSuffix(id);
  return undefined;
}
