import { PATCH_OP } from './enums';
import { anyValue, arr, enumOf, int, obj, ref, str } from './schema-dsl';
import { Referral, Registration } from './referral';

/**
 * JSON Patch (RFC 6902) as the Referrals API accepts it: `add` and `replace` only (§3.5). `value`
 * is any JSON, so it carries no type.
 */
export const PatchOperation = obj(
  'PatchOperation',
  'One JSON Patch operation on a referral.',
  {
    op: enumOf('Operation', 'add or replace; the service accepts no others.', PATCH_OP),
    path: str('Path', 'JSON Pointer to the property, for example /details/dealValue or /team/- to append.'),
    value: anyValue('Value', 'The new value: any JSON value (text, number, true/false, object or array).'),
  },
  ['op', 'path'],
);

/** Registration paths Microsoft's connector exposes for updating a deal registration (§3.7). */
export const DEAL_REGISTRATION_PATCH_PATHS = [
  '/registrations/0/contract/startDateTime',
  '/registrations/0/contract/endDateTime',
  '/registrations/0/contract/signDateTime',
  '/registrations/0/contract/term',
  '/registrations/0/contract/value',
  '/registrations/0/solutionDetails/0/value',
  '/registrations/0/solutionDetails/0/currency',
  '/registrations/0/solutionDetails/0/isDeployedOnAzure',
  '/registrations/0/solutionDetails/0/primaryDeploymentOn',
  '/registrations/0/solutionDetails/0/pricingModel',
  '/registrations/0/solutionDetails/0/marketplaceTransactionDetails/isMarketplaceTransacted',
  '/registrations/0/solutionDetails/0/marketplaceTransactionDetails/marketplaceTransactionDateTime',
] as const;

export const DealRegistrationAdd = obj(
  'DealRegistrationAdd',
  'Adds a deal registration to a won referral.',
  {
    op: enumOf('Operation', 'Always add.', [{ value: 'add', displayName: 'Add' }], { visibility: 'internal' }),
    path: enumOf('Path', 'Always /registrations/- (append).', [{ value: '/registrations/-', displayName: 'Append' }], {
      visibility: 'internal',
    }),
    value: ref('Registration', 'The deal registration.', Registration),
  },
  ['op', 'path', 'value'],
);

export const DealRegistrationPatch = obj(
  'DealRegistrationPatch',
  'Changes one field of the first deal registration.',
  {
    op: enumOf('Operation', 'add or replace.', PATCH_OP),
    path: enumOf(
      'Field',
      'The registration field to change.',
      DEAL_REGISTRATION_PATCH_PATHS.map((p) => ({ value: p, displayName: p.replace('/registrations/0/', '') })),
    ),
    value: anyValue('Value', 'The new value.'),
  },
  ['op', 'path', 'value'],
);

export const ReferralList = obj('ReferralList', 'One page of referrals.', {
  '@odata.context': str('Context', 'OData context URL.', { nullable: true, visibility: 'internal' }),
  '@odata.count': int('Total count', 'Total number of matching referrals, when $count=true was asked.', {
    nullable: true,
  }),
  value: arr('Referrals', 'The referrals on this page.', ref('Referral', 'A referral.', Referral)),
  '@odata.nextLink': str('Next page', 'Address of the next page; absent on the last page.', {
    nullable: true,
    visibility: 'internal',
  }),
});
