/** What the expression evaluator needs from the run engine. */
export interface ExpressionHost {
  /**
   * trigger, triggerBody, triggerOutputs, triggerFormDataValue, triggerFormDataMultiValues, triggerMultipartBody,
   * body, outputs, actions, action, actionBody, actionOutputs, items, item, iterationIndexes, variables,
   * parameters, result, workflow, listCallbackUrl (and formDataValue, formDataMultiValues, multipartBody,
   * appsetting) — evaluated by the engine. `name` is the canonical spelling from WORKFLOW_FUNCTIONS;
   * `args` are evaluated plain JSON values.
   */
  callWorkflowFunction(name: string, args: unknown[]): unknown;
  /** Virtual clock for utcNow() and friends. */
  now(): Date;
  /** Deterministic source for guid() and rand(): a number in [0, 1). */
  random(): number;
}
