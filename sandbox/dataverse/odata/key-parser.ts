import { errors } from '../errors';

export type EntityKey = { kind: 'id'; id: string } | { kind: 'alternate'; values: Record<string, string | number> };

const GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

export function isGuid(s: string): boolean {
  return GUID.test(s);
}

/**
 * Parses the text between the parentheses of `opportunities(...)`: a GUID, or alternate key values
 * `col='text'` / `col=123`, comma-separated (text may contain commas and doubled quotes).
 */
export function parseEntityKey(text: string): EntityKey {
  const trimmed = text.trim();
  if (isGuid(trimmed)) return { kind: 'id', id: trimmed.toLowerCase() };
  if (!trimmed.includes('='))
    throw errors.query(
      `Unrecognized 'Edm.Guid' literal '${trimmed}' in the key segment; expected a GUID or column='value'.`,
    );
  const values: Record<string, string | number> = {};
  let i = 0;
  const fail = (): never => {
    throw errors.query(
      `Bad alternate key syntax at position ${i} in '${trimmed}'; expected column='value'[,column='value'].`,
    );
  };
  while (i < trimmed.length) {
    const m = /^\s*([A-Za-z_][A-Za-z0-9_]*)\s*=\s*/.exec(trimmed.slice(i));
    if (!m) fail();
    const name = m![1];
    if (name in values) throw errors.query(`The key column '${name}' appears twice in '${trimmed}'.`);
    i += m![0].length;
    if (trimmed[i] === "'") {
      let value = '';
      let j = i + 1;
      for (;;) {
        if (j >= trimmed.length) fail();
        if (trimmed[j] === "'") {
          if (trimmed[j + 1] === "'") {
            value += "'";
            j += 2;
            continue;
          }
          break;
        }
        value += trimmed[j++];
      }
      values[name] = value;
      i = j + 1;
    } else {
      const n = /^-?\d+(\.\d+)?/.exec(trimmed.slice(i));
      if (!n) fail();
      values[name] = Number(n![0]);
      i += n![0].length;
    }
    const rest = /^\s*(,|$)/.exec(trimmed.slice(i));
    if (!rest) fail();
    i += rest![0].length;
  }
  return { kind: 'alternate', values };
}
