/** Every resx key the Referral link shows at run time. */
export const REFERRAL_LINK_STRING_KEYS = [
  'Open_Link',
  'Open_NewTab',
  'NotLink_Note',
  'NoLink',
  'Id_Label',
  'Copy',
  'Copy_Label',
  'Copied',
  'CopyFailed',
  'Masked',
] as const;

export type ReferralLinkStringKey = (typeof REFERRAL_LINK_STRING_KEYS)[number];
