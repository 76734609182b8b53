import { ExpressionError } from './errors';

export type TokenKind = 'string' | 'number' | 'ident' | '(' | ')' | '[' | ']' | ',' | '.' | '?' | 'eof';

export interface Token {
  kind: TokenKind;
  /** Identifier name, decoded string literal, or number text. */
  text: string;
  pos: number;
}

/** Characters that end an identifier (the grammar allows almost anything else, e.g. `-`). */
const IDENT_STOP = new Set(['.', ',', '(', ')', '{', '}', '@', '[', ']', '?', "'", '"']);

function isSpace(c: string): boolean {
  return c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\u00a0' || c === '\ufeff';
}

function isDigit(c: string | undefined): boolean {
  return c !== undefined && c >= '0' && c <= '9';
}

/**
 * Splits expression text (without the leading `@`) into tokens. `offset` is added to every position so
 * errors point into the whole template string.
 */
export function scan(text: string, offset = 0): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const n = text.length;
  const fail = (msg: string, at: number): never => {
    throw new ExpressionError(
      `${msg} at position ${at + offset} of expression '${text}'.`,
      'InvalidTemplate',
      at + offset,
    );
  };
  while (i < n) {
    const c = text[i];
    if (isSpace(c)) {
      i++;
      continue;
    }
    const start = i;
    if (c === "'") {
      let value = '';
      i++;
      for (;;) {
        if (i >= n) fail('Unterminated string literal', start);
        const ch = text[i];
        if (ch === "'") {
          if (text[i + 1] === "'") {
            value += "'";
            i += 2;
            continue;
          }
          i++;
          break;
        }
        value += ch;
        i++;
      }
      tokens.push({ kind: 'string', text: value, pos: start + offset });
      continue;
    }
    if (c === '"') fail('Double quotes are not valid in an expression (use single quotes)', start);
    const prev = tokens.length > 0 ? tokens[tokens.length - 1].kind : undefined;
    const numberAllowed = prev === undefined || prev === '(' || prev === ',' || prev === '[';
    if (
      numberAllowed &&
      (isDigit(c) ||
        ((c === '-' || c === '+') && (isDigit(text[i + 1]) || (text[i + 1] === '.' && isDigit(text[i + 2])))) ||
        (c === '.' && isDigit(text[i + 1])))
    ) {
      if (c === '-' || c === '+') i++;
      while (isDigit(text[i])) i++;
      if (text[i] === '.') {
        i++;
        if (!isDigit(text[i])) fail('Invalid number literal', start);
        while (isDigit(text[i])) i++;
      }
      if (text[i] === 'e' || text[i] === 'E') {
        i++;
        if (text[i] === '-' || text[i] === '+') i++;
        if (!isDigit(text[i])) fail('Invalid number literal', start);
        while (isDigit(text[i])) i++;
      }
      if (i < n && !isSpace(text[i]) && !IDENT_STOP.has(text[i])) fail('Invalid number literal', start);
      tokens.push({ kind: 'number', text: text.slice(start, i), pos: start + offset });
      continue;
    }
    if (c === '(' || c === ')' || c === '[' || c === ']' || c === ',' || c === '.' || c === '?') {
      tokens.push({ kind: c, text: c, pos: start + offset });
      i++;
      continue;
    }
    if (c === '{' || c === '}' || c === '@') fail(`Unexpected character '${c}'`, start);
    while (i < n && !isSpace(text[i]) && !IDENT_STOP.has(text[i])) i++;
    tokens.push({ kind: 'ident', text: text.slice(start, i), pos: start + offset });
  }
  tokens.push({ kind: 'eof', text: '', pos: n + offset });
  return tokens;
}
