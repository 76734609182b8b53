/**
 * Error codes and messages the engine puts on failed or skipped actions, worded like Power
 * Automate's run history. Messages marked in docs/DECISIONS.md as unconfirmed are our best reading.
 */
import type { ActionError } from './history';

const HTTP_CODE_NAMES: Record<number, string> = {
  400: 'BadRequest',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'NotFound',
  405: 'MethodNotAllowed',
  408: 'RequestTimeout',
  409: 'Conflict',
  410: 'Gone',
  412: 'PreconditionFailed',
  413: 'RequestEntityTooLarge',
  415: 'UnsupportedMediaType',
  422: 'UnprocessableEntity',
  429: 'TooManyRequests',
  500: 'InternalServerError',
  501: 'NotImplemented',
  502: 'BadGateway',
  503: 'ServiceUnavailable',
  504: 'GatewayTimeout',
};

/** `404` → `NotFound`, as run history shows an HTTP action's code. */
export function httpStatusCodeName(status: number): string {
  return HTTP_CODE_NAMES[status] ?? (status >= 200 && status < 300 ? 'OK' : `Http${status}`);
}

export function invalidTemplate(actionName: string, section: string, message: string): ActionError {
  return {
    code: 'InvalidTemplate',
    message: `Unable to process template language expressions in action '${actionName}' ${section} at line '0' and column '0': '${message}'.`,
  };
}

export function skippedError(actionName: string, predecessor: string, expected: string[], actual: string): ActionError {
  return {
    code: 'ActionBranchingConditionNotSatisfied',
    message: `The execution of template action '${actionName}' is skipped: the 'runAfter' condition for action '${predecessor}' is not satisfied. Expected status values '${expected.join(', ')}' and actual value '${actual}'.`,
  };
}

export function conditionNotTakenError(actionName: string, container: string, containerRan: boolean): ActionError {
  return {
    code: 'ActionConditionFailed',
    message: containerRan
      ? `The execution of template action '${actionName}' is skipped: the branch of '${container}' that contains it was not selected.`
      : `The execution of template action '${actionName}' is skipped: its container action '${container}' was skipped.`,
  };
}

/** Scope, loop and run failure caused by an inner action, as Power Automate words it. */
export const ACTION_FAILED: ActionError = {
  code: 'ActionFailed',
  message: 'An action failed. No dependent actions succeeded.',
};

/** An exception thrown inside an action's own logic (bad inputs), turned into a failed action. */
export class ActionFailure extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly outputs?: unknown,
  ) {
    super(message);
    this.name = 'ActionFailure';
  }
}
