import { evaluateExpression } from '../../../flows/runtime/expression';
import { TestHost } from './test-host';

/** Evaluates expression text with a fresh test host (or the given one). */
export function ev(text: string, host: TestHost = new TestHost()): unknown {
  return evaluateExpression(text, host);
}
