import {
  DealRegistrationAdd,
  DealRegistrationPatch,
  ErrorResponse,
  PatchOperation,
  Referral,
  ReferralList,
} from '../model';
import type { ConnectorSpec } from './connector-spec';
import { arrayOf, bodyParam, errorResponses, operation, param, refTo } from './swagger-builder';

/**
 * "Partner Center Referrals": the Referrals API on api.partner.microsoft.com (reference §3).
 * Deal registration operations PATCH the same URL as an update; the trailing "/" and "//" paths
 * are how Swagger 2.0 (and Microsoft's own connector) declares several PATCH operations on one URL.
 */

const referralId = param({
  name: 'id',
  in: 'path',
  type: 'string',
  summary: 'Referral id',
  description: 'Id of the referral (GUID).',
});

const correlationId = param({
  name: 'MS-CorrelationId',
  in: 'header',
  type: 'string',
  summary: 'Correlation id',
  description: 'A GUID that ties related calls together in Partner Center diagnostics.',
  visibility: 'advanced',
});

const ifMatch = (required: boolean) =>
  param({
    name: 'If-Match',
    in: 'header',
    type: 'string',
    summary: 'ETag',
    description: required
      ? "The referral's current eTag; the update fails with 412 if someone changed it since."
      : "The referral's eTag; when given, the update fails with 412 if someone changed it since.",
    required,
    visibility: required ? undefined : 'important',
  });

const prefer = (visibility: 'advanced' | 'internal') =>
  param({
    name: 'Prefer',
    in: 'header',
    type: 'string',
    summary: 'Return the updated referral',
    description: 'return=representation answers with the updated referral; return=minimal answers 204 with no body.',
    default: 'return=representation',
    visibility,
    enumValues: [
      { value: 'return=representation', displayName: 'Return the updated referral' },
      { value: 'return=minimal', displayName: 'Return no content' },
    ],
  });

const err = errorResponses(refTo(ErrorResponse));
const referralOk = (description: string) => ({ '200': { description, schema: refTo(Referral) } });
const patchResponses = {
  ...referralOk('The updated referral (with Prefer: return=representation).'),
  '204': { description: 'Updated (with Prefer: return=minimal).' },
  ...err,
};

export const referralsConnector: ConnectorSpec = {
  folder: 'partner-center-referrals',
  displayName: 'Partner Center Referrals',
  description:
    'Create, read and update Partner Center referrals (co-sell opportunities and leads) and their deal registrations. Built by Co-sell Sync.',
  host: 'api.partner.microsoft.com',
  basePath: '/v1.0/engagements',
  resource: 'https://api.partner.microsoft.com',
  brandColor: '#0078d4',
  definitionRoots: [Referral, ReferralList, PatchOperation, DealRegistrationAdd, DealRegistrationPatch, ErrorResponse],
  paths: {
    '/referrals': {
      get: operation({
        operationId: 'ListReferrals',
        summary: 'List referrals',
        description:
          "Lists referrals, 100 per page, filtered and ordered with OData. Filter examples: status eq 'New'; customerProfile/address/country eq 'US'; team/any(t:t/email eq 'a@contoso.com').",
        parameters: [
          param({
            name: '$filter',
            in: 'query',
            type: 'string',
            summary: 'Filter query',
            description:
              "An OData filter, for example updatedDateTime gt 2024-01-01T00:00:00Z and direction eq 'Incoming'.",
            visibility: 'important',
          }),
          param({
            name: '$orderby',
            in: 'query',
            type: 'string',
            summary: 'Order by',
            description: 'createdDateTime or updatedDateTime, then asc or desc.',
            visibility: 'important',
          }),
          param({
            name: '$top',
            in: 'query',
            type: 'integer',
            format: 'int32',
            summary: 'Top count',
            description: 'How many referrals to return at most.',
          }),
          param({
            name: '$skip',
            in: 'query',
            type: 'integer',
            format: 'int32',
            summary: 'Skip count',
            description: 'How many referrals to skip.',
            visibility: 'advanced',
          }),
          param({
            name: '$select',
            in: 'query',
            type: 'string',
            summary: 'Select properties',
            description: 'Comma-separated properties to return, for example id,status,customerProfile.',
            visibility: 'advanced',
          }),
          param({
            name: '$count',
            in: 'query',
            type: 'boolean',
            summary: 'Include count',
            description: 'Whether to return the total number of matches in @odata.count.',
            visibility: 'advanced',
          }),
          param({
            name: '$skiptoken',
            in: 'query',
            type: 'string',
            summary: 'Page token',
            description: 'The $skiptoken of @odata.nextLink, to read the next page.',
            visibility: 'advanced',
          }),
          correlationId,
        ],
        responses: { '200': { description: 'One page of referrals.', schema: refTo(ReferralList) }, ...err },
        extra: { 'x-ms-pageable': { nextLinkName: '@odata.nextLink' } },
      }),
      post: operation({
        operationId: 'CreateReferral',
        summary: 'Create a referral',
        description:
          'Creates a private, partner-led or co-sell referral. Type, customer (name, address with a two-letter country), consent and details (deal value, ISO 4217 currency, close date) are required.',
        parameters: [bodyParam('Referral', 'The referral to create.', refTo(Referral)), correlationId],
        responses: {
          ...referralOk('The created referral.'),
          '201': { description: 'The created referral.', schema: refTo(Referral) },
          ...err,
        },
      }),
    },
    '/referrals/{id}': {
      get: operation({
        operationId: 'GetReferral',
        summary: 'Get a referral',
        description: 'Reads one referral by id, with its eTag for safe updates.',
        parameters: [referralId, correlationId],
        responses: { ...referralOk('The referral.'), ...err },
      }),
      patch: operation({
        operationId: 'UpdateReferral',
        summary: 'Update a referral',
        description:
          'Changes fields with JSON Patch (add or replace only; append to an array with /-). Status and substatus must follow the referral lifecycle; closed referrals cannot change.',
        parameters: [
          referralId,
          ifMatch(false),
          prefer('advanced'),
          bodyParam('Changes', 'The JSON Patch operations.', arrayOf(PatchOperation)),
          correlationId,
        ],
        responses: patchResponses,
      }),
      put: operation({
        operationId: 'ReplaceReferral',
        summary: 'Replace a referral',
        description: 'Replaces the whole referral (legacy update). The eTag is required; remove links from the body.',
        parameters: [
          referralId,
          ifMatch(true),
          bodyParam('Referral', 'The full referral.', refTo(Referral)),
          correlationId,
        ],
        responses: { ...referralOk('The replaced referral.'), ...err },
        visibility: 'advanced',
      }),
    },
    '/referrals/{id}/': {
      patch: operation({
        operationId: 'CreateDealRegistration',
        summary: 'Create a deal registration',
        description: 'Adds a deal registration to a won partner-led or co-sell referral.',
        parameters: [
          referralId,
          ifMatch(false),
          prefer('internal'),
          bodyParam('Deal registration', 'The registration to add.', arrayOf(DealRegistrationAdd)),
          correlationId,
        ],
        responses: patchResponses,
      }),
    },
    '/referrals/{id}//': {
      patch: operation({
        operationId: 'UpdateDealRegistration',
        summary: 'Update a deal registration',
        description: 'Changes fields of the first deal registration of a referral.',
        parameters: [
          referralId,
          ifMatch(false),
          prefer('internal'),
          bodyParam('Changes', 'The registration fields to change.', arrayOf(DealRegistrationPatch)),
          correlationId,
        ],
        responses: patchResponses,
      }),
    },
  },
};
