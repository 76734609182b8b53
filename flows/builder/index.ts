/** The typed flow builder: write flows as TypeScript values, get the JSON a solution ships. */
export * from './expr';
export * from './actions';
export * from './flow';
export type * from './types';
