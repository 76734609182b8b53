/** The four sync states of the Sync status choice column, plus values the control cannot place. */
export type SyncState = 'notSynced' | 'pending' | 'synced' | 'error' | 'unknown';

/** Option values of the Sync status column for each state. */
export interface StatusValues {
  notSynced?: number;
  pending?: number;
  synced?: number;
  error?: number;
}

const STATE_ORDER = ['notSynced', 'pending', 'synced', 'error'] as const;

/**
 * Which option value means which state. Values configured on the form (the four static inputs)
 * win. Without them the column's own options are used when there are exactly four: in ascending
 * value order they are Not synced, Pending, Synced, Error, the order the schema defines them in.
 * Anything else leaves the state unmapped (shown by its label, no Retry).
 */
export function resolveStatusValues(
  configured: StatusValues,
  options: readonly { Value: number }[] | null | undefined,
): StatusValues {
  const fromOptions: StatusValues = {};
  if (
    Array.isArray(options) &&
    options.length === STATE_ORDER.length &&
    options.every((o) => Number.isInteger(o?.Value))
  ) {
    const sorted = options.map((o) => o.Value).sort((a, b) => a - b);
    STATE_ORDER.forEach((state, i) => (fromOptions[state] = sorted[i]));
  }
  const out: StatusValues = {};
  for (const state of STATE_ORDER) {
    const value = Number.isInteger(configured[state]) ? configured[state] : fromOptions[state];
    if (value !== undefined) out[state] = value;
  }
  return out;
}

/** The state for a column value; an empty column means nothing was synced yet. */
export function stateOf(value: number | null | undefined, values: StatusValues): SyncState {
  if (value === null || value === undefined) return 'notSynced';
  for (const state of STATE_ORDER) if (values[state] === value) return state;
  return 'unknown';
}

/**
 * Turning sync on shares the deal with Microsoft sellers for the first time when the deal is
 * marked shared and no referral exists yet: that is the moment to confirm, because sharing can't
 * be undone.
 */
export function needsShareConfirmation(
  turningOn: boolean,
  sharedWithMicrosoft: boolean | null | undefined,
  referralId: string | null | undefined,
): boolean {
  return turningOn && sharedWithMicrosoft === true && (referralId ?? '').trim() === '';
}

/** Retry is offered on error only, when the user may write the status and the Pending value is known. */
export function canRetry(state: SyncState, statusDisabled: boolean, values: StatusValues): boolean {
  return state === 'error' && !statusDisabled && values.pending !== undefined;
}
