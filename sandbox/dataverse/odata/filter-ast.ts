/** Syntax tree of a Dataverse `$filter` expression (the subset of OData v4 the Web API accepts). */

export type ComparisonOperator = 'eq' | 'ne' | 'gt' | 'ge' | 'lt' | 'le';
export type StringFunction = 'contains' | 'startswith' | 'endswith';
/** Dataverse query functions written `Microsoft.Dynamics.CRM.<Name>(PropertyName=...,PropertyValues=[...])`. */
export type CrmFunction = 'ContainValues' | 'DoesNotContainValues' | 'In' | 'NotIn';

export type Literal =
  | { kind: 'literal'; type: 'string'; value: string }
  | { kind: 'literal'; type: 'number'; value: number; raw: string }
  | { kind: 'literal'; type: 'boolean'; value: boolean }
  | { kind: 'literal'; type: 'null'; value: null }
  | { kind: 'literal'; type: 'guid'; value: string }
  | { kind: 'literal'; type: 'datetime'; value: string }
  | { kind: 'literal'; type: 'date'; value: string };

export interface PropertyRef {
  kind: 'property';
  name: string;
  position: number;
}

export type Operand = Literal | PropertyRef;

export type FilterExpression =
  | { kind: 'and' | 'or'; left: FilterExpression; right: FilterExpression }
  | { kind: 'not'; operand: FilterExpression }
  | { kind: 'compare'; op: ComparisonOperator; left: Operand; right: Operand; position: number }
  | { kind: 'stringFunction'; name: StringFunction; property: PropertyRef; value: Literal; position: number }
  | { kind: 'crmFunction'; name: CrmFunction; property: string; values: string[]; position: number };
