/**
 * XPath 1.0 over the XML model in dom.ts, for the xpath() function: location paths with every axis
 * except namespace, node tests, predicates, operators, and the core function library. Like .NET without
 * a namespace manager, prefixed name tests fail and unprefixed ones match only elements in no namespace
 * (use `*[name()="x"]` / `*[local-name()="x"]` for namespaced documents).
 */
import { textContent, type XDocument, type XElement, type XNode } from './dom';

export class XPathError extends Error {}

export interface XAttrNode {
  type: 'attribute';
  name: string;
  value: string;
  parent: XElement;
}

export type XPathNode = XNode | XDocument | XAttrNode;
export type XPathValue = number | string | boolean | XPathNode[];

type Tok = { k: 'num'; v: number } | { k: 'str'; v: string } | { k: 'name'; v: string } | { k: 'op'; v: string };

type NodeTest =
  | { kind: 'name'; name: string }
  | { kind: 'any' }
  | { kind: 'type'; type: 'node' | 'text' | 'comment' | 'processing-instruction' };
interface Step {
  axis: string;
  test: NodeTest;
  preds: Ast[];
}
type Ast =
  | { t: 'num'; v: number }
  | { t: 'str'; v: string }
  | { t: 'fn'; name: string; args: Ast[] }
  | { t: 'bin'; op: string; l: Ast; r: Ast }
  | { t: 'neg'; e: Ast }
  | { t: 'path'; absolute: boolean; filter?: Ast; filterPreds: Ast[]; steps: Step[] };

const AXES = new Set([
  'ancestor',
  'ancestor-or-self',
  'attribute',
  'child',
  'descendant',
  'descendant-or-self',
  'following',
  'following-sibling',
  'namespace',
  'parent',
  'preceding',
  'preceding-sibling',
  'self',
]);
const NODE_TYPES = new Set(['node', 'text', 'comment', 'processing-instruction']);

function tokenize(s: string): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  const operatorContext = (): boolean => {
    const p = out[out.length - 1];
    if (!p) return false;
    if (p.k === 'op') return p.v === ')' || p.v === ']' || p.v === '.' || p.v === '..';
    return true;
  };
  while (i < s.length) {
    const c = s[i];
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (c === '"' || c === "'") {
      const end = s.indexOf(c, i + 1);
      if (end < 0) throw new XPathError('Unterminated string literal in XPath expression.');
      out.push({ k: 'str', v: s.slice(i + 1, end) });
      i = end + 1;
      continue;
    }
    const num = /^(\d+(\.\d*)?|\.\d+)/.exec(s.slice(i));
    if (num) {
      out.push({ k: 'num', v: Number(num[0]) });
      i += num[0].length;
      continue;
    }
    const two = s.slice(i, i + 2);
    if (two === '//' || two === '::' || two === '..' || two === '!=' || two === '<=' || two === '>=') {
      out.push({ k: 'op', v: two });
      i += 2;
      continue;
    }
    if ('()[]@,/|+-=<>.$'.includes(c)) {
      if (c === '$') throw new XPathError('XPath variables are not supported.');
      out.push({ k: 'op', v: c });
      i++;
      continue;
    }
    if (c === '*') {
      out.push(operatorContext() ? { k: 'op', v: '*' } : { k: 'name', v: '*' });
      i++;
      continue;
    }
    const name =
      /^[A-Za-z_\u00C0-\uFFFF][\w.\-\u00B7\u00C0-\uFFFF]*(:(\*|[A-Za-z_\u00C0-\uFFFF][\w.\-\u00B7\u00C0-\uFFFF]*))?/.exec(
        s.slice(i),
      );
    if (!name) throw new XPathError(`Unexpected character '${c}' in XPath expression.`);
    let v = name[0];
    // `a::b` is an axis, not a QName: give back the part after a single colon followed by ':'.
    if (s[i + v.length] === ':' && v.includes(':')) v = v.slice(0, v.indexOf(':'));
    if (operatorContext() && (v === 'and' || v === 'or' || v === 'div' || v === 'mod')) out.push({ k: 'op', v });
    else out.push({ k: 'name', v });
    i += v.length;
  }
  return out;
}

