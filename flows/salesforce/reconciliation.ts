import { fn, type FlowSpec } from '../builder';
import { reconciliationFlow } from '../sync/reconciliation';
import { env, type SfSyncContext } from './context';
import {
  sfSyncReferralActions,
  sfSyncReferralParameters,
  sfSyncReferralVariables,
} from './partner-center-to-salesforce';

/**
 * "Partner Center Reconciliation - Salesforce": repairs whatever a lost webhook left behind, with the
 * receiver's own per-referral logic, and checks the webhook registration (flows/sync/reconciliation.ts).
 */
export const SF_RECONCILIATION = 'Partner Center Reconciliation - Salesforce';

export function sfReconciliation(ctx: SfSyncContext): FlowSpec {
  return reconciliationFlow({
    name: SF_RECONCILIATION,
    description: `Every ${ctx.reconciliationMinutes} minutes, repairs referrals a lost webhook left out of sync with Salesforce and checks the webhook registration.`,
    minutes: ctx.reconciliationMinutes,
    crm: ctx.connections.salesforce,
    referrals: ctx.connections.referrals,
    events: ctx.connections.events,
    parameters: [...sfSyncReferralParameters(ctx), ctx.env.receiverUrl],
    receiverUrl: env(ctx.env.receiverUrl),
    variables: sfSyncReferralVariables(),
    perReferral: (loop) => sfSyncReferralActions(ctx, loop, fn('bool', true)),
  });
}
