import { concat, type Expr } from '../builder';

/**
 * The seller-facing link to a referral in Partner Center. The exact page path is not in the public
 * record (docs/DECISIONS.md); it lives here only, on Partner Center's https host, which is the only
 * host the Referral link control renders as a link.
 */
export const REFERRAL_LINK_BASE = 'https://partner.microsoft.com/dashboard/referrals/v2/opportunities/';

export function referralLink(referralId: Expr): Expr {
  return concat(REFERRAL_LINK_BASE, referralId);
}