class Parser {
  private i = 0;
  constructor(private readonly toks: Tok[]) {}

  private peek(o = 0): Tok | undefined {
    return this.toks[this.i + o];
  }
  private isOp(v: string, o = 0): boolean {
    const t = this.peek(o);
    return t !== undefined && t.k === 'op' && t.v === v;
  }
  private take(v: string): void {
    if (!this.isOp(v)) throw new XPathError(`Expected '${v}' in XPath expression.`);
    this.i++;
  }

  parseAll(): Ast {
    const e = this.or();
    if (this.i < this.toks.length) throw new XPathError('Unexpected token in XPath expression.');
    return e;
  }

  private binary(next: () => Ast, ops: string[]): Ast {
    let l = next();
    for (;;) {
      const t = this.peek();
      if (t && t.k === 'op' && ops.includes(t.v)) {
        this.i++;
        l = { t: 'bin', op: t.v, l, r: next() };
      } else return l;
    }
  }
  private or = (): Ast => this.binary(this.and, ['or']);
  private and = (): Ast => this.binary(this.eq, ['and']);
  private eq = (): Ast => this.binary(this.rel, ['=', '!=']);
  private rel = (): Ast => this.binary(this.add, ['<', '>', '<=', '>=']);
  private add = (): Ast => this.binary(this.mul, ['+', '-']);
  private mul = (): Ast => this.binary(this.unary, ['*', 'div', 'mod']);
  private unary = (): Ast => {
    if (this.isOp('-')) {
      this.i++;
      return { t: 'neg', e: this.unary() };
    }
    return this.binary(this.path, ['|']);
  };

  private path = (): Ast => {
    const t = this.peek();
    if (!t) throw new XPathError('Unexpected end of XPath expression.');
    const primary =
      (t.k === 'op' && t.v === '(') ||
      t.k === 'str' ||
      t.k === 'num' ||
      (t.k === 'name' && this.isOp('(', 1) && !NODE_TYPES.has(t.v));
    if (primary) {
      const filter = this.primary();
      const filterPreds: Ast[] = [];
      while (this.isOp('[')) filterPreds.push(this.predicate());
      const steps: Step[] = [];
      if (this.isOp('/') || this.isOp('//')) this.relative(steps);
      if (steps.length === 0 && filterPreds.length === 0) return filter;
      return { t: 'path', absolute: false, filter, filterPreds, steps };
    }
    const steps: Step[] = [];
    let absolute = false;
    if (this.isOp('/')) {
      absolute = true;
      this.i++;
      const n = this.peek();
      const startsStep = n && (n.k === 'name' || (n.k === 'op' && (n.v === '@' || n.v === '.' || n.v === '..')));
      if (!startsStep) return { t: 'path', absolute, filterPreds: [], steps };
    } else if (this.isOp('//')) {
      absolute = true;
      this.i++;
      steps.push({ axis: 'descendant-or-self', test: { kind: 'type', type: 'node' }, preds: [] });
    }
    steps.push(this.step());
    this.relative(steps);
    return { t: 'path', absolute, filterPreds: [], steps };
  };

  private relative(steps: Step[]): void {
    for (;;) {
      if (this.isOp('/')) {
        this.i++;
      } else if (this.isOp('//')) {
        this.i++;
        steps.push({ axis: 'descendant-or-self', test: { kind: 'type', type: 'node' }, preds: [] });
      } else return;
      steps.push(this.step());
    }
  }

