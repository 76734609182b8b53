import { COLLECTION_FUNCTIONS } from './collection';
import { CONVERSION_FUNCTIONS } from './conversion';
import { DATETIME_FUNCTIONS } from './datetime';
import { LOGICAL_FUNCTIONS } from './logical';
import { MANIPULATION_FUNCTIONS } from './manipulation';
import { MATH_FUNCTIONS } from './math';
import { STRING_FUNCTIONS } from './string';
import type { FunctionDef } from './types';
import { URI_FUNCTIONS } from './uri';
import { WORKFLOW_FUNCTION_NAMES } from './workflow';

const ALL: FunctionDef[] = [
  ...STRING_FUNCTIONS,
  ...COLLECTION_FUNCTIONS,
  ...LOGICAL_FUNCTIONS,
  ...CONVERSION_FUNCTIONS,
  ...MATH_FUNCTIONS,
  ...DATETIME_FUNCTIONS,
  ...URI_FUNCTIONS,
  ...MANIPULATION_FUNCTIONS,
];

/** Function names are case-insensitive in the language. */
const BY_LOWER = new Map<string, FunctionDef>();
for (const f of ALL) {
  if (BY_LOWER.has(f.name.toLowerCase())) throw new Error(`duplicate expression function ${f.name}`);
  BY_LOWER.set(f.name.toLowerCase(), f);
}

const WORKFLOW_BY_LOWER = new Map<string, string>(WORKFLOW_FUNCTION_NAMES.map((n) => [n.toLowerCase(), n]));

export function lookupFunction(name: string): FunctionDef | undefined {
  return BY_LOWER.get(name) ?? BY_LOWER.get(name.toLowerCase());
}

/** Canonical name of a workflow function, or undefined. */
export function workflowFunctionName(name: string): string | undefined {
  return WORKFLOW_BY_LOWER.get(name) ?? WORKFLOW_BY_LOWER.get(name.toLowerCase());
}

export const BUILTIN_FUNCTION_NAMES: readonly string[] = ALL.map((f) => f.name);
