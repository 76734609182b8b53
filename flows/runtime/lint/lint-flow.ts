import { findOperation, operationIds, type SwaggerDocument } from '../connectors/swagger';
import { apiNameFromId } from '../connectors/dispatch';
import { isRecord, RUN_AFTER_STATUSES, type ActionMap } from '../definition/types';
import {
  collectFunctionCalls,
  ExpressionError,
  isSupportedFunction,
  parseTemplate,
  type Template,
} from '../expression';
import { parseIsoDuration } from '../engine/iso-duration';
import { resolveRetryPolicy } from '../engine/retry';
import { formatJsonPath, type JsonPath } from './json-path';
import { LIMITS } from './limits';

/**
 * Static lint of a flow file (or bare definition): structure, runAfter graph, names, expressions,
 * references, variables, parameters, connections, connector operations and Power Automate's limits.
 * Pure: takes parsed JSON, returns findings, each with the JSON path of the fault.
 */
export const LINT_RULES = [
  'definition-malformed',
  'trigger-count',
  'runafter-target-missing',
  'runafter-cycle',
  'runafter-status-invalid',
  'name-too-long',
  'name-duplicate',
  'expression-parse',
  'function-unknown',
  'reference-unknown-action',
  'reference-not-before',
  'items-outside-loop',
  'item-outside-context',
  'variable-not-initialized',
  'variable-init-not-top-level',
  'parameter-undeclared',
  'connection-undeclared',
  'operation-unknown',
  'connector-parameter-unknown',
  'action-in-loop',
  'response-without-request',
  'limit-actions',
  'limit-nesting',
  'limit-expression-length',
  'limit-switch-cases',
  'limit-variables',
  'retry-policy-invalid',
  'loop-configuration-invalid',
  'dataverse-trigger-enum',
  'connection-reference-not-in-solution',
  'environment-variable-not-in-solution',
] as const;
export type LintRule = (typeof LINT_RULES)[number];

export interface LintFinding {
  rule: LintRule;
  /** JSONPath of the faulty value, from the root of the linted JSON (`$.properties.definition.actions.X.runAfter`). */
  path: string;
  message: string;
}

export interface LintOptions {
  /**
   * Custom connector OpenAPI definitions, keyed by API name (`shared_...`) or the connection
   * reference's `api.logicalName`; keys are compared case-insensitively.
   */
  connectorDefinitions?: Record<string, SwaggerDocument>;
  /** Logical names of the solution's connection references; when given, every flow reference must be one. */
  solutionConnectionReferences?: string[];
  /** Schema names of the solution's environment variables; when given, every parameter with `metadata.schemaName` must be one. */
  solutionEnvironmentVariables?: string[];
}

interface ActionInfo {
  name: string;
  type: string;
  path: JsonPath;
  /** Enclosing container actions, outermost first. */
  ancestors: string[];
  /** Name of the container map it sits in, as a key: ancestors path + branch. */
  containerKey: string;
  depth: number;
}

const REFERENCE_FUNCTIONS = new Set(['body', 'outputs', 'actions', 'action', 'actionbody', 'actionoutputs', 'result']);

export function lintFlow(flowJson: unknown, options: LintOptions = {}): LintFinding[] {
  return new FlowLinter(flowJson, options).run();
}

class FlowLinter {
  private readonly findings: LintFinding[] = [];
  private readonly actions = new Map<string, ActionInfo>();
  /** Per container key: the action map and the runAfter ancestor closure of each action in it. */
  private readonly containers = new Map<string, { actions: ActionMap; closure: Map<string, Set<string>> }>();
  private readonly initializedVariables = new Set<string>();
  private variableCount = 0;
  private definitionPath: JsonPath = [];
  private definition: Record<string, unknown> = {};
  private connectionReferences: Record<string, unknown> | undefined;
  private readonly connectorDefs = new Map<string, SwaggerDocument>();

  constructor(
    private readonly root: unknown,
    private readonly options: LintOptions,
  ) {
    for (const [k, v] of Object.entries(options.connectorDefinitions ?? {})) this.connectorDefs.set(k.toLowerCase(), v);
  }

  private add(rule: LintRule, path: JsonPath, message: string): void {
    this.findings.push({ rule, path: formatJsonPath(path), message });
  }

