import { isRecord } from '../definition/types';
import { OPERAND_SLOT_PREFIX } from './host';

/**
 * The Power Automate designer writes conditions as objects
 * (`{"and": [{"equals": ["@x", "@true"]}, {"not": {"equals": [...]}}]}`), where each operand is a
 * template. We compile such an object into one expression whose operands are read back through
 * `variables('<slot>')`, so the comparison uses the expression language's own `equals`, `greater`,
 * ... semantics instead of a second implementation.
 */
export interface CompiledCondition {
  /** Expression text (without `@`), e.g. `and(equals(variables('\0operand:0'), variables('\0operand:1')), ...)`. */
  text: string;
  /** The operand templates, in slot order. */
  operands: unknown[];
}

const OPERATORS: Record<string, { name: string; arity: 'any' | number }> = {
  and: { name: 'and', arity: 'any' },
  or: { name: 'or', arity: 'any' },
  not: { name: 'not', arity: 1 },
  equals: { name: 'equals', arity: 2 },
  greater: { name: 'greater', arity: 2 },
  greaterorequals: { name: 'greaterOrEquals', arity: 2 },
  less: { name: 'less', arity: 2 },
  lessorequals: { name: 'lessOrEquals', arity: 2 },
  contains: { name: 'contains', arity: 2 },
  startswith: { name: 'startsWith', arity: 2 },
  endswith: { name: 'endsWith', arity: 2 },
};

const cache = new WeakMap<object, CompiledCondition | string>();

/** Compiles an object-form condition; returns an error message when the object is malformed. */
export function compileObjectCondition(condition: Record<string, unknown>): CompiledCondition | string {
  const cached = cache.get(condition);
  if (cached !== undefined) return cached;
  const operands: unknown[] = [];
  const compile = (node: unknown, path: string): string => {
    if (!isRecord(node)) throw new Error(`${path}: expected an object with one operator key`);
    const keys = Object.keys(node);
    if (keys.length !== 1) throw new Error(`${path}: expected exactly one operator key, found ${keys.length}`);
    const op = OPERATORS[keys[0].toLowerCase()];
    if (!op) throw new Error(`${path}: unknown condition operator '${keys[0]}'`);
    const raw = node[keys[0]];
    if (op.name === 'not') return `not(${compile(raw, `${path}.not`)})`;
    if (!Array.isArray(raw)) throw new Error(`${path}.${keys[0]}: expected an array of operands`);
    if (op.arity === 'any') {
      if (raw.length === 0) throw new Error(`${path}.${keys[0]}: expected at least one operand`);
      return `${op.name}(${raw.map((n, i) => compile(n, `${path}.${keys[0]}[${i}]`)).join(', ')})`;
    }
    if (raw.length !== op.arity)
      throw new Error(`${path}.${keys[0]}: expected ${op.arity} operands, found ${raw.length}`);
    const slots = raw.map((operand) => {
      operands.push(operand);
      return `variables('${OPERAND_SLOT_PREFIX}${operands.length - 1}')`;
    });
    return `${op.name}(${slots.join(', ')})`;
  };
  let result: CompiledCondition | string;
  try {
    result = { text: compile(condition, 'expression'), operands };
  } catch (e) {
    result = (e as Error).message;
  }
  cache.set(condition, result);
  return result;
}
