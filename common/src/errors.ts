// The error catalogue: stable machine codes and their HTTP status. Messages live in
// locales/<lang>/errors.json under the same code.
export const errorStatus = {
  validation: 400,
  invalid_json: 400,
  payload_too_large: 413,
  unauthenticated: 401,
  forbidden: 403,
  csrf_invalid: 403,
  not_found: 404,
  conflict: 409,
  rate_limited: 429,
  internal: 500,
  'setup.already_done': 409,
  'auth.invalid_credentials': 401,
  'auth.totp_required': 401,
  'auth.totp_invalid': 401,
  'auth.code_invalid': 401,
  'auth.throttled': 429,
  'auth.company_inactive': 403,
  'auth.account_disabled': 403,
  'auth.link_invalid': 400,
  'auth.two_factor_required': 403,
  'password.current_invalid': 400,
  'staff.last_owner': 409,
  'staff.owner_locked': 403,
  'staff.email_taken': 409,
  'company.tax_id_taken': 409,
  'company.user_exists': 409,
  'context.not_member': 404,
} as const;

export type ErrorCode = keyof typeof errorStatus;

/** Messages for single fields (validation errors); also keys in errors.json under "field". */
export const fieldErrorCodes = [
  'required',
  'invalid',
  'too_long',
  'too_short',
  'email_invalid',
  'tax_id_format',
  'tax_id_checksum',
  'iban_format',
  'iban_length',
  'iban_checksum',
  'password_too_short',
  'password_too_long',
  'password_common',
  'password_contains_personal',
  'unknown_field',
  'phone_invalid',
] as const;
export type FieldErrorCode = (typeof fieldErrorCodes)[number];