  run(): LintFinding[] {
    if (!this.locateDefinition()) return this.findings;
    const def = this.definition;
    const p = this.definitionPath;
    if (def.parameters !== undefined && !isRecord(def.parameters))
      this.add('definition-malformed', [...p, 'parameters'], "'parameters' must be an object.");
    this.checkSolutionBindings();
    const triggers = def.triggers;
    if (!isRecord(triggers))
      this.add('definition-malformed', [...p, 'triggers'], "'triggers' must be an object with exactly one trigger.");
    else if (Object.keys(triggers).length !== 1)
      this.add(
        'trigger-count',
        [...p, 'triggers'],
        `A Power Automate flow has exactly one trigger; found ${Object.keys(triggers).length}.`,
      );
    if (def.actions !== undefined && !isRecord(def.actions)) {
      this.add(
        'definition-malformed',
        [...p, 'actions'],
        "'actions' must be an object mapping action names to actions.",
      );
      return this.findings;
    }
    const actions: ActionMap = isRecord(def.actions) ? (def.actions as ActionMap) : {};
    // Pass 1: structure, names, containers, runAfter graph.
    this.collect(actions, [...p, 'actions'], [], 'root', 1);
    if (isRecord(triggers)) {
      for (const [name] of Object.entries(triggers)) {
        if (name.length > LIMITS.nameLength)
          this.add(
            'name-too-long',
            [...p, 'triggers', name],
            `The trigger name '${name}' is ${name.length} characters long; the limit is ${LIMITS.nameLength}.`,
          );
        if (this.actions.has(name))
          this.add('name-duplicate', [...p, 'triggers', name], `The trigger name '${name}' is also used by an action.`);
      }
    }
    if (this.actions.size > LIMITS.actionsPerFlow)
      this.add(
        'limit-actions',
        [...p, 'actions'],
        `The flow has ${this.actions.size} actions; the limit is ${LIMITS.actionsPerFlow}.`,
      );
    if (this.variableCount > LIMITS.variablesPerFlow)
      this.add(
        'limit-variables',
        [...p, 'actions'],
        `The flow initializes ${this.variableCount} variables; the limit is ${LIMITS.variablesPerFlow}.`,
      );
    // Pass 2: expressions and references, now that every action and variable is known.
    if (isRecord(triggers)) {
      for (const [name, trig] of Object.entries(triggers)) {
        if (!isRecord(trig)) {
          this.add('definition-malformed', [...p, 'triggers', name], `The trigger '${name}' must be an object.`);
          continue;
        }
        if (typeof trig.type !== 'string')
          this.add('definition-malformed', [...p, 'triggers', name, 'type'], `The trigger '${name}' has no 'type'.`);
        for (const key of ['inputs', 'conditions', 'splitOn'] as const) {
          if (trig[key] !== undefined)
            this.checkValue(trig[key], [...p, 'triggers', name, key], { action: undefined, itemContext: false });
        }
        if (trig.conditions !== undefined && !Array.isArray(trig.conditions))
          this.add(
            'definition-malformed',
            [...p, 'triggers', name, 'conditions'],
            '\'conditions\' must be an array of {"expression": "@..."}.',
          );
        this.checkConnector(trig, [...p, 'triggers', name]);
        this.checkDataverseTrigger(trig, [...p, 'triggers', name]);
      }
    }
    for (const info of this.actions.values()) this.checkAction(info);
    return this.findings;
  }

  private locateDefinition(): boolean {
    const root = this.root;
    if (!isRecord(root)) {
      this.add('definition-malformed', [], 'A flow file must be a JSON object.');
      return false;
    }
    if (isRecord(root.properties)) {
      if (!isRecord(root.properties.definition)) {
        this.add(
          'definition-malformed',
          ['properties', 'definition'],
          "'properties.definition' must be the workflow definition object.",
        );
        return false;
      }
      this.definition = root.properties.definition;
      this.definitionPath = ['properties', 'definition'];
      const refs = root.properties.connectionReferences;
      if (refs !== undefined && !isRecord(refs))
        this.add(
          'definition-malformed',
          ['properties', 'connectionReferences'],
          "'connectionReferences' must be an object.",
        );
      this.connectionReferences = isRecord(refs) ? refs : {};
      for (const [key, ref] of Object.entries(this.connectionReferences)) {
        const logical =
          isRecord(ref) && isRecord(ref.connection) ? ref.connection.connectionReferenceLogicalName : undefined;
        if (typeof logical !== 'string' || logical === '') {
          this.add(
            'definition-malformed',
            ['properties', 'connectionReferences', key],
            `The connection reference '${key}' needs 'connection.connectionReferenceLogicalName' (the solution's connection reference).`,
          );
        }
      }
      return true;
    }
    if (isRecord(root.definition)) {
      this.definition = root.definition;
      this.definitionPath = ['definition'];
      this.connectionReferences = isRecord(root.connectionReferences) ? root.connectionReferences : {};
      return true;
    }
    if ('triggers' in root || 'actions' in root) {
      this.definition = root;
      this.definitionPath = [];
      this.connectionReferences = {};
      return true;
    }
    this.add(
      'definition-malformed',
      [],
      'The JSON is neither a flow file ({"properties": {"definition": ...}}) nor a workflow definition.',
    );
    return false;
  }

