import { fn, type FlowSpec } from '../builder';
import { reconciliationFlow } from '../sync/reconciliation';
import { type D365SyncContext, env } from './context';
import { syncReferralActions, syncReferralVariables } from './partner-center-to-dynamics365';

/**
 * "Partner Center Reconciliation": repairs whatever a lost webhook left behind, with the receiver's own
 * per-referral logic, and checks the webhook registration (flows/sync/reconciliation.ts).
 */
export const RECONCILIATION = 'Partner Center Reconciliation';

export function reconciliation(ctx: D365SyncContext): FlowSpec {
  return reconciliationFlow({
    name: RECONCILIATION,
    description: `Every ${ctx.reconciliationMinutes} minutes, repairs referrals a lost webhook left out of sync and checks the webhook registration.`,
    minutes: ctx.reconciliationMinutes,
    crm: ctx.connections.dataverse,
    referrals: ctx.connections.referrals,
    events: ctx.connections.events,
    parameters: [
      ctx.env.dealValueColumn,
      ctx.env.dealCurrencyColumn,
      ctx.env.customerCountryColumn,
      ctx.env.cosellOnly,
      ctx.env.defaultCurrency,
      ctx.env.receiverUrl,
    ],
    receiverUrl: env(ctx.env.receiverUrl),
    variables: syncReferralVariables(),
    perReferral: (loop) => syncReferralActions(ctx, loop, fn('bool', true)),
  });
}