  private step(): Step {
    if (this.isOp('.')) {
      this.i++;
      return { axis: 'self', test: { kind: 'type', type: 'node' }, preds: [] };
    }
    if (this.isOp('..')) {
      this.i++;
      return { axis: 'parent', test: { kind: 'type', type: 'node' }, preds: [] };
    }
    let axis = 'child';
    if (this.isOp('@')) {
      this.i++;
      axis = 'attribute';
    } else {
      const t = this.peek();
      if (t && t.k === 'name' && this.isOp('::', 1)) {
        if (!AXES.has(t.v)) throw new XPathError(`Unknown XPath axis '${t.v}'.`);
        if (t.v === 'namespace') throw new XPathError('The XPath namespace axis is not supported.');
        axis = t.v;
        this.i += 2;
      }
    }
    const t = this.peek();
    if (!t || t.k !== 'name') throw new XPathError('Expected a node test in XPath expression.');
    this.i++;
    let test: NodeTest;
    if (NODE_TYPES.has(t.v) && this.isOp('(')) {
      this.take('(');
      if (this.peek()?.k === 'str') this.i++;
      this.take(')');
      test = { kind: 'type', type: t.v as 'node' };
    } else if (t.v === '*') {
      test = { kind: 'any' };
    } else {
      if (t.v.includes(':'))
        throw new XPathError(
          `Namespace Manager or XsltContext needed. This query has a prefix, variable, or user-defined function ('${t.v}').`,
        );
      test = { kind: 'name', name: t.v };
    }
    const preds: Ast[] = [];
    while (this.isOp('[')) preds.push(this.predicate());
    return { axis, test, preds };
  }

  private predicate(): Ast {
    this.take('[');
    const e = this.or();
    this.take(']');
    return e;
  }

  private primary(): Ast {
    const t = this.peek()!;
    this.i++;
    if (t.k === 'str') return { t: 'str', v: t.v };
    if (t.k === 'num') return { t: 'num', v: t.v };
    if (t.k === 'op') {
      const e = this.or();
      this.take(')');
      return e;
    }
    this.take('(');
    const args: Ast[] = [];
    if (!this.isOp(')')) {
      args.push(this.or());
      while (this.isOp(',')) {
        this.i++;
        args.push(this.or());
      }
    }
    this.take(')');
    return { t: 'fn', name: t.v, args };
  }
}

// ---- evaluation ----

interface Ctx {
  node: XPathNode;
  pos: number;
  size: number;
}

const attrCache = new WeakMap<XElement, XAttrNode[]>();

function attributesOf(el: XElement): XAttrNode[] {
  let list = attrCache.get(el);
  if (!list) {
    list = el.attrs
      .filter((a) => a.name !== 'xmlns' && !a.name.startsWith('xmlns:'))
      .map((a) => ({ type: 'attribute' as const, name: a.name, value: a.value, parent: el }));
    attrCache.set(el, list);
  }
  return list;
}

function childrenOf(n: XPathNode): XPathNode[] {
  return n.type === 'element' || n.type === 'document' ? n.children : [];
}

function parentOf(n: XPathNode): XPathNode | undefined {
  return n.parent;
}

function descendants(n: XPathNode, out: XPathNode[]): void {
  for (const c of childrenOf(n)) {
    out.push(c);
    descendants(c, out);
  }
}

function rootOf(n: XPathNode): XPathNode {
  let cur = n;
  while (cur.parent) cur = cur.parent;
  return cur;
}

const orderCache = new WeakMap<object, Map<XPathNode, number>>();

function documentOrder(n: XPathNode): Map<XPathNode, number> {
  const root = rootOf(n);
  let map = orderCache.get(root);
  if (!map) {
    const m = new Map<XPathNode, number>();
    let k = 0;
    const visit = (x: XPathNode): void => {
      m.set(x, k++);
      if (x.type === 'element') for (const a of attributesOf(x)) m.set(a, k++);
      for (const c of childrenOf(x)) visit(c);
    };
    visit(root);
    orderCache.set(root, m);
    map = m;
  }
  return map;
}

function sortUnique(nodes: XPathNode[]): XPathNode[] {
  if (nodes.length < 2) return nodes;
  const order = documentOrder(nodes[0]);
  return [...new Set(nodes)].sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0));
}

function namespaceOf(el: XElement): string {
  const prefix = el.name.includes(':') ? el.name.slice(0, el.name.indexOf(':')) : '';
  const attr = prefix ? `xmlns:${prefix}` : 'xmlns';
  for (let cur: XElement | XDocument | undefined = el; cur && cur.type === 'element'; cur = cur.parent) {
    const d = cur.attrs.find((a) => a.name === attr);
    if (d) return d.value;
  }
  return '';
}