  private collect(actions: ActionMap, path: JsonPath, ancestors: string[], containerKey: string, depth: number): void {
    this.containers.set(containerKey, { actions, closure: new Map() });
    for (const [name, action] of Object.entries(actions)) {
      const ap = [...path, name];
      if (name.length > LIMITS.nameLength)
        this.add(
          'name-too-long',
          ap,
          `The action name '${name}' is ${name.length} characters long; the limit is ${LIMITS.nameLength}.`,
        );
      if (this.actions.has(name))
        this.add(
          'name-duplicate',
          ap,
          `The action name '${name}' is already used at ${formatJsonPath(this.actions.get(name)!.path)}; names must be unique across the flow.`,
        );
      if (!isRecord(action)) {
        this.add('definition-malformed', ap, `The action '${name}' must be an object.`);
        continue;
      }
      if (typeof action.type !== 'string' || action.type === '')
        this.add('definition-malformed', [...ap, 'type'], `The action '${name}' has no 'type'.`);
      const type = String(action.type ?? '');
      if (!this.actions.has(name)) this.actions.set(name, { name, type, path: ap, ancestors, containerKey, depth });
      if (depth > LIMITS.nestingDepth)
        this.add(
          'limit-nesting',
          ap,
          `The action '${name}' is nested ${depth} levels deep; the limit is ${LIMITS.nestingDepth}.`,
        );
      if (type === 'InitializeVariable') {
        if (ancestors.length > 0)
          this.add(
            'variable-init-not-top-level',
            ap,
            `'Initialize variable' action '${name}' must be at the top level of the flow, not inside '${ancestors[ancestors.length - 1]}'.`,
          );
        const vars = isRecord(action.inputs) ? action.inputs.variables : undefined;
        if (Array.isArray(vars)) {
          for (const v of vars) {
            if (!isRecord(v) || typeof v.name !== 'string' || v.name === '') {
              this.add(
                'definition-malformed',
                [...ap, 'inputs', 'variables', vars.indexOf(v)],
                `Each variable needs a 'name'.`,
              );
              continue;
            }
            if (!['integer', 'float', 'boolean', 'string', 'array', 'object'].includes(String(v.type).toLowerCase())) {
              this.add(
                'definition-malformed',
                [...ap, 'inputs', 'variables', vars.indexOf(v), 'type'],
                `The variable '${v.name}' has type '${String(v.type)}'; use Integer, Float, Boolean, String, Array or Object.`,
              );
            }
            {
              this.variableCount++;
              if (ancestors.length === 0) this.initializedVariables.add(v.name.toLowerCase());
            }
          }
        } else
          this.add(
            'definition-malformed',
            [...ap, 'inputs', 'variables'],
            `'Initialize variable' action '${name}' needs an 'inputs.variables' array.`,
          );
      }
      if (action.runAfter !== undefined && !isRecord(action.runAfter))
        this.add('definition-malformed', [...ap, 'runAfter'], `The 'runAfter' of action '${name}' must be an object.`);
      if (isRecord(action.runAfter)) {
        for (const [pred, statuses] of Object.entries(action.runAfter)) {
          if (!Object.prototype.hasOwnProperty.call(actions, pred)) {
            this.add(
              'runafter-target-missing',
              [...ap, 'runAfter', pred],
              `The action '${name}' runs after '${pred}', which is not an action in the same container.`,
            );
          }
          if (!Array.isArray(statuses) || statuses.length === 0) {
            this.add(
              'runafter-status-invalid',
              [...ap, 'runAfter', pred],
              `The runAfter statuses for '${pred}' must be a non-empty array of ${RUN_AFTER_STATUSES.join(', ')}.`,
            );
            continue;
          }
          statuses.forEach((s, i) => {
            if (!(RUN_AFTER_STATUSES as readonly string[]).includes(s as string)) {
              this.add(
                'runafter-status-invalid',
                [...ap, 'runAfter', pred, i],
                `'${String(s)}' is not a valid runAfter status; use ${RUN_AFTER_STATUSES.join(', ')}.`,
              );
            }
          });
        }
      }
      if (
        (type === 'Terminate' || type === 'Response') &&
        ancestors.some((a) => ['Foreach', 'Until'].includes(this.actions.get(a)?.type ?? ''))
      ) {
        this.add('action-in-loop', ap, `A '${type}' action cannot be inside a Foreach or Until loop.`);
      }
      if (type === 'Response' && !this.hasRequestTrigger()) {
        this.add(
          'response-without-request',
          ap,
          `A 'Response' action needs a Request trigger (HTTP, manual, Power Apps or child flow); this flow's trigger is not one.`,
        );
      }
      if (type === 'Switch' && isRecord(action.cases) && Object.keys(action.cases).length > LIMITS.switchCases) {
        this.add(
          'limit-switch-cases',
          [...ap, 'cases'],
          `The switch '${name}' has ${Object.keys(action.cases).length} cases; the limit is ${LIMITS.switchCases}.`,
        );
      }
      this.collectChildren(name, type, action, ap, [...ancestors, name], depth);
    }
    this.checkCycles(actions, path, containerKey);
  }

