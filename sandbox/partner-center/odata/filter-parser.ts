import type { ComparisonOperator, FilterExpr, Operand, PathOperand } from './filter-ast';
import { filterError, tokenize, type Token } from './lexer';

const COMPARISONS = new Set<string>(['eq', 'ne', 'gt', 'ge', 'lt', 'le']);
const UNSUPPORTED_OPERATORS = new Set(['has', 'in', 'add', 'sub', 'mul', 'div', 'divby', 'mod']);
const MAX_DEPTH = 64;
const MAX_LENGTH = 8192;

export const SUPPORTED_FILTER_SYNTAX =
  'eq, ne, gt, ge, lt, le, and, or, not, parentheses, property paths (a/b/c), any() over collections, string, number, boolean, null, GUID and date/time literals';

/**
 * Parses the `$filter` subset Partner Center documents (reference §3.4). Anything else (functions
 * such as contains(), `all`, `in`, `has`, arithmetic) is rejected with a 400 naming the construct.
 */
export function parseFilter(input: string): FilterExpr {
  if (input.length > MAX_LENGTH) throw filterError(`expression longer than ${MAX_LENGTH} characters`);
  if (input.trim() === '') throw filterError('empty expression');
  const parser = new Parser(tokenize(input));
  const expr = parser.parseOr([], 0);
  parser.expectEnd();
  return expr;
}

class Parser {
  private index = 0;
  constructor(private readonly tokens: Token[]) {}

  private peek(offset = 0): Token {
    return this.tokens[Math.min(this.index + offset, this.tokens.length - 1)];
  }
  private take(): Token {
    const t = this.peek();
    if (this.index < this.tokens.length - 1) this.index++;
    return t;
  }
  private isKeyword(word: string, offset = 0): boolean {
    const t = this.peek(offset);
    return t.kind === 'ident' && t.text === word;
  }
  private isPunct(text: string, offset = 0): boolean {
    const t = this.peek(offset);
    return t.kind === 'punct' && t.text === text;
  }
  private expectPunct(text: string): void {
    if (!this.isPunct(text)) throw filterError(`expected '${text}' ${describe(this.peek())}`);
    this.take();
  }

  expectEnd(): void {
    const t = this.peek();
    if (t.kind !== 'end') throw filterError(`unexpected ${describe(t)}`);
  }

  parseOr(scope: string[], depth: number): FilterExpr {
    if (depth > MAX_DEPTH) throw filterError(`nesting deeper than ${MAX_DEPTH} levels`);
    let left = this.parseAnd(scope, depth);
    while (this.isKeyword('or')) {
      this.take();
      left = { kind: 'or', left, right: this.parseAnd(scope, depth) };
    }
    return left;
  }

  private parseAnd(scope: string[], depth: number): FilterExpr {
    let left = this.parseNot(scope, depth);
    while (this.isKeyword('and')) {
      this.take();
      left = { kind: 'and', left, right: this.parseNot(scope, depth) };
    }
    return left;
  }

  private parseNot(scope: string[], depth: number): FilterExpr {
    if (this.isKeyword('not')) {
      this.take();
      return { kind: 'not', operand: this.parseNot(scope, depth + 1) };
    }
    return this.parsePrimary(scope, depth);
  }

  private parsePrimary(scope: string[], depth: number): FilterExpr {
    if (this.isPunct('(')) {
      this.take();
      const inner = this.parseOr(scope, depth + 1);
      this.expectPunct(')');
      this.rejectTrailingOperator();
      return inner;
    }
    const left = this.parseOperandOrLambda(scope, depth);
    if (left.kind === 'any') {
      this.rejectTrailingOperator();
      return left;
    }
    const t = this.peek();
    if (t.kind === 'ident' && COMPARISONS.has(t.text)) {
      this.take();
      const right = this.parseOperandOrLambda(scope, depth);
      if (right.kind === 'any') throw filterError('any() cannot be compared with a value');
      this.rejectTrailingOperator();
      return { kind: 'compare', op: t.text as ComparisonOperator, left, right };
    }
    this.rejectTrailingOperator();
    if (left.kind === 'path' || (left.kind === 'literal' && left.type === 'boolean'))
      return { kind: 'boolean', operand: left };
    throw filterError(`a ${left.kind === 'literal' ? left.type : 'value'} is not a condition (${describe(t)})`);
  }

