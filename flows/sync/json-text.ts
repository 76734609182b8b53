import { type Expr, fn } from '../builder';

/**
 * JSON text of any value, from inside an expression: `string(createArray(v))` is `[<v as JSON>]`, so
 * dropping the brackets leaves v correctly escaped. Used to build objects whose keys are only known
 * at run time (columns chosen by environment variables).
 */
export function jsonText(v: Expr): Expr {
  const wrapped = fn('string', fn('createArray', v));
  return fn('substring', wrapped, 1, fn('sub', fn('length', wrapped), 2));
}

/** `"key":value` as JSON text, for joining into an object. */
export function jsonPair(key: Expr, value: Expr): Expr {
  return fn('concat', jsonText(key), ':', jsonText(value));
}

/** An object from JSON pair texts (an array expression), e.g. `json(concat('{', join(pairs, ','), '}'))`. */
export function objectFromPairs(pairs: Expr): Expr {
  return fn('json', fn('concat', '{', fn('join', pairs, ','), '}'));
}
