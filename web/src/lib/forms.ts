// Form errors in one shape: whatever failed (the server or a check in the browser) becomes an ApiError with fields.
import { useState } from 'react';
import { ApiError } from '../api/client';

export type FieldErrors = Record<string, string>;

/** An error found before sending, shaped like the server's so one summary shows both. */
export function localError(message: string, fields: FieldErrors): ApiError {
  return new ApiError(400, 'validation', message, fields);
}

/** Finds a field's error whether the server names it `a.0.b`, `a/0/b` or `a[0].b`. */
export function fieldError(fields: FieldErrors, ...path: (string | number)[]): string | undefined {
  const dotted = path.join('.');
  return (
    fields[dotted] ??
    fields[path.join('/')] ??
    fields[`/${path.join('/')}`] ??
    fields[path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('')]
  );
}

export function fieldsOf(error: unknown): FieldErrors {
  return error instanceof ApiError ? error.fields : {};
}

/** Holds the last error of a form and gives each field its id and message. */
export function useFormErrors(formId: string) {
  const [error, setError] = useState<unknown>(null);
  const fields = fieldsOf(error);
  const field = (name: string) => ({ id: `${formId}-${name}`, error: fields[name] });
  return { formId, error, fields, setError, clear: () => setError(null), field };
}
