/** The parts of Workflow Definition Language our generated flows use, as plain JSON shapes. */
export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
export type RunAfterStatus = 'Succeeded' | 'Failed' | 'Skipped' | 'TimedOut';

/** An action before the builder places it: no runAfter yet, children as ordered lists. */
export interface ActionSpec {
  name: string;
  type: string;
  kind?: string;
  description?: string;
  inputs?: Json;
  expression?: Json;
  foreach?: string;
  limit?: { count: number; timeout: string };
  /** Child containers: `actions` (Scope, Foreach, Until, If-then), `else` (If), Switch cases. */
  children?: {
    actions?: ActionSpec[];
    else?: ActionSpec[];
    cases?: { name: string; value: string | number; actions: ActionSpec[] }[];
    default?: ActionSpec[];
  };
  retryPolicy?: Json;
  runtimeConfiguration?: Json;
  operationOptions?: string;
  /** Explicit predecessors; without it the action runs after the previous one in its list, on success. */
  runAfter?: Record<string, RunAfterStatus[]>;
}

export interface TriggerSpec {
  name: string;
  type: string;
  kind?: string;
  inputs?: Json;
  recurrence?: Json;
  splitOn?: string;
  conditions?: string[];
  runtimeConfiguration?: Json;
  description?: string;
}

/** A connection the flow uses: the key actions name in host.connectionName. */
export interface ConnectionSpec {
  key: string;
  /** Logical name of the solution's connection reference. */
  referenceLogicalName: string;
  /** `shared_commondataserviceforapps`, or a custom connector's API name (connector/generator/naming.ts). */
  apiName: string;
  /** A custom connector's logical name in the solution: how Dataverse finds it after import. */
  apiLogicalName?: string;
}

/** A solution environment variable read by the flow. */
export interface EnvParameterSpec {
  displayName: string;
  schemaName: string;
  type: 'String' | 'Int' | 'Float' | 'Bool' | 'Object' | 'Array';
  defaultValue: Json;
}

export interface FlowSpec {
  /** Display name, also the seed of every derived GUID. */
  name: string;
  description: string;
  trigger: TriggerSpec;
  actions: ActionSpec[];
  connections: ConnectionSpec[];
  parameters?: EnvParameterSpec[];
}
