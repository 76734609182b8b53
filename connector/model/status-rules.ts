import type { ReferralStatus, ReferralSubstatus } from './enums';

/**
 * The referral lifecycle (reference §4.4): which substatus goes with which status, which status may
 * follow which, and which states are terminal. The sandbox enforces it, the flows map CRM outcomes
 * onto it, and the connector documents it.
 */
export const SUBSTATUS_BY_STATUS: Readonly<Record<ReferralStatus, readonly ReferralSubstatus[]>> = {
  None: ['None'],
  New: ['Pending', 'Received'],
  Active: ['Accepted'],
  Closed: ['Won', 'Lost', 'Declined', 'Expired'],
};

export const NEXT_STATUS: Readonly<Record<ReferralStatus, readonly ReferralStatus[]>> = {
  None: ['None', 'New', 'Active', 'Closed'],
  New: ['New', 'Active', 'Closed'],
  Active: ['Active', 'Closed'],
  Closed: ['Closed'],
};

export function isValidStatusPair(status: ReferralStatus, substatus: ReferralSubstatus): boolean {
  return SUBSTATUS_BY_STATUS[status].includes(substatus);
}

/** Closed referrals (Won, Lost, Declined, Expired) refuse every change. */
export function isTerminal(status: ReferralStatus): boolean {
  return status === 'Closed';
}

export type TransitionCheck = { ok: true } | { ok: false; reason: string };

/** Whether a referral in `from` may move to `to`. */
export function checkTransition(
  from: { status: ReferralStatus; substatus: ReferralSubstatus },
  to: { status: ReferralStatus; substatus: ReferralSubstatus },
): TransitionCheck {
  if (isTerminal(from.status)) {
    return {
      ok: false,
      reason: `The referral is ${from.status}/${from.substatus}, a terminal state; it can't be changed.`,
    };
  }
  if (!isValidStatusPair(to.status, to.substatus)) {
    return {
      ok: false,
      reason: `Substatus ${to.substatus} is not allowed with status ${to.status}; allowed: ${SUBSTATUS_BY_STATUS[to.status].join(', ')}.`,
    };
  }
  if (!NEXT_STATUS[from.status].includes(to.status)) {
    return {
      ok: false,
      reason: `Status ${from.status} can't change to ${to.status}; allowed: ${NEXT_STATUS[from.status].join(', ')}.`,
    };
  }
  return { ok: true };
}
