/**
 * The Referrals API error body (reference §3.8): `{"error":{code,message,target,innerError?}}`.
 * Codes are the documented ones: accessDenied, generalException, invalidRequest, itemNotFound,
 * preconditionFailed, resourceModified, serviceNotAvailable, unauthenticated.
 */
export type ErrorCode =
  | 'accessDenied'
  | 'generalException'
  | 'invalidRequest'
  | 'itemNotFound'
  | 'preconditionFailed'
  | 'resourceModified'
  | 'serviceNotAvailable'
  | 'unauthenticated';

export interface ErrorBody {
  error: {
    code: ErrorCode;
    message: string;
    target: string;
    innerError?: { code: string; message: string };
  };
}

/**
 * The Partner Center (CSP) API error body, used on the Webhooks host (reference §3.8: "the CSP
 * Partner Center API uses a different body"). The numeric code here is the HTTP status.
 */
export interface PartnerCenterErrorBody {
  code: number;
  description: string;
  data: string[];
  source: string;
}

/** A failure with its HTTP status; thrown by pure logic, turned into a response by the HTTP edge. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
    readonly target: string = 'referral',
    readonly innerError?: { code: string; message: string },
    readonly headers: Record<string, string> = {},
    /** `partnercenter`: the CSP API body `{code, description, data, source}` the Webhooks host uses. */
    readonly style: 'referrals' | 'partnercenter' = 'referrals',
  ) {
    super(message.length > 1024 ? message.slice(0, 1021) + '...' : message);
    this.name = 'ApiError';
  }

  toBody(): ErrorBody | PartnerCenterErrorBody {
    if (this.style === 'partnercenter')
      return { code: this.status, description: this.message, data: [], source: 'PartnerFD' };
    const error: ErrorBody['error'] = { code: this.code, message: this.message, target: this.target };
    if (this.innerError) error.innerError = this.innerError;
    return { error };
  }
}

export const badRequest = (message: string, target = 'referral', inner?: string): ApiError =>
  new ApiError(
    400,
    'invalidRequest',
    message,
    target,
    inner ? { code: 'validationFailed', message: inner } : undefined,
  );

export const webhookError = (status: number, message: string, headers: Record<string, string> = {}): ApiError =>
  new ApiError(
    status,
    status === 401 ? 'unauthenticated' : 'invalidRequest',
    message,
    'registration',
    undefined,
    headers,
    'partnercenter',
  );