  private checkSolutionBindings(): void {
    const refs = this.options.solutionConnectionReferences;
    if (refs && this.connectionReferences && this.definitionPath[0] === 'properties') {
      const known = new Set(refs.map((r) => r.toLowerCase()));
      for (const [key, ref] of Object.entries(this.connectionReferences)) {
        const logical =
          isRecord(ref) && isRecord(ref.connection) ? ref.connection.connectionReferenceLogicalName : undefined;
        if (typeof logical === 'string' && logical !== '' && !known.has(logical.toLowerCase())) {
          this.add(
            'connection-reference-not-in-solution',
            ['properties', 'connectionReferences', key, 'connection', 'connectionReferenceLogicalName'],
            `The connection reference '${logical}' is not in the solution (known: ${refs.join(', ') || 'none'}).`,
          );
        }
      }
    }
    const envVars = this.options.solutionEnvironmentVariables;
    if (envVars && isRecord(this.definition.parameters)) {
      const known = new Set(envVars.map((v) => v.toLowerCase()));
      for (const [name, param] of Object.entries(this.definition.parameters)) {
        const schemaName = isRecord(param) && isRecord(param.metadata) ? param.metadata.schemaName : undefined;
        if (typeof schemaName === 'string' && !known.has(schemaName.toLowerCase())) {
          this.add(
            'environment-variable-not-in-solution',
            [...this.definitionPath, 'parameters', name, 'metadata', 'schemaName'],
            `The environment variable '${schemaName}' is not in the solution (known: ${envVars.join(', ') || 'none'}).`,
          );
        }
      }
    }
  }

  private hasRequestTrigger(): boolean {
    const triggers = isRecord(this.definition.triggers) ? Object.values(this.definition.triggers) : [];
    return triggers.some((t) => isRecord(t) && t.type === 'Request');
  }

  private collectChildren(
    name: string,
    type: string,
    action: Record<string, unknown>,
    ap: JsonPath,
    ancestors: string[],
    depth: number,
  ): void {
    const sub = (value: unknown, at: JsonPath, branch: string) => {
      if (value === undefined) return;
      if (!isRecord(value)) {
        this.add(
          'definition-malformed',
          at,
          `The '${at[at.length - 1]}' of action '${name}' must be an object of actions.`,
        );
        return;
      }
      this.collect(value as ActionMap, at, ancestors, `${ancestors.join('/')}#${branch}`, depth + 1);
    };
    if (type === 'If') {
      sub(action.actions, [...ap, 'actions'], 'actions');
      if (action.else !== undefined) {
        if (isRecord(action.else)) sub(action.else.actions, [...ap, 'else', 'actions'], 'else');
        else this.add('definition-malformed', [...ap, 'else'], `The 'else' of action '${name}' must be an object.`);
      }
    } else if (type === 'Switch') {
      if (isRecord(action.cases)) {
        for (const [caseName, c] of Object.entries(action.cases)) {
          if (!isRecord(c))
            this.add(
              'definition-malformed',
              [...ap, 'cases', caseName],
              `The case '${caseName}' of switch '${name}' must be an object.`,
            );
          else {
            const dupOf = Object.entries(action.cases as Record<string, unknown>).find(
              ([other, oc]) =>
                other !== caseName &&
                isRecord(oc) &&
                oc.case === c.case &&
                Object.keys(action.cases as object).indexOf(other) <
                  Object.keys(action.cases as object).indexOf(caseName),
            );
            if (dupOf)
              this.add(
                'definition-malformed',
                [...ap, 'cases', caseName, 'case'],
                `The case value ${JSON.stringify(c.case)} of '${caseName}' repeats case '${dupOf[0]}'.`,
              );
            if (typeof c.case !== 'string' && typeof c.case !== 'number')
              this.add(
                'definition-malformed',
                [...ap, 'cases', caseName, 'case'],
                `The case '${caseName}' of switch '${name}' needs a literal string or integer 'case' value.`,
              );
            sub(c.actions, [...ap, 'cases', caseName, 'actions'], `case:${caseName}`);
          }
        }
      }
      if (isRecord(action.default)) sub(action.default.actions, [...ap, 'default', 'actions'], 'default');
    } else if (type === 'Scope' || type === 'Foreach' || type === 'Until') {
      sub(action.actions ?? {}, [...ap, 'actions'], 'actions');
    }
  }

