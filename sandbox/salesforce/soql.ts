import { sfErrors } from './errors';

/**
 * The SOQL subset the Salesforce connector produces for its list, get and polling operations:
 * `SELECT f, … FROM Object [WHERE …] [ORDER BY f [ASC|DESC] [NULLS FIRST|LAST], …] [LIMIT n] [OFFSET n]`,
 * with `=`, `!=`, `<>`, `<`, `<=`, `>`, `>=`, `LIKE`, `[NOT] IN (…)`, `AND`, `OR`, `NOT`, parentheses and
 * string, number, boolean, null, date and datetime literals. Anything else is a MALFORMED_QUERY.
 */
export type Literal =
  | { kind: 'string'; value: string }
  | { kind: 'number'; value: number }
  | { kind: 'boolean'; value: boolean }
  | { kind: 'null' }
  | { kind: 'date'; value: string }
  | { kind: 'datetime'; value: number };

export type Condition =
  | { kind: 'and' | 'or'; left: Condition; right: Condition }
  | { kind: 'not'; operand: Condition }
  | { kind: 'compare'; field: string; op: '=' | '!=' | '<' | '<=' | '>' | '>=' | 'like'; value: Literal }
  | { kind: 'in'; field: string; negated: boolean; values: Literal[] };

export interface SoqlQuery {
  fields: string[];
  from: string;
  where?: Condition;
  orderBy: { field: string; descending: boolean; nullsLast: boolean }[];
  limit?: number;
  offset?: number;
}

type Token =
  { t: 'ident'; v: string } | { t: 'lit'; v: Literal } | { t: 'op'; v: string } | { t: 'punct'; v: '(' | ')' | ',' };

const DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?(Z|[+-]\d{2}:?\d{2})/;
const DATE = /^\d{4}-\d{2}-\d{2}(?![\dT])/;

export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    if (ch === "'") {
      let s = '';
      i++;
      for (;;) {
        if (i >= text.length) throw sfErrors.malformedQuery('unexpected end of query: unterminated string literal');
        const c = text[i];
        if (c === '\\') {
          const n = text[i + 1];
          const map: Record<string, string> = { n: '\n', r: '\r', t: '\t', "'": "'", '"': '"', '\\': '\\' };
          if (n === undefined || !(n in map)) throw sfErrors.malformedQuery(`invalid escape sequence \\${n ?? ''}`);
          s += map[n];
          i += 2;
          continue;
        }
        if (c === "'") {
          i++;
          break;
        }
        s += c;
        i++;
      }
      out.push({ t: 'lit', v: { kind: 'string', value: s } });
      continue;
    }
    const rest = text.slice(i);
    const dt = DATETIME.exec(rest);
    if (dt) {
      const ms = Date.parse(dt[0].replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
      if (Number.isNaN(ms)) throw sfErrors.malformedQuery(`invalid datetime literal ${dt[0]}`);
      out.push({ t: 'lit', v: { kind: 'datetime', value: ms } });
      i += dt[0].length;
      continue;
    }
    const d = DATE.exec(rest);
    if (d) {
      out.push({ t: 'lit', v: { kind: 'date', value: d[0] } });
      i += d[0].length;
      continue;
    }
    const num = /^-?\d+(\.\d+)?/.exec(rest);
    if (num) {
      out.push({ t: 'lit', v: { kind: 'number', value: Number(num[0]) } });
      i += num[0].length;
      continue;
    }
    const op = /^(!=|<>|<=|>=|=|<|>)/.exec(rest);
    if (op) {
      out.push({ t: 'op', v: op[0] === '<>' ? '!=' : op[0] });
      i += op[0].length;
      continue;
    }
    if (ch === '(' || ch === ')' || ch === ',') {
      out.push({ t: 'punct', v: ch });
      i++;
      continue;
    }
    const id = /^[A-Za-z_][A-Za-z0-9_.]*/.exec(rest);
    if (id) {
      const lower = id[0].toLowerCase();
      if (lower === 'true' || lower === 'false')
        out.push({ t: 'lit', v: { kind: 'boolean', value: lower === 'true' } });
      else if (lower === 'null') out.push({ t: 'lit', v: { kind: 'null' } });
      else out.push({ t: 'ident', v: id[0] });
      i += id[0].length;
      continue;
    }
    throw sfErrors.malformedQuery(`unexpected token: '${rest.slice(0, 20)}'`);
  }
  return out;
}

class Parser {
  private i = 0;
  constructor(private readonly tokens: Token[]) {}

