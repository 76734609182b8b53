/**
 * Dataverse Web API errors: `{"error":{"code":"0x...","message":"..."}}` with the HTTP status Dataverse uses.
 * Codes are the platform's hex error codes; docs/DECISIONS.md lists the ones whose exact pairing with a
 * message we could not confirm.
 */
export class DataverseError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'DataverseError';
  }

  toBody(): { error: { code: string; message: string } } {
    return { error: { code: this.code, message: this.message } };
  }
}

export const ErrorCodes = {
  /** DuplicateRecord: primary key or alternate key already taken; also N:N link already present. */
  duplicateRecord: '0x80040237',
  /** ObjectDoesNotExist. */
  doesNotExist: '0x80040217',
  /** String longer than the column's MaxLength. */
  stringTooLong: '0x80044331',
  /** Choice (or number) value outside the valid range. */
  outOfRange: '0x8004431a',
  /** Payload could not be read (bad JSON, wrong JSON type, unknown property). */
  payload: '0x80048d19',
  /** OData query or URL syntax/semantic error. */
  query: '0x80060888',
  /** Resource (entity set, navigation property) not found for a URL segment. */
  segmentNotFound: '0x8006088a',
  /** If-Match version does not match. */
  versionMismatch: '0x80060882',
  /** Invalid argument (e.g. status code not valid for the state code). */
  invalidArgument: '0x80040203',
  /** Unexpected failure. */
  unexpected: '0x80040216',
} as const;

const HELP_LINK = 'https://go.microsoft.com/fwlink/?linkid=2195293';

export const errors = {
  notFound(entity: string, id: string): DataverseError {
    return new DataverseError(404, ErrorCodes.doesNotExist, `Entity '${entity}' With Id = ${id} Does Not Exist`);
  },
  keyNotFound(entity: string): DataverseError {
    return new DataverseError(
      404,
      ErrorCodes.doesNotExist,
      `A record with the specified key values does not exist in ${entity} entity`,
    );
  },
  duplicateKey(): DataverseError {
    return new DataverseError(412, ErrorCodes.duplicateRecord, 'A record with matching key values already exists.');
  },
  duplicateKeyOnWrite(): DataverseError {
    return new DataverseError(412, ErrorCodes.duplicateRecord, 'A record with matching key values already exists.');
  },
  duplicateLink(): DataverseError {
    return new DataverseError(412, ErrorCodes.duplicateRecord, 'Cannot insert duplicate key.');
  },
  tooLong(attribute: string, entity: string, max: number): DataverseError {
    return new DataverseError(
      400,
      ErrorCodes.stringTooLong,
      `A validation error occurred. The length of the '${attribute}' attribute of the '${entity}' entity exceeded the maximum allowed length of '${max}'.`,
    );
  },
  outOfRange(value: unknown, attribute: string, entity: string, accepted?: number[]): DataverseError {
    const tail = accepted ? ` Accepted Values: ${accepted.join(',')}` : '';
    return new DataverseError(
      400,
      ErrorCodes.outOfRange,
      `A validation error occurred. The value ${String(value)} of '${attribute}' on record of type '${entity}' is outside the valid range.${tail}`,
    );
  },
  payload(entitySet: string, inner: string): DataverseError {
    return new DataverseError(
      400,
      ErrorCodes.payload,
      `Error identified in Payload provided by the user for Entity :'${entitySet}', For more information on this error please follow this help link ${HELP_LINK}  ----> InnerException : Microsoft.OData.ODataException: ${inner}`,
    );
  },
  query(message: string): DataverseError {
    return new DataverseError(400, ErrorCodes.query, message);
  },
  segment(segment: string): DataverseError {
    return new DataverseError(404, ErrorCodes.segmentNotFound, `Resource not found for the segment '${segment}'.`);
  },
  versionMismatch(): DataverseError {
    return new DataverseError(
      412,
      ErrorCodes.versionMismatch,
      "The version of the existing record doesn't match the RowVersion property provided.",
    );
  },
  invalidArgument(message: string): DataverseError {
    return new DataverseError(400, ErrorCodes.invalidArgument, message);
  },
};
