/** The parsed form of a `$filter` expression. */
export type ComparisonOperator = 'eq' | 'ne' | 'gt' | 'ge' | 'lt' | 'le';

export type Literal =
  | { kind: 'literal'; type: 'string' | 'guid'; value: string }
  | { kind: 'literal'; type: 'number'; value: number }
  | { kind: 'literal'; type: 'datetime'; value: number; text: string }
  | { kind: 'literal'; type: 'boolean'; value: boolean }
  | { kind: 'literal'; type: 'null'; value: null };

/** A property path, optionally rooted at a lambda variable (`t/email`). */
export interface PathOperand {
  kind: 'path';
  variable?: string;
  segments: string[];
}

export type Operand = Literal | PathOperand;

export type FilterExpr =
  | { kind: 'and' | 'or'; left: FilterExpr; right: FilterExpr }
  | { kind: 'not'; operand: FilterExpr }
  | { kind: 'compare'; op: ComparisonOperator; left: Operand; right: Operand }
  | { kind: 'any'; collection: PathOperand; variable?: string; predicate?: FilterExpr }
  | { kind: 'boolean'; operand: Operand };