  private peek(): Token | undefined {
    return this.tokens[this.i];
  }
  private keyword(word: string): boolean {
    const t = this.peek();
    if (t?.t === 'ident' && t.v.toUpperCase() === word) {
      this.i++;
      return true;
    }
    return false;
  }
  private expectKeyword(word: string): void {
    if (!this.keyword(word)) throw sfErrors.malformedQuery(`expecting '${word}', found '${this.describe()}'`);
  }
  private describe(): string {
    const t = this.peek();
    if (!t) return 'end of query';
    return t.t === 'lit' ? JSON.stringify('value' in t.v ? t.v.value : null) : String(t.v);
  }
  private ident(): string {
    const t = this.peek();
    if (t?.t !== 'ident') throw sfErrors.malformedQuery(`expecting a field name, found '${this.describe()}'`);
    this.i++;
    return t.v;
  }
  private punct(p: '(' | ')' | ','): boolean {
    const t = this.peek();
    if (t?.t === 'punct' && t.v === p) {
      this.i++;
      return true;
    }
    return false;
  }
  private literal(): Literal {
    const t = this.peek();
    if (t?.t !== 'lit') throw sfErrors.malformedQuery(`expecting a value, found '${this.describe()}'`);
    this.i++;
    return t.v;
  }
  private integer(what: string): number {
    const v = this.literal();
    if (v.kind !== 'number' || !Number.isInteger(v.value) || v.value < 0)
      throw sfErrors.malformedQuery(`${what} must be a non-negative integer`);
    return v.value;
  }

  query(): SoqlQuery {
    this.expectKeyword('SELECT');
    const fields = [this.ident()];
    while (this.punct(',')) fields.push(this.ident());
    this.expectKeyword('FROM');
    const from = this.ident();
    const q: SoqlQuery = { fields, from, orderBy: [] };
    if (this.keyword('WHERE')) q.where = this.or();
    if (this.keyword('ORDER')) {
      this.expectKeyword('BY');
      do {
        const field = this.ident();
        const descending = this.keyword('DESC') ? true : (this.keyword('ASC'), false);
        let nullsLast = descending;
        if (this.keyword('NULLS')) {
          if (this.keyword('LAST')) nullsLast = true;
          else {
            this.expectKeyword('FIRST');
            nullsLast = false;
          }
        }
        q.orderBy.push({ field, descending, nullsLast });
      } while (this.punct(','));
    }
    if (this.keyword('LIMIT')) q.limit = this.integer('LIMIT');
    if (this.keyword('OFFSET')) q.offset = this.integer('OFFSET');
    if (this.peek()) throw sfErrors.malformedQuery(`unexpected token: '${this.describe()}'`);
    return q;
  }

  private or(): Condition {
    let left = this.and();
    while (this.keyword('OR')) left = { kind: 'or', left, right: this.and() };
    return left;
  }
  private and(): Condition {
    let left = this.factor();
    while (this.keyword('AND')) left = { kind: 'and', left, right: this.factor() };
    return left;
  }
  private factor(): Condition {
    if (this.keyword('NOT')) return { kind: 'not', operand: this.factor() };
    if (this.punct('(')) {
      const c = this.or();
      if (!this.punct(')')) throw sfErrors.malformedQuery(`expecting ')', found '${this.describe()}'`);
      return c;
    }
    const field = this.ident();
    const negated = this.keyword('NOT');
    if (this.keyword('IN')) {
      if (!this.punct('(')) throw sfErrors.malformedQuery(`expecting '(', found '${this.describe()}'`);
      const values = [this.literal()];
      while (this.punct(',')) values.push(this.literal());
      if (!this.punct(')')) throw sfErrors.malformedQuery(`expecting ')', found '${this.describe()}'`);
      return { kind: 'in', field, negated, values };
    }
    if (negated) throw sfErrors.malformedQuery(`expecting 'IN', found '${this.describe()}'`);
    if (this.keyword('LIKE')) return { kind: 'compare', field, op: 'like', value: this.literal() };
    const t = this.peek();
    if (t?.t !== 'op') throw sfErrors.malformedQuery(`expecting an operator, found '${this.describe()}'`);
    this.i++;
    return { kind: 'compare', field, op: t.v as '=', value: this.literal() };
  }
}

export function parseSoql(text: string): SoqlQuery {
  return new Parser(tokenize(text)).query();
}

/** Fields a condition reads. */
export function conditionFields(c: Condition | undefined): string[] {
  if (!c) return [];
  switch (c.kind) {
    case 'and':
    case 'or':
      return [...conditionFields(c.left), ...conditionFields(c.right)];
    case 'not':
      return conditionFields(c.operand);
    default:
      return [c.field];
  }
}
