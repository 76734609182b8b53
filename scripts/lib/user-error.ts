/**
 * An error the user can fix (bad config value, bad CLI flag). Edges print its message and exit 2;
 * anything else is a bug and keeps its stack trace.
 */
export class UserError extends Error {
  readonly exitCode = 2;
  constructor(message: string) {
    super(message);
    this.name = 'UserError';
  }
}

export function isUserError(e: unknown): e is UserError {
  return e instanceof UserError;
}