  private rejectTrailingOperator(): void {
    const t = this.peek();
    if (t.kind === 'ident' && UNSUPPORTED_OPERATORS.has(t.text.toLowerCase()))
      throw filterError(`operator '${t.text}' is not supported (supported: ${SUPPORTED_FILTER_SYNTAX})`);
    if (t.kind === 'ident' && COMPARISONS.has(t.text))
      throw filterError(`comparisons cannot be chained (${describe(t)})`);
  }

  private parseOperandOrLambda(scope: string[], depth: number): Operand | Extract<FilterExpr, { kind: 'any' }> {
    const t = this.take();
    switch (t.kind) {
      case 'string':
        return { kind: 'literal', type: 'string', value: t.value };
      case 'guid':
        return { kind: 'literal', type: 'guid', value: t.value };
      case 'number':
        return { kind: 'literal', type: 'number', value: t.value };
      case 'datetime':
        return { kind: 'literal', type: 'datetime', value: t.value, text: t.text };
      case 'ident':
        break;
      default:
        throw filterError(`expected a property or a value ${describe(t)}`);
    }
    const word = t.text;
    if (word === 'true' || word === 'false') return { kind: 'literal', type: 'boolean', value: word === 'true' };
    if (word === 'null') return { kind: 'literal', type: 'null', value: null };
    if (this.peek().kind === 'string' && /^(datetime|datetimeoffset|guid|date|time|duration|binary)$/i.test(word))
      throw filterError(`typed literal ${word}'...' is not supported; write the value without a prefix`);
    if (this.isPunct('(')) {
      if (/^(datetime|datetimeoffset|guid)$/i.test(word) || this.peek(1).kind === 'string')
        throw filterError(`typed literal ${word}'...' is not supported; write the value without a prefix`);
      throw filterError(`function '${word}()' is not supported (supported: ${SUPPORTED_FILTER_SYNTAX})`);
    }
    if (word.startsWith('$') || word.startsWith('@')) throw filterError(`'${word}' is not supported`);
    if (COMPARISONS.has(word) || ['and', 'or', 'not'].includes(word))
      throw filterError(`unexpected operator '${word}'`);

    const path: PathOperand = scope.includes(word)
      ? { kind: 'path', variable: word, segments: [] }
      : { kind: 'path', segments: [word] };
    while (this.isPunct('/')) {
      this.take();
      const seg = this.take();
      if (seg.kind !== 'ident') throw filterError(`expected a property name after '/' ${describe(seg)}`);
      if (this.isPunct('(')) {
        if (seg.text === 'any') return this.parseAny(path, scope, depth);
        if (seg.text === 'all')
          throw filterError(`lambda 'all()' is not supported; use not any(...) with the negated condition`);
        throw filterError(`function '${seg.text}()' is not supported (supported: ${SUPPORTED_FILTER_SYNTAX})`);
      }
      path.segments.push(seg.text);
    }
    return path;
  }

  private parseAny(collection: PathOperand, scope: string[], depth: number): Extract<FilterExpr, { kind: 'any' }> {
    this.expectPunct('(');
    if (this.isPunct(')')) {
      this.take();
      return { kind: 'any', collection };
    }
    const v = this.take();
    if (v.kind !== 'ident' || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(v.text))
      throw filterError(`expected a lambda variable name in any() ${describe(v)}`);
    this.expectPunct(':');
    const predicate = this.parseOr([...scope, v.text], depth + 1);
    this.expectPunct(')');
    return { kind: 'any', collection, variable: v.text, predicate };
  }
}

function describe(t: Token): string {
  switch (t.kind) {
    case 'end':
      return 'at the end of the expression';
    case 'string':
      return `'${t.value}' at position ${t.pos}`;
    case 'number':
    case 'datetime':
    case 'ident':
    case 'punct':
    case 'other':
      return `'${t.text}' at position ${t.pos}`;
    case 'guid':
      return `'${t.value}' at position ${t.pos}`;
  }
}
