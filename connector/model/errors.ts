import { arr, int, obj, ref, str, type Infer } from './schema-dsl';

/** The Referrals API error body (reference §3.8): `{"error":{code,message,target,innerError}}`. */
export const InnerError = obj('InnerError', 'More detail about an error.', {
  code: str('Inner code', 'More specific error code.', { nullable: true }),
  message: str('Inner message', 'More specific message.', { nullable: true }),
});

export const ErrorDetail = obj(
  'ErrorDetail',
  'What went wrong.',
  {
    code: str('Error code', 'Kind of error, for example invalidRequest or preconditionFailed.'),
    message: str('Error message', 'Explanation, at most 1024 characters; not localized.', { maxLength: 1024 }),
    target: str('Error target', 'Where the error originated.', { nullable: true }),
    innerError: ref('Inner error', 'More detail.', InnerError, { nullable: true }),
  },
  ['code', 'message'],
);

export const ErrorResponse = obj(
  'ErrorResponse',
  'An error answer of the Referrals API.',
  {
    error: ref('Error', 'What went wrong.', ErrorDetail),
  },
  ['error'],
);

/** Error codes documented for the Referrals API. */
export const ERROR_CODES = [
  'accessDenied',
  'generalException',
  'invalidRequest',
  'itemNotFound',
  'preconditionFailed',
  'resourceModified',
  'serviceNotAvailable',
  'unauthenticated',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export type ErrorResponseValue = Infer<typeof ErrorResponse>;

/**
 * The error body of the Partner Center (CSP) API, which serves the Webhooks API: `{code, description, data,
 * source}` (reference §3.8), unlike the Referrals API's `{"error": {...}}`.
 */
export const PartnerCenterApiError = obj(
  'PartnerCenterApiError',
  'An error answer of the Partner Center API (webhooks).',
  {
    code: int('Error code', 'Numeric error code.'),
    description: str('Description', 'What went wrong.'),
    data: arr('Data', 'More detail.', str('Detail', 'A detail.')),
    source: str('Source', 'The service component that answered.', { nullable: true }),
  },
  ['code', 'description'],
);
