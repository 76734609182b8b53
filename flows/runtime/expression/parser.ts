import type { AccessExpr, Expr, Template } from './ast';
import { ExpressionError } from './errors';
import { scan, type Token } from './scanner';

/** Power Automate's limit on the length of one expression. */
export const MAX_EXPRESSION_LENGTH = 8192;

class Parser {
  private i = 0;
  constructor(
    private readonly tokens: Token[],
    private readonly source: string,
  ) {}

  private fail(message: string, tok: Token): never {
    throw new ExpressionError(
      `The template language expression '${this.source}' is not valid: ${message} at position ${tok.pos}.`,
      'InvalidTemplate',
      tok.pos,
    );
  }

  private peek(): Token {
    return this.tokens[this.i];
  }

  private next(): Token {
    return this.tokens[this.i++];
  }

  private expect(kind: Token['kind'], what: string): Token {
    const t = this.next();
    if (t.kind !== kind) this.fail(`expected ${what} but found ${describe(t)}`, t);
    return t;
  }

  parseWhole(): Expr {
    const e = this.parseExpr();
    const t = this.peek();
    if (t.kind !== 'eof') this.fail(`unexpected ${describe(t)}`, t);
    return e;
  }

  private parseExpr(): Expr {
    const t = this.next();
    switch (t.kind) {
      case 'string':
        return { kind: 'string', value: t.text, pos: t.pos };
      case 'number':
        return parseNumber(t);
      case 'ident': {
        const lower = t.text.toLowerCase();
        if (this.peek().kind !== '(') {
          if (lower === 'true' || lower === 'false') return { kind: 'boolean', value: lower === 'true', pos: t.pos };
          if (lower === 'null') return { kind: 'null', pos: t.pos };
          this.fail(`'${t.text}' is not a function call or literal`, t);
        }
        this.next();
        const args: Expr[] = [];
        if (this.peek().kind !== ')') {
          for (;;) {
            args.push(this.parseExpr());
            const sep = this.next();
            if (sep.kind === ')') break;
            if (sep.kind !== ',') this.fail(`expected ',' or ')' but found ${describe(sep)}`, sep);
          }
        } else {
          this.next();
        }
        let expr: Expr = { kind: 'call', name: t.text, args, pos: t.pos };
        for (;;) {
          const d = this.peek();
          let safe = false;
          if (d.kind === '?') {
            safe = true;
            this.next();
          } else if (d.kind !== '[' && d.kind !== '.') {
            break;
          }
          const open = this.next();
          if (open.kind === '[') {
            const key = this.parseExpr();
            this.expect(']', "']'");
            const access: AccessExpr = { kind: 'access', target: expr, key, safe, dot: false, pos: open.pos };
            if (key.kind === 'string' && key.value.includes('/')) access.path = key.value.split('/');
            expr = access;
          } else if (open.kind === '.') {
            const name = this.next();
            if (name.kind !== 'ident' && name.kind !== 'number')
              this.fail(`expected a property name but found ${describe(name)}`, name);
            expr = {
              kind: 'access',
              target: expr,
              key: { kind: 'string', value: name.text, pos: name.pos },
              safe,
              dot: true,
              pos: open.pos,
            };
          } else {
            this.fail(`'?' must be followed by '[' or '.' but found ${describe(open)}`, open);
          }
        }
        return expr;
      }
      default:
        return this.fail(`unexpected ${describe(t)}`, t);
    }
  }
}

function describe(t: Token): string {
  if (t.kind === 'eof') return 'the end of the expression';
  if (t.kind === 'string') return `string '${t.text}'`;
  return `'${t.text}'`;
}

function parseNumber(t: Token): Expr {
  const isFloat = /[.eE]/.test(t.text);
  if (isFloat) return { kind: 'number', value: Number(t.text), isFloat: true, pos: t.pos };
  const n = Number(t.text);
  if (Number.isSafeInteger(n)) return { kind: 'number', value: n, isFloat: false, pos: t.pos };
  return { kind: 'number', value: BigInt(t.text), isFloat: false, pos: t.pos };
}

/** Parses expression text (without the leading `@`). `offset` positions errors inside a template. */
export function parseExpressionAt(text: string, offset: number): Expr {
  if (text.length > MAX_EXPRESSION_LENGTH) {
    throw new ExpressionError(
      `The template language expression is ${text.length} characters long; the limit is ${MAX_EXPRESSION_LENGTH}.`,
      'InvalidTemplate',
      offset,
    );
  }
  if (text.trim() === '') {
    throw new ExpressionError(
      `The template language expression is empty at position ${offset}.`,
      'InvalidTemplate',
      offset,
    );
  }
  return new Parser(scan(text, offset), text).parseWhole();
}

/** Index of the `}` closing an `@{` whose content starts at `from`, skipping quoted strings; -1 if none. */
function findClose(value: string, from: number): number {
  let inString = false;
  for (let i = from; i < value.length; i++) {
    const c = value[i];
    if (inString) {
      if (c === "'") {
        if (value[i + 1] === "'") i++;
        else inString = false;
      }
    } else if (c === "'") {
      inString = true;
    } else if (c === '}') {
      return i;
    }
  }
  return -1;
}

/** Parses a JSON string value into a template (see the `@` / `@{}` rules in the WDL reference). */
export function parseTemplateUncached(value: string): Template {
  if (value.startsWith('@') && !value.startsWith('@{')) {
    if (value.startsWith('@@')) return { kind: 'literal', value: value.slice(1) };
    const text = value.slice(1);
    return { kind: 'expression', expr: parseExpressionAt(text, 1), text };
  }
  if (!value.includes('@{')) return { kind: 'literal', value };
  const parts: (string | { expr: Expr; text: string })[] = [];
  let literal = '';
  let i = 0;
  while (i < value.length) {
    const at = value.indexOf('@', i);
    if (at < 0) {
      literal += value.slice(i);
      break;
    }
    literal += value.slice(i, at);
    if (value.startsWith('@@{', at)) {
      literal += '@{';
      i = at + 3;
    } else if (value.startsWith('@{', at)) {
      const close = findClose(value, at + 2);
      if (close < 0) {
        throw new ExpressionError(
          `The template string '${value}' is not valid: the '@{' at position ${at} has no closing '}'.`,
          'InvalidTemplate',
          at,
        );
      }
      const text = value.slice(at + 2, close);
      if (literal !== '') parts.push(literal);
      literal = '';
      parts.push({ expr: parseExpressionAt(text, at + 2), text });
      i = close + 1;
    } else {
      literal += '@';
      i = at + 1;
    }
  }
  if (literal !== '') parts.push(literal);
  if (parts.every((p) => typeof p === 'string')) return { kind: 'literal', value: parts.join('') };
  return { kind: 'interpolation', parts };
}
