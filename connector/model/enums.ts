import type { EnumValue } from './schema-dsl';

/**
 * Partner Center enumerations (reference partner-center-api.md §4.3). PascalCase values as on the
 * wire; display names are what Power Automate shows in dropdowns.
 */

export const REFERRAL_STATUS = [
  { value: 'None', displayName: 'None' },
  { value: 'New', displayName: 'New' },
  { value: 'Active', displayName: 'Active' },
  { value: 'Closed', displayName: 'Closed' },
] as const satisfies readonly EnumValue[];
export type ReferralStatus = (typeof REFERRAL_STATUS)[number]['value'];

export const REFERRAL_SUBSTATUS = [
  { value: 'None', displayName: 'None' },
  { value: 'Pending', displayName: 'Pending', description: 'New, pending' },
  { value: 'Received', displayName: 'Received', description: 'New, received' },
  { value: 'Accepted', displayName: 'Accepted', description: 'Active' },
  { value: 'Won', displayName: 'Won', description: 'Closed' },
  { value: 'Lost', displayName: 'Lost', description: 'Closed' },
  { value: 'Declined', displayName: 'Declined', description: 'Closed' },
  { value: 'Expired', displayName: 'Expired', description: 'Closed' },
] as const satisfies readonly EnumValue[];
export type ReferralSubstatus = (typeof REFERRAL_SUBSTATUS)[number]['value'];

export const REFERRAL_TYPE = [
  { value: 'Independent', displayName: 'Independent', description: 'Visible to one partner' },
  { value: 'Shared', displayName: 'Shared', description: 'Visible to two parties working together' },
] as const satisfies readonly EnumValue[];
export type ReferralType = (typeof REFERRAL_TYPE)[number]['value'];

export const REFERRAL_QUALIFICATION = [
  { value: 'None', displayName: 'None', description: 'No quality measure' },
  { value: 'Direct', displayName: 'Direct', description: 'Created directly by a customer' },
  {
    value: 'MarketingQualified',
    displayName: 'Marketing qualified',
    description: 'From Microsoft marketing automation',
  },
  { value: 'SalesQualified', displayName: 'Sales qualified', description: 'From a Microsoft sales agent' },
] as const satisfies readonly EnumValue[];
export type ReferralQualification = (typeof REFERRAL_QUALIFICATION)[number]['value'];

export const REFERRAL_DIRECTION = [
  { value: 'Incoming', displayName: 'Incoming' },
  { value: 'Outgoing', displayName: 'Outgoing' },
] as const satisfies readonly EnumValue[];
export type ReferralDirection = (typeof REFERRAL_DIRECTION)[number]['value'];

/** "How can Microsoft help?" (§4.3.9). `Unknown` means no help requested. */
export const ASSISTANCE_REQUEST_CODE = [
  { value: 'Unknown', displayName: 'No help requested' },
  { value: 'WorkloadSpecificValueProposition', displayName: 'Workload-specific value proposition' },
  { value: 'CustomerTechnicalArchitecture', displayName: 'Customer technical architecture' },
  { value: 'ProofOfConceptOrDemo', displayName: 'Proof of concept or demo' },
  { value: 'QuotesOrLicensing', displayName: 'Quotes and licensing' },
  { value: 'PostSalesCustomerSuccess', displayName: 'Post-sales customer success' },
  { value: 'GeneralOrOther', displayName: 'General or other' },
] as const satisfies readonly EnumValue[];
export type AssistanceRequestCode = (typeof ASSISTANCE_REQUEST_CODE)[number]['value'];

export const SOLUTION_TAG_TYPE = [
  { value: 'None', displayName: 'None' },
  { value: 'Category', displayName: 'Category', description: 'A pre-defined solution name' },
  { value: 'Name', displayName: 'Name', description: 'A solution from the Microsoft catalog (SOL-...)' },
] as const satisfies readonly EnumValue[];

export const TARGET_TYPE = [
  { value: 'None', displayName: 'None' },
  { value: 'BusinessProfileLocation', displayName: 'Business profile location' },
  { value: 'SolutionProfile', displayName: 'Solution profile' },
] as const satisfies readonly EnumValue[];

export const CUSTOMER_PROFILE_ID_TYPE = [
  { value: 'Duns', displayName: 'DUNS number' },
  { value: 'External', displayName: 'External id' },
] as const satisfies readonly EnumValue[];

/** Connector enum (PPC-SW); the service also stores percentage strings such as "40", so it stays open. */
export const SALES_STAGE = [
  { value: 'Qualify', displayName: 'Qualify' },
  { value: 'Develop', displayName: 'Develop' },
  { value: 'Propose', displayName: 'Propose' },
  { value: 'Close', displayName: 'Close' },
] as const satisfies readonly EnumValue[];

export const CUSTOMER_SIZE = [
  '1to50employees',
  '51to500employees',
  'Morethan500employees',
  '1to9employees',
  '10to50employees',
  '51to250employees',
  '251to1000employees',
  '1001to5000employees',
  '5001to10000employees',
  '10001to20000employees',
  'Morethan20000employees',
].map((value) => ({
  value,
  displayName: value.replace(/to/, ' to ').replace('Morethan', 'More than ').replace('employees', ' employees'),
}));

export const REGISTRATION_TYPE = [
  { value: 'AzureIPCoSell', displayName: 'Azure IP co-sell' },
] as const satisfies readonly EnumValue[];
export const CONTRACT_TERM = [
  { value: 'Perpetual', displayName: 'Perpetual' },
  { value: 'Finite', displayName: 'Finite' },
] as const satisfies readonly EnumValue[];
export const PRIMARY_DEPLOYMENT_ON = [
  { value: 'Customer', displayName: 'Customer' },
  { value: 'Partner', displayName: 'Partner' },
] as const satisfies readonly EnumValue[];
export const PRICING_MODEL = [
  { value: 'PayAsYouGo', displayName: 'Pay as you go' },
  { value: 'Other', displayName: 'Other' },
] as const satisfies readonly EnumValue[];

/** JSON Patch operations the Referrals API accepts (§3.5). */
export const PATCH_OP = [
  { value: 'replace', displayName: 'Replace' },
  { value: 'add', displayName: 'Add' },
] as const satisfies readonly EnumValue[];

/** Webhook events for referrals (§5.3); the registration may hold others too. */
export const REFERRAL_WEBHOOK_EVENTS = [
  'referral-created',
  'referral-updated',
  'related-referral-created',
  'related-referral-updated',
] as const;
export type ReferralWebhookEvent = (typeof REFERRAL_WEBHOOK_EVENTS)[number];
export const VALIDATION_WEBHOOK_EVENT = 'test-created';

export function enumValues<V extends string>(values: readonly EnumValue<V>[]): V[] {
  return values.map((v) => v.value);
}
