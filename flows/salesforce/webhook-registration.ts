import type { FlowSpec } from '../builder';
import { webhookRegistrationFlow } from '../dynamics365/webhook-registration';
import type { SfSyncContext } from './context';
import { PC_TO_SF } from './partner-center-to-salesforce';

/** "Partner Center Webhook Registration" for the Salesforce solution: registers the Partner Center to Salesforce receiver. */
export function sfWebhookRegistration(ctx: SfSyncContext): FlowSpec {
  return webhookRegistrationFlow(ctx.connections.events, PC_TO_SF);
}
