import type { FunctionDef } from './types';

export const DATETIME_FUNCTIONS: FunctionDef[] = [];
