/**
 * Salesforce REST API errors: the body is always an array of `{ message, errorCode, fields }`
 * (fields only for record errors), the shape flows and tools parse.
 */
export interface SalesforceErrorItem {
  message: string;
  errorCode: string;
  fields?: string[];
}

export class SalesforceError extends Error {
  constructor(
    readonly status: number,
    readonly items: SalesforceErrorItem[],
  ) {
    super(items.map((i) => `${i.errorCode}: ${i.message}`).join('; '));
  }

  static one(status: number, errorCode: string, message: string, fields?: string[]): SalesforceError {
    return new SalesforceError(status, [{ message, errorCode, ...(fields ? { fields } : {}) }]);
  }

  toBody(): SalesforceErrorItem[] {
    return this.items;
  }
}

export const sfErrors = {
  notFound: () => SalesforceError.one(404, 'NOT_FOUND', 'The requested resource does not exist'),
  notFoundObject: (name: string) =>
    SalesforceError.one(
      404,
      'NOT_FOUND',
      `The requested resource does not exist: sObject type '${name}' is not supported.`,
    ),
  invalidSession: () => SalesforceError.one(401, 'INVALID_SESSION_ID', 'Session expired or invalid'),
  malformedId: (object: string, id: string) =>
    SalesforceError.one(400, 'MALFORMED_ID', `${object} ID: id value of incorrect type: ${id}`),
  jsonParser: (message: string) => SalesforceError.one(400, 'JSON_PARSER_ERROR', message),
  malformedQuery: (message: string) => SalesforceError.one(400, 'MALFORMED_QUERY', message),
  invalidField: (message: string) => SalesforceError.one(400, 'INVALID_FIELD', message),
  methodNotAllowed: (method: string) =>
    SalesforceError.one(
      405,
      'METHOD_NOT_ALLOWED',
      `HTTP Method '${method}' not allowed. Allowed are GET,PATCH,DELETE,HEAD`,
    ),
  unavailable: () =>
    SalesforceError.one(503, 'SERVER_UNAVAILABLE', 'Server temporarily unavailable. Please try again later.'),
};
