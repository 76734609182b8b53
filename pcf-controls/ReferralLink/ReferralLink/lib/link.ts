import { isPartnerCenterHost, toSafeHttpsUrl } from '../../../shared/safe-url';

/** What the link area shows for a Referral Link value. */
export type LinkDisplay = { kind: 'link'; href: string } | { kind: 'text'; text: string } | { kind: 'empty' };

/** Longest text shown for a value that is not a link; the rest is cut with "…". */
export const MAX_PLAIN_TEXT = 300;

/**
 * Only an https URL on Partner Center's host becomes a link; any other non-empty value is shown
 * as text (never as a link), cut to a readable length.
 */
export function linkDisplay(raw: string | null | undefined): LinkDisplay {
  const href = toSafeHttpsUrl(raw, isPartnerCenterHost);
  if (href) return { kind: 'link', href };
  const text = typeof raw === 'string' ? raw.trim() : '';
  if (text === '') return { kind: 'empty' };
  return { kind: 'text', text: text.length > MAX_PLAIN_TEXT ? `${text.slice(0, MAX_PLAIN_TEXT - 1)}…` : text };
}

/** Outcome of a copy attempt, shown to the user and announced. */
export type CopyOutcome = 'idle' | 'copied' | 'failed';
