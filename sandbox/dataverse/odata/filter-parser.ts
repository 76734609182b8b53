import { errors } from '../errors';
import type {
  ComparisonOperator,
  CrmFunction,
  FilterExpression,
  Literal,
  Operand,
  PropertyRef,
  StringFunction,
} from './filter-ast';

type Token =
  | { t: 'string'; value: string; pos: number }
  | { t: 'number'; value: number; raw: string; pos: number }
  | { t: 'guid'; value: string; pos: number }
  | { t: 'datetime'; value: string; pos: number }
  | { t: 'date'; value: string; pos: number }
  | { t: 'ident'; value: string; pos: number }
  | { t: 'punct'; value: '(' | ')' | ',' | '=' | '[' | ']'; pos: number }
  | { t: 'end'; pos: number };

const GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}/;
const DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|[+-]\d{2}:\d{2})/;
const DATE = /^\d{4}-\d{2}-\d{2}(?![\w:-])/;
const NUMBER = /^-?\d+(\.\d+)?([eE][+-]?\d+)?[mMdDfFlL]?(?![\w.])/;
const IDENT = /^[A-Za-z_][A-Za-z0-9_.]*/;

const COMPARISONS = new Set(['eq', 'ne', 'gt', 'ge', 'lt', 'le']);
const STRING_FUNCTIONS = new Set(['contains', 'startswith', 'endswith']);
const CRM_FUNCTIONS = new Set(['ContainValues', 'DoesNotContainValues', 'In', 'NotIn']);
const CRM_NAMESPACE = 'Microsoft.Dynamics.CRM.';
/** Bounds the work a hostile filter can cause. */
const MAX_FILTER_LENGTH = 32768;
const MAX_DEPTH = 100;

function syntaxError(pos: number, text: string): never {
  throw errors.query(`Syntax error at position ${pos} in '${text}'.`);
}

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    if (ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r') {
      i++;
      continue;
    }
    const rest = text.slice(i);
    if (ch === "'") {
      let value = '';
      let j = i + 1;
      for (;;) {
        if (j >= text.length)
          throw errors.query(`There is an unterminated string literal at position ${i} in '${text}'.`);
        if (text[j] === "'") {
          if (text[j + 1] === "'") {
            value += "'";
            j += 2;
            continue;
          }
          break;
        }
        value += text[j++];
      }
      tokens.push({ t: 'string', value, pos: i });
      i = j + 1;
      continue;
    }
    if (ch === '(' || ch === ')' || ch === ',' || ch === '=' || ch === '[' || ch === ']') {
      tokens.push({ t: 'punct', value: ch, pos: i });
      i++;
      continue;
    }
    let m: RegExpExecArray | null;
    if ((m = GUID.exec(rest))) {
      tokens.push({ t: 'guid', value: m[0].toLowerCase(), pos: i });
    } else if ((m = DATETIME.exec(rest))) {
      if (Number.isNaN(Date.parse(m[0])))
        throw errors.query(`Unrecognized 'Edm.DateTimeOffset' literal '${m[0]}' at '${i}' in '${text}'.`);
      tokens.push({ t: 'datetime', value: m[0], pos: i });
    } else if ((m = DATE.exec(rest))) {
      if (Number.isNaN(Date.parse(`${m[0]}T00:00:00Z`)))
        throw errors.query(`Unrecognized 'Edm.Date' literal '${m[0]}' at '${i}' in '${text}'.`);
      tokens.push({ t: 'date', value: m[0], pos: i });
    } else if ((m = NUMBER.exec(rest))) {
      const raw = m[0].replace(/[mMdDfFlL]$/, '');
      tokens.push({ t: 'number', value: Number(raw), raw, pos: i });
    } else if ((m = IDENT.exec(rest))) {
      tokens.push({ t: 'ident', value: m[0], pos: i });
    } else {
      syntaxError(i, text);
    }
    i += m[0].length;
  }
  tokens.push({ t: 'end', pos: text.length });
  return tokens;
}

class Parser {
  private i = 0;
  private depth = 0;
  constructor(
    private readonly tokens: Token[],
    private readonly text: string,
  ) {}

  parse(): FilterExpression {
    const e = this.orExpr();
    const t = this.peek();
    if (t.t !== 'end') syntaxError(t.pos, this.text);
    return e;
  }

  private peek(): Token {
    return this.tokens[this.i];
  }
  private next(): Token {
    return this.tokens[this.i++];
  }
  private isKeyword(word: string): boolean {
    const t = this.peek();
    return t.t === 'ident' && t.value === word;
  }
  private expectPunct(p: string): void {
    const t = this.next();
    if (t.t !== 'punct' || t.value !== p) syntaxError(t.pos, this.text);
  }

  private orExpr(): FilterExpression {
    let left = this.andExpr();
    while (this.isKeyword('or')) {
      this.next();
      left = { kind: 'or', left, right: this.andExpr() };
    }
    return left;
  }

  private andExpr(): FilterExpression {
    let left = this.unary();
    while (this.isKeyword('and')) {
      this.next();
      left = { kind: 'and', left, right: this.unary() };
    }
    return left;
  }

  private unary(): FilterExpression {
    if (++this.depth > MAX_DEPTH)
      throw errors.query(`The $filter expression is nested more than ${MAX_DEPTH} levels deep.`);
    try {
      if (this.isKeyword('not')) {
        this.next();
        return { kind: 'not', operand: this.unary() };
      }
      return this.primary();
    } finally {
      this.depth--;
    }
  }

