// Errors a service may throw: a code from the catalogue, optional field errors and message params.
import type { ErrorCode, FieldErrorCode } from '@bureau/common';

export type FieldError = { code: FieldErrorCode; params?: Record<string, string | number> };

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly options: {
      params?: Record<string, string | number>;
      fields?: Record<string, FieldError>;
      headers?: Record<string, string>;
      /** Ids the client may act on (the existing company of a duplicate), sent as `error.details`. */
      details?: Record<string, string>;
    } = {},
  ) {
    super(code);
  }
}

export const notFound = () => new AppError('not_found');
export const forbidden = () => new AppError('forbidden');

/** A validation error on one or more fields. */
export function invalid(fields: Record<string, FieldError>): AppError {
  return new AppError('validation', { fields });
}
