/** The Partner Center sandbox: import from here. */
export {
  PartnerCenterSandbox,
  DEFAULT_PARTNER,
  CERTIFICATE_PATH,
  ADMIN_PREFIX,
  type PartnerCenterSandboxOptions,
} from './sandbox';
export { ManualClock, SystemClock, formatTimestamp, type Clock } from './clock';
export { verifyWebhookSignature, signBody, type VerifyResult, type VerifyOptions } from './webhooks/signature';
export { httpTransport, type WebhookTransport, type Delivery } from './webhooks/dispatcher';
export type { WebhookEventPayload } from './webhooks/events';
export type { FaultRuleInput, FaultRule } from './faults';
export { ADMIN_ENDPOINTS } from './http/admin';
export { MicrosoftSide, MICROSOFT_ORGANIZATION, EXPIRY_MS, type MicrosoftUpdate } from './microsoft-side';
export { sampleReferral } from './sample-referral';