  private checkCycles(actions: ActionMap, path: JsonPath, containerKey: string): void {
    const state = new Map<string, 'visiting' | 'done'>();
    const reported = new Set<string>();
    const visit = (n: string, stack: string[]): void => {
      state.set(n, 'visiting');
      const ra =
        isRecord(actions[n]) && isRecord(actions[n].runAfter) ? Object.keys(actions[n].runAfter as object) : [];
      for (const p of ra) {
        if (!Object.prototype.hasOwnProperty.call(actions, p)) continue;
        if (state.get(p) === 'visiting') {
          const cycle = [...stack.slice(stack.indexOf(p)), n];
          const key = [...cycle].sort().join('|');
          if (!reported.has(key)) {
            reported.add(key);
            this.add(
              'runafter-cycle',
              [...path, n, 'runAfter', p],
              `The runAfter dependencies form a cycle: ${[...cycle, p].join(' -> ')}.`,
            );
          }
        } else if (!state.has(p)) visit(p, [...stack, n]);
      }
      state.set(n, 'done');
    };
    for (const n of Object.keys(actions)) if (!state.has(n)) visit(n, []);
    // Ancestor closure (what runs before each action in this container), used by reference checks.
    const closure = this.containers.get(containerKey)!.closure;
    const compute = (n: string, seen: Set<string>): Set<string> => {
      const cached = closure.get(n);
      if (cached) return cached;
      const out = new Set<string>();
      seen.add(n);
      const ra =
        isRecord(actions[n]) && isRecord(actions[n].runAfter) ? Object.keys(actions[n].runAfter as object) : [];
      for (const p of ra) {
        if (!Object.prototype.hasOwnProperty.call(actions, p) || seen.has(p)) continue;
        out.add(p);
        for (const q of compute(p, seen)) out.add(q);
      }
      closure.set(n, out);
      return out;
    };
    for (const n of Object.keys(actions)) compute(n, new Set());
  }

  /** Actions whose outputs exist when `info` (or, with `insideSelf`, the end of its own body) evaluates. */
  private runsBefore(info: ActionInfo, target: string, insideSelf: boolean): boolean {
    const t = this.actions.get(target);
    if (!t) return false;
    if (insideSelf && t.ancestors.includes(info.name)) return true;
    // Walk from the action up through its containers; at each level the predecessors (and
    // everything nested in them) have run.
    let current: ActionInfo | undefined = info;
    while (current) {
      const container = this.containers.get(current.containerKey);
      const before = container?.closure.get(current.name) ?? new Set<string>();
      for (const b of before) {
        if (b === target || t.ancestors.includes(b)) return true;
      }
      const parentName: string | undefined = current.ancestors[current.ancestors.length - 1];
      current = parentName ? this.actions.get(parentName) : undefined;
    }
    return false;
  }

  private checkAction(info: ActionInfo): void {
    const action = this.getAt(info.path);
    if (!isRecord(action)) return;
    const skip = new Set([
      'actions',
      'else',
      'cases',
      'default',
      'runAfter',
      'type',
      'kind',
      'metadata',
      'description',
    ]);
    for (const [key, value] of Object.entries(action)) {
      if (skip.has(key)) continue;
      const insideSelf = info.type === 'Until' && (key === 'expression' || key === 'limit');
      const itemAtRoot = info.type === 'Query' || info.type === 'Select' || info.type === 'Table';
      if (key === 'inputs' && itemAtRoot && isRecord(value)) {
        for (const [ik, iv] of Object.entries(value)) {
          this.checkValue(iv, [...info.path, 'inputs', ik], {
            action: info,
            itemContext: ik === 'where' || ik === 'select' || ik === 'columns',
            insideSelf,
          });
        }
      } else {
        this.checkValue(value, [...info.path, key], { action: info, itemContext: false, insideSelf });
      }
    }
    if (
      [
        'SetVariable',
        'IncrementVariable',
        'DecrementVariable',
        'AppendToArrayVariable',
        'AppendToStringVariable',
      ].includes(info.type)
    ) {
      const name = isRecord(action.inputs) ? action.inputs.name : undefined;
      if (typeof name !== 'string')
        this.add(
          'definition-malformed',
          [...info.path, 'inputs', 'name'],
          `The action '${info.name}' needs the variable 'name'.`,
        );
      else if (!this.initializedVariables.has(name.toLowerCase()))
        this.add(
          'variable-not-initialized',
          [...info.path, 'inputs', 'name'],
          `The variable '${name}' is not initialized by a top-level 'Initialize variable' action.`,
        );
    }
    this.checkConnector(action, info.path);
    this.checkRuntimeSettings(info, action);
  }

