import { isRecord, type ActionMap } from '../../definition/types';
import { expressionEquals } from '../../expression';
import { compileObjectCondition } from '../conditions';
import { evaluateIn, type ContainerOutcome, type ExecContext, type ExecResult, type Executor } from '../container';
import { ACTION_FAILED, ActionFailure } from '../errors';
import { typeName } from '../host';
import { parseIsoDuration } from '../iso-duration';
import type { ActionResult, Frame } from '../run-state';

/** If, Switch, Scope, Foreach and Until: actions that run containers. */

export const FOREACH_ITEM_LIMIT = 100_000;
export const UNTIL_DEFAULT_COUNT = 60;
export const UNTIL_MAX_COUNT = 5000;
export const UNTIL_DEFAULT_TIMEOUT = 'PT1H';

/** Evaluates an If/Until condition: a template string, a boolean, or the designer's object form. */
export function evaluateCondition(ctx: ExecContext, expression: unknown, frame?: Frame): boolean {
  let value: unknown;
  if (isRecord(expression)) {
    const compiled = compileObjectCondition(expression);
    if (typeof compiled === 'string')
      throw new ActionFailure(
        'InvalidTemplate',
        `The 'expression' of action '${ctx.name}' is not a valid condition: ${compiled}.`,
      );
    const operands = compiled.operands.map((o) => ctx.evaluate(o, 'expression', undefined, frame));
    value = evaluateIn(ctx.state, frame ?? ctx.frame, ctx.name, `@${compiled.text}`, 'expression', { operands });
  } else {
    value = ctx.evaluate(expression, 'expression', undefined, frame);
  }
  if (typeof value !== 'boolean') {
    throw new ActionFailure(
      'InvalidTemplate',
      `Unable to process template language expressions for action '${ctx.name}' at line '0' and column '0': 'The template language expression evaluation result is of type '${typeName(value)}'; the 'expression' must evaluate to a Boolean.'.`,
    );
  }
  return value;
}

function containerResult(ctx: ExecContext, outcome: ContainerOutcome, extra: Partial<ExecResult> = {}): ExecResult {
  const all = ctx.state.containerResults.get(ctx.name);
  if (!all) ctx.state.containerResults.set(ctx.name, outcome.results);
  if (outcome.status === 'Succeeded') return { status: 'Succeeded', ...extra };
  if (outcome.status === 'Cancelled') return { status: 'Cancelled', code: 'Cancelled', ...extra };
  if (outcome.status === 'TimedOut')
    return {
      status: 'TimedOut',
      code: 'ActionTimedOut',
      error: { code: 'ActionTimedOut', message: 'An action inside the scope timed out.' },
      ...extra,
    };
  return { status: 'Failed', code: ACTION_FAILED.code, error: { ...ACTION_FAILED }, ...extra };
}

const ifAction: Executor = async (ctx) => {
  const taken = evaluateCondition(ctx, ctx.def.expression);
  const thenActions: ActionMap = isRecord(ctx.def.actions) ? ctx.def.actions : {};
  const elseActions: ActionMap = isRecord(ctx.def.else) && isRecord(ctx.def.else.actions) ? ctx.def.else.actions : {};
  ctx.state.containerResults.delete(ctx.name);
  const run = taken ? thenActions : elseActions;
  ctx.skipContainer(taken ? elseActions : thenActions, taken ? 'else' : 'actions');
  const outcome = await ctx.runContainer(run, ctx.childFrame({ branch: taken ? 'actions' : 'else' }));
  return containerResult(ctx, outcome, { inputs: { expressionResult: taken }, outputs: { expression: taken } });
};