  private primary(): FilterExpression {
    const t = this.peek();
    if (t.t === 'punct' && t.value === '(') {
      this.next();
      const inner = this.orExpr();
      this.expectPunct(')');
      return inner;
    }
    if (t.t === 'ident') {
      const after = this.tokens[this.i + 1];
      if (after.t === 'punct' && after.value === '(') return this.functionCall();
    }
    const left = this.operand();
    const opTok = this.next();
    if (opTok.t !== 'ident' || !COMPARISONS.has(opTok.value)) {
      if (opTok.t === 'end') throw errors.query(`Expression expected at position ${opTok.pos} in '${this.text}'.`);
      syntaxError(opTok.pos, this.text);
    }
    const right = this.operand();
    return { kind: 'compare', op: opTok.value as ComparisonOperator, left, right, position: t.pos };
  }

  private operand(): Operand {
    const t = this.next();
    switch (t.t) {
      case 'string':
        return { kind: 'literal', type: 'string', value: t.value };
      case 'number':
        return { kind: 'literal', type: 'number', value: t.value, raw: t.raw };
      case 'guid':
        return { kind: 'literal', type: 'guid', value: t.value };
      case 'datetime':
        return { kind: 'literal', type: 'datetime', value: t.value };
      case 'date':
        return { kind: 'literal', type: 'date', value: t.value };
      case 'ident':
        if (t.value === 'null') return { kind: 'literal', type: 'null', value: null };
        if (t.value === 'true' || t.value === 'false')
          return { kind: 'literal', type: 'boolean', value: t.value === 'true' };
        if (COMPARISONS.has(t.value) || t.value === 'and' || t.value === 'or' || t.value === 'not')
          syntaxError(t.pos, this.text);
        if (t.value.includes('.')) syntaxError(t.pos, this.text);
        return { kind: 'property', name: t.value, position: t.pos };
      case 'end':
        throw errors.query(`Expression expected at position ${t.pos} in '${this.text}'.`);
      default:
        return syntaxError(t.pos, this.text);
    }
  }

  private functionCall(): FilterExpression {
    const nameTok = this.next() as Extract<Token, { t: 'ident' }>;
    this.expectPunct('(');
    if (STRING_FUNCTIONS.has(nameTok.value)) {
      const prop = this.operand();
      this.expectPunct(',');
      const value = this.operand();
      this.expectPunct(')');
      if (prop.kind !== 'property' || value.kind !== 'literal')
        throw errors.query(
          `The function '${nameTok.value}' at position ${nameTok.pos} needs a column and a literal: ${nameTok.value}(column,'text').`,
        );
      return {
        kind: 'stringFunction',
        name: nameTok.value as StringFunction,
        property: prop as PropertyRef,
        value: value as Literal,
        position: nameTok.pos,
      };
    }
    const short = nameTok.value.startsWith(CRM_NAMESPACE) ? nameTok.value.slice(CRM_NAMESPACE.length) : undefined;
    if (short !== undefined && CRM_FUNCTIONS.has(short)) return this.crmFunction(short as CrmFunction, nameTok.pos);
    throw errors.query(
      `An unknown function with name '${nameTok.value}' was found. This may also be a function import or a key lookup on a navigation property, which is not allowed.`,
    );
  }

  /** `(PropertyName='x',PropertyValues=['1','2'])`, the opening parenthesis already read. */
  private crmFunction(name: CrmFunction, pos: number): FilterExpression {
    let property: string | undefined;
    let values: string[] | undefined;
    for (let n = 0; n < 2; n++) {
      const key = this.next();
      if (key.t !== 'ident') syntaxError(key.pos, this.text);
      this.expectPunct('=');
      if (key.value === 'PropertyName') {
        const v = this.next();
        if (v.t !== 'string') syntaxError(v.pos, this.text);
        property = v.value;
      } else if (key.value === 'PropertyValues') {
        this.expectPunct('[');
        values = [];
        for (;;) {
          const v = this.next();
          if (v.t === 'string') values.push(v.value);
          else if (v.t === 'number') values.push(v.raw);
          else syntaxError(v.pos, this.text);
          const sep = this.next();
          if (sep.t === 'punct' && sep.value === ']') break;
          if (sep.t !== 'punct' || sep.value !== ',') syntaxError(sep.pos, this.text);
        }
      } else {
        throw errors.query(`The function 'Microsoft.Dynamics.CRM.${name}' has no parameter named '${key.value}'.`);
      }
      if (n === 0) this.expectPunct(',');
    }
    this.expectPunct(')');
    if (property === undefined || values === undefined)
      throw errors.query(`The function 'Microsoft.Dynamics.CRM.${name}' needs PropertyName and PropertyValues.`);
    return { kind: 'crmFunction', name, property, values, position: pos };
  }
}

/** Parses `$filter` text into a tree; a syntax fault throws a 400 Dataverse error naming its position. */
export function parseFilter(text: string): FilterExpression {
  if (text.trim() === '') throw errors.query('The $filter query option is empty.');
  if (text.length > MAX_FILTER_LENGTH)
    throw errors.query(`The $filter query option is longer than ${MAX_FILTER_LENGTH} characters.`);
  return new Parser(tokenize(text), text).parse();
}