function localName(n: XPathNode): string {
  if (n.type === 'element' || n.type === 'attribute')
    return n.name.includes(':') ? n.name.slice(n.name.indexOf(':') + 1) : n.name;
  if (n.type === 'pi') return n.target;
  return '';
}

function qualifiedName(n: XPathNode): string {
  if (n.type === 'element' || n.type === 'attribute') return n.name;
  if (n.type === 'pi') return n.target;
  return '';
}

function axisNodes(n: XPathNode, axis: string): XPathNode[] {
  switch (axis) {
    case 'child':
      return childrenOf(n);
    case 'attribute':
      return n.type === 'element' ? attributesOf(n) : [];
    case 'self':
      return [n];
    case 'parent':
      return n.parent ? [n.parent] : [];
    case 'descendant': {
      const out: XPathNode[] = [];
      descendants(n, out);
      return out;
    }
    case 'descendant-or-self': {
      const out: XPathNode[] = [n];
      descendants(n, out);
      return out;
    }
    case 'ancestor':
    case 'ancestor-or-self': {
      const out: XPathNode[] = axis === 'ancestor-or-self' ? [n] : [];
      for (let p = parentOf(n); p; p = parentOf(p)) out.push(p);
      return out;
    }
    case 'following-sibling':
    case 'preceding-sibling': {
      if (n.type === 'attribute' || !n.parent) return [];
      const sibs = n.parent.children;
      const idx = sibs.indexOf(n as XNode);
      return axis === 'following-sibling' ? sibs.slice(idx + 1) : sibs.slice(0, idx).reverse();
    }
    case 'following':
    case 'preceding': {
      const order = documentOrder(n);
      const all: XPathNode[] = [];
      descendants(rootOf(n), all);
      const me = order.get(n) ?? 0;
      const ancestors = new Set(axisNodes(n, 'ancestor'));
      const mine = new Set(axisNodes(n, 'descendant'));
      if (axis === 'following') return all.filter((x) => (order.get(x) ?? 0) > me && !mine.has(x));
      return all.filter((x) => (order.get(x) ?? 0) < me && !ancestors.has(x)).reverse();
    }
    default:
      throw new XPathError(`The XPath axis '${axis}' is not supported.`);
  }
}

function matches(n: XPathNode, test: NodeTest, axis: string): boolean {
  const principal = axis === 'attribute' ? 'attribute' : 'element';
  switch (test.kind) {
    case 'any':
      return n.type === principal;
    case 'name':
      if (n.type !== principal) return false;
      if (n.type === 'element' && namespaceOf(n) !== '') return false;
      return n.name === test.name;
    case 'type':
      if (test.type === 'node') return true;
      if (test.type === 'text') return n.type === 'text' || n.type === 'cdata';
      if (test.type === 'comment') return n.type === 'comment';
      return n.type === 'pi';
  }
}

function applyPredicates(nodes: XPathNode[], preds: Ast[]): XPathNode[] {
  let cur = nodes;
  for (const p of preds) {
    const size = cur.length;
    cur = cur.filter((node, i) => {
      const v = evaluate(p, { node, pos: i + 1, size });
      return typeof v === 'number' ? v === i + 1 : toBoolean(v);
    });
  }
  return cur;
}

function evalPath(p: Extract<Ast, { t: 'path' }>, ctx: Ctx): XPathNode[] {
  let nodes: XPathNode[];
  if (p.filter) {
    const v = evaluate(p.filter, ctx);
    if (!Array.isArray(v)) throw new XPathError('Expression must evaluate to a node-set.');
    nodes = applyPredicates(sortUnique(v), p.filterPreds);
  } else {
    nodes = [p.absolute ? rootOf(ctx.node) : ctx.node];
  }
  for (const step of p.steps) {
    const next: XPathNode[] = [];
    for (const n of nodes) {
      const candidates = axisNodes(n, step.axis).filter((x) => matches(x, step.test, step.axis));
      // Predicates see positions in axis order: axisNodes lists reverse axes nearest first.
      next.push(...applyPredicates(candidates, step.preds));
    }
    nodes = sortUnique(next);
  }
  return nodes;
}

export function stringValue(n: XPathNode): string {
  if (n.type === 'attribute') return n.value;
  return textContent(n);
}