const switchAction: Executor = async (ctx) => {
  const value = ctx.evaluate(ctx.def.expression, 'expression');
  if (typeof value !== 'string' && typeof value !== 'number') {
    throw new ActionFailure(
      'InvalidTemplate',
      `The 'expression' of switch action '${ctx.name}' evaluated to type '${typeName(value)}'; it must be a String or an Integer.`,
    );
  }
  const cases = isRecord(ctx.def.cases) ? ctx.def.cases : {};
  let chosen: string | undefined;
  for (const [caseName, c] of Object.entries(cases)) {
    if (
      isRecord(c) &&
      (typeof c.case === 'string' || typeof c.case === 'number') &&
      typeof c.case === typeof value &&
      expressionEquals(c.case, value)
    ) {
      chosen = caseName;
      break;
    }
  }
  ctx.state.containerResults.delete(ctx.name);
  for (const [caseName, c] of Object.entries(cases)) {
    if (caseName !== chosen && isRecord(c) && isRecord(c.actions)) ctx.skipContainer(c.actions, caseName);
  }
  const defaultActions = isRecord(ctx.def.default) && isRecord(ctx.def.default.actions) ? ctx.def.default.actions : {};
  if (chosen !== undefined) ctx.skipContainer(defaultActions, 'default');
  const actions = chosen !== undefined ? ((cases[chosen] as { actions?: ActionMap }).actions ?? {}) : defaultActions;
  const outcome = await ctx.runContainer(actions, ctx.childFrame({ branch: chosen ?? 'default' }));
  return containerResult(ctx, outcome, {
    inputs: { expressionResult: value },
    outputs: { expression: value, case: chosen ?? 'default' },
  });
};

const scope: Executor = async (ctx) => {
  ctx.state.containerResults.delete(ctx.name);
  const outcome = await ctx.runContainer(isRecord(ctx.def.actions) ? ctx.def.actions : {}, ctx.childFrame({}));
  return containerResult(ctx, outcome);
};

function loopResults(ctx: ExecContext, results: ActionResult[]): void {
  const all = ctx.state.containerResults.get(ctx.name) ?? [];
  all.push(...results);
  ctx.state.containerResults.set(ctx.name, all);
}

/**
 * Foreach: sequential by default (Power Automate's default). With `repetitions` > 1 the iterations
 * of one batch all start at the same virtual time and the clock moves to the latest end, which
 * models the parallel timing while executing in index order, so results stay deterministic.
 */
const foreach: Executor = async (ctx) => {
  const items = ctx.evaluate(ctx.def.foreach, 'foreach');
  if (!Array.isArray(items)) {
    throw new ActionFailure(
      'InvalidTemplate',
      `The execution of template action '${ctx.name}' failed: the result of the evaluation of 'foreach' expression '${String(ctx.def.foreach)}' is of type '${typeName(items)}'. The result must be a valid array.`,
    );
  }
  if (items.length > FOREACH_ITEM_LIMIT) {
    throw new ActionFailure(
      'InvalidTemplate',
      `The 'foreach' of action '${ctx.name}' has ${items.length} items; the limit is ${FOREACH_ITEM_LIMIT}.`,
    );
  }
  const reps = ctx.def.runtimeConfiguration?.concurrency?.repetitions;
  const concurrency =
    ctx.def.operationOptions === 'Sequential' || typeof reps !== 'number' || reps < 1
      ? 1
      : Math.min(50, Math.floor(reps));
  const actions: ActionMap = isRecord(ctx.def.actions) ? ctx.def.actions : {};
  ctx.state.containerResults.set(ctx.name, []);
  const clock = ctx.services.clock;
  let failed = false;
  let timedOut = false;
  let ran = 0;
  for (let start = 0; start < items.length && !ctx.state.terminated; start += concurrency) {
    const batchStart = clock.nowMs();
    let batchEnd = batchStart;
    for (let i = start; i < Math.min(items.length, start + concurrency) && !ctx.state.terminated; i++) {
      if (concurrency > 1) clock.set(batchStart);
      const frame = ctx.childFrame({
        loop: { name: ctx.name, kind: 'Foreach', item: items[i], index: i },
        currentItem: { has: true, value: items[i] },
        iteration: i,
      });
      const outcome = await ctx.runContainer(actions, frame);
      loopResults(ctx, outcome.results);
      ran++;
      if (outcome.status === 'Failed') failed = true;
      if (outcome.status === 'TimedOut') timedOut = true;
      batchEnd = Math.max(batchEnd, clock.nowMs());
    }
    clock.set(batchEnd);
  }
  const inputs = { foreachItems: items.length, concurrency };
  if (failed)
    return { status: 'Failed', code: ACTION_FAILED.code, error: { ...ACTION_FAILED }, iterations: ran, inputs };
  if (timedOut)
    return {
      status: 'TimedOut',
      code: 'ActionTimedOut',
      error: { code: 'ActionTimedOut', message: 'An action inside the loop timed out.' },
      iterations: ran,
      inputs,
    };
  return { status: 'Succeeded', iterations: ran, inputs };
};