  private checkRuntimeSettings(info: ActionInfo, action: Record<string, unknown>): void {
    if (action.retryPolicy !== undefined) {
      const resolved = resolveRetryPolicy(action.retryPolicy as never);
      if (typeof resolved === 'string') this.add('retry-policy-invalid', [...info.path, 'retryPolicy'], resolved);
    }
    const rc = isRecord(action.runtimeConfiguration) ? action.runtimeConfiguration : undefined;
    if (info.type === 'Foreach' && rc && isRecord(rc.concurrency) && rc.concurrency.repetitions !== undefined) {
      const reps = rc.concurrency.repetitions;
      const at = [...info.path, 'runtimeConfiguration', 'concurrency', 'repetitions'];
      if (
        typeof reps !== 'number' ||
        !Number.isInteger(reps) ||
        reps < LIMITS.foreachConcurrency.min ||
        reps > LIMITS.foreachConcurrency.max
      ) {
        this.add(
          'loop-configuration-invalid',
          at,
          `Foreach concurrency must be a whole number from ${LIMITS.foreachConcurrency.min} to ${LIMITS.foreachConcurrency.max}; got ${JSON.stringify(reps)}.`,
        );
      } else if (String(action.operationOptions ?? '').includes('Sequential')) {
        this.add(
          'loop-configuration-invalid',
          at,
          `Set either 'operationOptions: Sequential' or a concurrency, not both.`,
        );
      }
    }
    if (info.type === 'Until') {
      const limit = isRecord(action.limit) ? action.limit : {};
      const count = limit.count;
      if (count !== undefined && !(typeof count === 'string' && count.startsWith('@'))) {
        if (typeof count !== 'number' || !Number.isInteger(count) || count < 1 || count > LIMITS.untilCount) {
          this.add(
            'loop-configuration-invalid',
            [...info.path, 'limit', 'count'],
            `Until 'limit.count' must be a whole number from 1 to ${LIMITS.untilCount}; got ${JSON.stringify(count)}.`,
          );
        }
      }
      const timeout = limit.timeout;
      if (
        timeout !== undefined &&
        !(typeof timeout === 'string' && timeout.startsWith('@')) &&
        parseIsoDuration(timeout) === undefined
      ) {
        this.add(
          'loop-configuration-invalid',
          [...info.path, 'limit', 'timeout'],
          `Until 'limit.timeout' must be an ISO 8601 duration such as 'PT1H'; got ${JSON.stringify(timeout)}.`,
        );
      }
    }
  }

