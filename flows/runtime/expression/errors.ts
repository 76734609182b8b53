/**
 * The one error type the expression language throws. `code` is the Power Automate error code the
 * action fails with (`InvalidTemplate` for nearly everything the template engine rejects).
 */
export class ExpressionError extends Error {
  readonly code: string;
  /** Character offset in the template string (or expression text) where parsing failed, if known. */
  readonly position: number | undefined;

  constructor(message: string, code = 'InvalidTemplate', position?: number) {
    super(message);
    this.name = 'ExpressionError';
    this.code = code;
    this.position = position;
  }
}

const USAGE = 'Please see https://aka.ms/logicexpressions for usage details.';

export function usageHint(fn?: string): string {
  return fn ? `Please see https://aka.ms/logicexpressions#${fn.toLowerCase()} for usage details.` : USAGE;
}