/**
 * Until ("Do until"): the body runs at least once, the condition is tested after each iteration.
 * Reaching `limit.count` ends the loop as Succeeded (Power Automate caps silently); exceeding
 * `limit.timeout` on the virtual clock ends it as TimedOut. An iteration with a failed action does
 * not stop the loop; the loop's status is its last iteration's (docs/DECISIONS.md).
 */
const until: Executor = async (ctx) => {
  const limit = isRecord(ctx.def.limit) ? ctx.def.limit : {};
  const countRaw = limit.count === undefined ? UNTIL_DEFAULT_COUNT : ctx.evaluate(limit.count, 'limit');
  const count = typeof countRaw === 'string' ? Number(countRaw) : countRaw;
  if (typeof count !== 'number' || !Number.isInteger(count) || count < 1 || count > UNTIL_MAX_COUNT) {
    throw new ActionFailure(
      'InvalidTemplate',
      `The 'limit.count' of action '${ctx.name}' must be a whole number from 1 to ${UNTIL_MAX_COUNT}; got '${String(countRaw)}'.`,
    );
  }
  const timeoutRaw = limit.timeout === undefined ? UNTIL_DEFAULT_TIMEOUT : ctx.evaluate(limit.timeout, 'limit');
  const timeoutMs = parseIsoDuration(timeoutRaw);
  if (timeoutMs === undefined)
    throw new ActionFailure(
      'InvalidTemplate',
      `The 'limit.timeout' of action '${ctx.name}' must be an ISO 8601 duration; got '${String(timeoutRaw)}'.`,
    );
  const actions: ActionMap = isRecord(ctx.def.actions) ? ctx.def.actions : {};
  ctx.state.containerResults.set(ctx.name, []);
  const clock = ctx.services.clock;
  const started = clock.nowMs();
  let last: ContainerOutcome['status'] = 'Succeeded';
  let i = 0;
  const inputs = { limitCount: count, limitTimeout: timeoutRaw };
  while (!ctx.state.terminated) {
    const frame = ctx.childFrame({ loop: { name: ctx.name, kind: 'Until', index: i }, iteration: i });
    const outcome = await ctx.runContainer(actions, frame);
    loopResults(ctx, outcome.results);
    last = outcome.status;
    i++;
    if (ctx.state.terminated) break;
    // The exit condition sees the iteration that just ran.
    if (evaluateCondition(ctx, ctx.def.expression, frame)) break;
    if (i >= count) break;
    if (clock.nowMs() - started >= timeoutMs) {
      return {
        status: 'TimedOut',
        code: 'ActionTimedOut',
        error: {
          code: 'ActionTimedOut',
          message: `The 'Until' action '${ctx.name}' exceeded its timeout of ${String(timeoutRaw)}.`,
        },
        iterations: i,
        inputs,
      };
    }
  }
  if (last === 'Failed')
    return { status: 'Failed', code: ACTION_FAILED.code, error: { ...ACTION_FAILED }, iterations: i, inputs };
  return { status: 'Succeeded', iterations: i, inputs };
};

export const controlExecutors: Record<string, Executor> = {
  If: ifAction,
  Switch: switchAction,
  Scope: scope,
  Foreach: foreach,
  Until: until,
};