  /** The Dataverse "When a row is added, modified or deleted" trigger's enum parameters (callbackregistration values). */
  private checkDataverseTrigger(trig: Record<string, unknown>, path: JsonPath): void {
    const inputs = isRecord(trig.inputs) ? trig.inputs : undefined;
    const host = inputs && isRecord(inputs.host) ? inputs.host : undefined;
    if (!host || host.operationId !== 'SubscribeWebhookTrigger') return;
    const ref =
      typeof host.connectionName === 'string' && this.connectionReferences
        ? this.connectionReferences[host.connectionName]
        : undefined;
    const apiName =
      (isRecord(ref) && isRecord(ref.api) && typeof ref.api.name === 'string' ? ref.api.name : undefined) ??
      apiNameFromId(typeof host.apiId === 'string' ? host.apiId : undefined);
    if (apiName !== 'shared_commondataserviceforapps') return;
    const params = isRecord(inputs!.parameters) ? inputs!.parameters : {};
    const ranges: [string, number, number, string][] = [
      [
        'subscriptionRequest/message',
        1,
        7,
        '1 Added, 2 Deleted, 3 Modified, 4 Added or Modified, 5 Added or Deleted, 6 Modified or Deleted, 7 all',
      ],
      ['subscriptionRequest/scope', 1, 4, '1 User, 2 Business Unit, 3 Parent: Child business unit, 4 Organization'],
      ['subscriptionRequest/runas', 1, 3, '1 Modifying user, 2 Row owner, 3 Flow owner'],
    ];
    for (const [key, min, max, meaning] of ranges) {
      const v = params[key];
      if (v === undefined) {
        if (key !== 'subscriptionRequest/runas')
          this.add(
            'dataverse-trigger-enum',
            [...path, 'inputs', 'parameters'],
            `The Dataverse trigger needs '${key}' (${meaning}).`,
          );
        continue;
      }
      if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) {
        this.add(
          'dataverse-trigger-enum',
          [...path, 'inputs', 'parameters', key],
          `'${key}' must be ${min}–${max} (${meaning}); got ${JSON.stringify(v)}.`,
        );
      }
    }
  }

  private getAt(path: JsonPath): unknown {
    let cur: unknown = this.root;
    for (const seg of path)
      cur = isRecord(cur) || Array.isArray(cur) ? (cur as Record<string, unknown>)[seg as string] : undefined;
    return cur;
  }

  private checkValue(
    value: unknown,
    path: JsonPath,
    ctx: { action: ActionInfo | undefined; itemContext: boolean; insideSelf?: boolean },
  ): void {
    if (typeof value === 'string') {
      this.checkString(value, path, ctx);
    } else if (Array.isArray(value)) {
      value.forEach((v, i) => this.checkValue(v, [...path, i], ctx));
    } else if (isRecord(value)) {
      for (const [k, v] of Object.entries(value)) this.checkValue(v, [...path, k], ctx);
    }
  }

  private checkString(
    value: string,
    path: JsonPath,
    ctx: { action: ActionInfo | undefined; itemContext: boolean; insideSelf?: boolean },
  ): void {
    if (!value.includes('@')) return;
    if (value.length > LIMITS.expressionLength && (value.startsWith('@') || value.includes('@{'))) {
      this.add(
        'limit-expression-length',
        path,
        `The expression is ${value.length} characters long; the limit is ${LIMITS.expressionLength}.`,
      );
      return;
    }
    let template: Template;
    try {
      template = parseTemplate(value);
    } catch (e) {
      const pos = e instanceof ExpressionError && e.position !== undefined ? ` (at character ${e.position})` : '';
      this.add('expression-parse', path, `The expression does not parse${pos}: ${(e as Error).message}`);
      return;
    }
    if (template.kind === 'literal') return;
    for (const call of collectFunctionCalls(template)) {
      const fn = call.name.toLowerCase();
      if (!isSupportedFunction(call.name)) {
        this.add(
          'function-unknown',
          path,
          `The function '${call.name}' is not a Workflow Definition Language function.`,
        );
        continue;
      }
      const arg = call.literalArgs[0];
      if (REFERENCE_FUNCTIONS.has(fn) && typeof arg === 'string') this.checkReference(call.name, arg, path, ctx);
      else if (fn === 'items' && typeof arg === 'string') {
        const loop = ctx.action ? [...ctx.action.ancestors] : [];
        if (!loop.some((a) => a === arg && this.actions.get(a)?.type === 'Foreach')) {
          this.add('items-outside-loop', path, `items('${arg}') is used outside the Foreach loop '${arg}'.`);
        }
      } else if (fn === 'iterationindexes' && typeof arg === 'string') {
        const enclosing = ctx.action ? [...ctx.action.ancestors, ...(ctx.insideSelf ? [ctx.action.name] : [])] : [];
        if (!enclosing.some((a) => a === arg && ['Foreach', 'Until'].includes(this.actions.get(a)?.type ?? ''))) {
          this.add('items-outside-loop', path, `iterationIndexes('${arg}') is used outside the loop '${arg}'.`);
        }
      } else if (fn === 'item') {
        const inLoop = ctx.action?.ancestors.some((a) => this.actions.get(a)?.type === 'Foreach') ?? false;
        if (!inLoop && !ctx.itemContext)
          this.add(
            'item-outside-context',
            path,
            `item() is used outside a Foreach loop and outside the 'where'/'select' of a Query or Select action.`,
          );
      } else if (fn === 'variables' && typeof arg === 'string') {
        if (!this.initializedVariables.has(arg.toLowerCase()))
          this.add(
            'variable-not-initialized',
            path,
            `The variable '${arg}' is not initialized by a top-level 'Initialize variable' action.`,
          );
      } else if (fn === 'parameters' && typeof arg === 'string') {
        const params = isRecord(this.definition.parameters) ? this.definition.parameters : {};
        if (!Object.prototype.hasOwnProperty.call(params, arg))
          this.add(
            'parameter-undeclared',
            path,
            `The parameter '${arg}' is not declared in the definition's 'parameters'.`,
          );
      }
    }
  }

  private checkReference(
    fn: string,
    target: string,
    path: JsonPath,
    ctx: { action: ActionInfo | undefined; insideSelf?: boolean },
  ): void {
    const name = this.actions.has(target) ? target : target.replace(/ /g, '_');
    if (!this.actions.has(name)) {
      this.add(
        'reference-unknown-action',
        path,
        `${fn}('${target}') names an action that does not exist in this flow.`,
      );
      return;
    }
    if (!ctx.action) {
      this.add(
        'reference-not-before',
        path,
        `${fn}('${target}') is used in the trigger, which runs before every action.`,
      );
      return;
    }
    if (fn.toLowerCase() === 'result') {
      const t = this.actions.get(name)!;
      if (!['Scope', 'Foreach', 'Until'].includes(t.type))
        this.add(
          'reference-unknown-action',
          path,
          `result('${target}') must name a Scope, Foreach or Until action; '${target}' is a ${t.type}.`,
        );
    }
    if (!this.runsBefore(ctx.action, name, ctx.insideSelf ?? false)) {
      this.add(
        'reference-not-before',
        path,
        `${fn}('${target}') in action '${ctx.action.name}' names an action that does not run before it (follow runAfter from '${ctx.action.name}' or its containers).`,
      );
    }
  }

  private checkConnector(op: Record<string, unknown>, path: JsonPath): void {
    const type = String(op.type ?? '');
    if (!type.startsWith('OpenApiConnection')) return;
    const inputs = isRecord(op.inputs) ? op.inputs : undefined;
    const host = inputs && isRecord(inputs.host) ? inputs.host : undefined;
    if (!host) {
      this.add(
        'definition-malformed',
        [...path, 'inputs', 'host'],
        `A '${type}' operation needs 'inputs.host' with 'connectionName' and 'operationId'.`,
      );
      return;
    }
    const connectionName = host.connectionName;
    let apiName = apiNameFromId(typeof host.apiId === 'string' ? host.apiId : undefined);
    let logicalName: string | undefined;
    if (typeof connectionName !== 'string' || connectionName === '') {
      this.add(
        'connection-undeclared',
        [...path, 'inputs', 'host', 'connectionName'],
        `The operation has no 'host.connectionName'.`,
      );
    } else if (
      !this.connectionReferences ||
      !Object.prototype.hasOwnProperty.call(this.connectionReferences, connectionName)
    ) {
      this.add(
        'connection-undeclared',
        [...path, 'inputs', 'host', 'connectionName'],
        `The connection '${connectionName}' is not declared in 'connectionReferences'.`,
      );
    } else {
      const ref = this.connectionReferences[connectionName];
      if (isRecord(ref) && isRecord(ref.api)) {
        if (typeof ref.api.name === 'string') apiName = ref.api.name;
        if (typeof ref.api.logicalName === 'string') logicalName = ref.api.logicalName;
      }
    }
    const operationId = host.operationId;
    if (typeof operationId !== 'string' || operationId === '') {
      this.add(
        'definition-malformed',
        [...path, 'inputs', 'host', 'operationId'],
        `The operation has no 'host.operationId'.`,
      );
      return;
    }
    const doc =
      (apiName && this.connectorDefs.get(apiName.toLowerCase())) ||
      (logicalName && this.connectorDefs.get(logicalName.toLowerCase())) ||
      undefined;
    if (!doc) return;
    const found = findOperation(doc, operationId);
    if (!found) {
      this.add(
        'operation-unknown',
        [...path, 'inputs', 'host', 'operationId'],
        `The operation '${operationId}' does not exist in the connector definition; known operations: ${operationIds(doc).join(', ')}.`,
      );
      return;
    }
    const params = inputs && isRecord(inputs.parameters) ? inputs.parameters : {};
    const names = new Set(found.parameters.map((p) => p.name));
    const bodyNames = found.parameters.filter((p) => p.in === 'body').map((p) => p.name);
    for (const key of Object.keys(params)) {
      if (names.has(key)) continue;
      const prefix = key.split('/')[0];
      if (key.includes('/') && (bodyNames.includes(prefix) || (prefix === 'body' && bodyNames.length > 0))) continue;
      if (key === 'body' && bodyNames.length > 0) continue;
      this.add(
        'connector-parameter-unknown',
        [...path, 'inputs', 'parameters', key],
        `The parameter '${key}' is not a parameter of operation '${operationId}'.`,
      );
    }
  }
}
