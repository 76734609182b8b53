import { badRequest } from '../errors';

/** Tokens of the OData `$filter` subset the sandbox understands. */
export type Token =
  | { kind: 'ident'; text: string; pos: number }
  | { kind: 'string'; value: string; pos: number }
  | { kind: 'number'; value: number; text: string; pos: number }
  | { kind: 'datetime'; value: number; text: string; pos: number }
  | { kind: 'guid'; value: string; pos: number }
  | { kind: 'punct'; text: '(' | ')' | ',' | ':' | '/'; pos: number }
  | { kind: 'other'; text: string; pos: number }
  | { kind: 'end'; pos: number };

const GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}/;
const DATETIME = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|[+-]\d{2}:\d{2}))?/;
const NUMBER = /^-?\d+(\.\d+)?([eE][+-]?\d+)?/;
const IDENT = /^[A-Za-z_$@][A-Za-z0-9_.$@]*/;

/** Splits a `$filter` expression into tokens; throws a 400 for text it cannot read. */
export function tokenize(input: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const guard = input.length + 1;
  for (let steps = 0; i < input.length && steps <= guard; steps++) {
    const c = input[i];
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      i++;
      continue;
    }
    const rest = input.slice(i);
    if (c === "'") {
      let value = '';
      let j = i + 1;
      for (;;) {
        if (j >= input.length) throw filterError(`unterminated string literal starting at position ${i}`);
        if (input[j] === "'") {
          if (input[j + 1] === "'") {
            value += "'";
            j += 2;
            continue;
          }
          break;
        }
        value += input[j];
        j++;
      }
      tokens.push({ kind: 'string', value, pos: i });
      i = j + 1;
      continue;
    }
    if (c === '(' || c === ')' || c === ',' || c === ':' || c === '/') {
      tokens.push({ kind: 'punct', text: c, pos: i });
      i++;
      continue;
    }
    const guid = GUID.exec(rest);
    if (guid && !/^[0-9a-fA-F]/.test(rest.slice(guid[0].length, guid[0].length + 1))) {
      tokens.push({ kind: 'guid', value: guid[0], pos: i });
      i += guid[0].length;
      continue;
    }
    const dt = DATETIME.exec(rest);
    if (dt) {
      const text = dt[0];
      const ms = Date.parse(text.length === 10 ? `${text}T00:00:00Z` : text);
      if (!Number.isFinite(ms)) throw filterError(`invalid date/time literal '${text}' at position ${i}`);
      tokens.push({ kind: 'datetime', value: ms, text, pos: i });
      i += text.length;
      continue;
    }
    const num = NUMBER.exec(rest);
    if (num) {
      tokens.push({ kind: 'number', value: Number(num[0]), text: num[0], pos: i });
      i += num[0].length;
      continue;
    }
    const ident = IDENT.exec(rest);
    if (ident) {
      tokens.push({ kind: 'ident', text: ident[0], pos: i });
      i += ident[0].length;
      continue;
    }
    tokens.push({ kind: 'other', text: c, pos: i });
    i++;
  }
  tokens.push({ kind: 'end', pos: input.length });
  return tokens;
}

export function filterError(detail: string): ReturnType<typeof badRequest> {
  return badRequest(`Unsupported or invalid $filter: ${detail}.`, '$filter');
}