function toStr(v: XPathValue): string {
  if (Array.isArray(v)) return v.length === 0 ? '' : stringValue(sortUnique(v)[0]);
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'number') return numberText(v);
  return v;
}

export function numberText(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (!Number.isFinite(v)) return v > 0 ? 'Infinity' : '-Infinity';
  if (Number.isInteger(v)) return String(v);
  const s = String(v);
  if (!s.includes('e')) return s;
  return v.toFixed(20).replace(/0+$/, '');
}

function toNum(v: XPathValue): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  const s = toStr(v).trim();
  return /^-?(\d+(\.\d*)?|\.\d+)$/.test(s) ? Number(s) : NaN;
}

function toBoolean(v: XPathValue): boolean {
  if (Array.isArray(v)) return v.length > 0;
  if (typeof v === 'number') return v !== 0 && !Number.isNaN(v);
  if (typeof v === 'string') return v.length > 0;
  return v;
}

function compareAtoms(op: string, a: XPathValue, b: XPathValue): boolean {
  if (op === '=' || op === '!=') {
    let eq: boolean;
    if (typeof a === 'boolean' || typeof b === 'boolean') eq = toBoolean(a) === toBoolean(b);
    else if (typeof a === 'number' || typeof b === 'number') eq = toNum(a) === toNum(b);
    else eq = toStr(a) === toStr(b);
    return op === '=' ? eq : !eq;
  }
  const x = toNum(a);
  const y = toNum(b);
  return op === '<' ? x < y : op === '>' ? x > y : op === '<=' ? x <= y : x >= y;
}

function compare(op: string, a: XPathValue, b: XPathValue): boolean {
  if (Array.isArray(a) && Array.isArray(b))
    return a.some((x) => b.some((y) => compareAtoms(op, stringValue(x), stringValue(y))));
  if (Array.isArray(a)) {
    if (typeof b === 'boolean') return compareAtoms(op, toBoolean(a), b);
    return a.some((x) => compareAtoms(op, typeof b === 'number' ? toNum(stringValue(x)) : stringValue(x), b));
  }
  if (Array.isArray(b)) {
    if (typeof a === 'boolean') return compareAtoms(op, a, toBoolean(b));
    return b.some((y) => compareAtoms(op, a, typeof a === 'number' ? toNum(stringValue(y)) : stringValue(y)));
  }
  return compareAtoms(op, a, b);
}

function nodeSetArg(v: XPathValue, fn: string): XPathNode[] {
  if (!Array.isArray(v)) throw new XPathError(`The XPath function ${fn}() expects a node-set.`);
  return v;
}

function roundHalfUp(x: number): number {
  return Number.isFinite(x) ? Math.floor(x + 0.5) : x;
}

