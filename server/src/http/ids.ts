// Ids are UUIDs in their canonical form. Anything else is answered before the database sees it:
// PostgreSQL would refuse a malformed id with an error (a 500) instead of finding nothing.
import { UUID_PATTERN } from '@bureau/common';
import { notFound } from './app-error.js';

const UUID = new RegExp(UUID_PATTERN);

export const isUuid = (value: unknown): value is string => typeof value === 'string' && UUID.test(value);

/** An id from a request. A malformed one is a 404 like an unknown one, so a probe learns nothing. */
export function parseId(value: string): string {
  if (!isUuid(value)) throw notFound();
  return value;
}