function callFunction(name: string, args: Ast[], ctx: Ctx): XPathValue {
  const a = (i: number): XPathValue => evaluate(args[i], ctx);
  const arity = (min: number, max = min): void => {
    if (args.length < min || args.length > max)
      throw new XPathError(`The XPath function ${name}() was called with ${args.length} arguments.`);
  };
  const ctxOr = (i: number): XPathValue => (args.length > i ? a(i) : [ctx.node]);
  switch (name) {
    case 'last':
      arity(0);
      return ctx.size;
    case 'position':
      arity(0);
      return ctx.pos;
    case 'count':
      arity(1);
      return nodeSetArg(a(0), name).length;
    case 'local-name':
    case 'name':
    case 'namespace-uri': {
      arity(0, 1);
      const ns = sortUnique(nodeSetArg(ctxOr(0), name));
      if (ns.length === 0) return '';
      if (name === 'local-name') return localName(ns[0]);
      if (name === 'name') return qualifiedName(ns[0]);
      return ns[0].type === 'element' ? namespaceOf(ns[0]) : '';
    }
    case 'string':
      arity(0, 1);
      return toStr(ctxOr(0));
    case 'concat':
      if (args.length < 2) throw new XPathError('The XPath function concat() needs at least two arguments.');
      return args.map((_, i) => toStr(a(i))).join('');
    case 'starts-with':
      arity(2);
      return toStr(a(0)).startsWith(toStr(a(1)));
    case 'contains':
      arity(2);
      return toStr(a(0)).includes(toStr(a(1)));
    case 'substring-before': {
      arity(2);
      const s = toStr(a(0));
      const i = s.indexOf(toStr(a(1)));
      return i < 0 ? '' : s.slice(0, i);
    }
    case 'substring-after': {
      arity(2);
      const s = toStr(a(0));
      const t = toStr(a(1));
      const i = s.indexOf(t);
      return i < 0 ? '' : s.slice(i + t.length);
    }
    case 'substring': {
      arity(2, 3);
      const s = toStr(a(0));
      const start = roundHalfUp(toNum(a(1)));
      const end = args.length > 2 ? start + roundHalfUp(toNum(a(2))) : Infinity;
      let out = '';
      for (let i = 1; i <= s.length; i++) if (i >= start && i < end) out += s[i - 1];
      return out;
    }
    case 'string-length':
      arity(0, 1);
      return toStr(ctxOr(0)).length;
    case 'normalize-space':
      arity(0, 1);
      return toStr(ctxOr(0)).trim().replace(/\s+/g, ' ');
    case 'translate': {
      arity(3);
      const from = toStr(a(1));
      const to = toStr(a(2));
      return [...toStr(a(0))]
        .map((c) => {
          const i = from.indexOf(c);
          return i < 0 ? c : (to[i] ?? '');
        })
        .join('');
    }
    case 'boolean':
      arity(1);
      return toBoolean(a(0));
    case 'not':
      arity(1);
      return !toBoolean(a(0));
    case 'true':
      arity(0);
      return true;
    case 'false':
      arity(0);
      return false;
    case 'number':
      arity(0, 1);
      return toNum(ctxOr(0));
    case 'sum':
      arity(1);
      return nodeSetArg(a(0), name).reduce((s, n) => s + toNum(stringValue(n)), 0);
    case 'floor':
      arity(1);
      return Math.floor(toNum(a(0)));
    case 'ceiling':
      arity(1);
      return Math.ceil(toNum(a(0)));
    case 'round':
      arity(1);
      return roundHalfUp(toNum(a(0)));
    default:
      throw new XPathError(`The XPath function '${name}' is not supported.`);
  }
}

function evaluate(e: Ast, ctx: Ctx): XPathValue {
  switch (e.t) {
    case 'num':
      return e.v;
    case 'str':
      return e.v;
    case 'neg':
      return -toNum(evaluate(e.e, ctx));
    case 'fn':
      return callFunction(e.name, e.args, ctx);
    case 'path':
      return evalPath(e, ctx);
    case 'bin': {
      if (e.op === 'or') return toBoolean(evaluate(e.l, ctx)) || toBoolean(evaluate(e.r, ctx));
      if (e.op === 'and') return toBoolean(evaluate(e.l, ctx)) && toBoolean(evaluate(e.r, ctx));
      const l = evaluate(e.l, ctx);
      const r = evaluate(e.r, ctx);
      switch (e.op) {
        case '|':
          return sortUnique([...nodeSetArg(l, 'union'), ...nodeSetArg(r, 'union')]);
        case '=':
        case '!=':
        case '<':
        case '>':
        case '<=':
        case '>=':
          return compare(e.op, l, r);
        case '+':
          return toNum(l) + toNum(r);
        case '-':
          return toNum(l) - toNum(r);
        case '*':
          return toNum(l) * toNum(r);
        case 'div':
          return toNum(l) / toNum(r);
        case 'mod':
          return toNum(l) % toNum(r);
        default:
          throw new XPathError(`Unknown XPath operator '${e.op}'.`);
      }
    }
  }
}

const compiled = new Map<string, Ast>();

/** Evaluates an XPath 1.0 expression with the document node as context. */
export function evaluateXPath(doc: XDocument, expression: string): XPathValue {
  let ast = compiled.get(expression);
  if (!ast) {
    ast = new Parser(tokenize(expression)).parseAll();
    if (compiled.size > 1000) compiled.clear();
    compiled.set(expression, ast);
  }
  return evaluate(ast, { node: doc, pos: 1, size: 1 });
}
