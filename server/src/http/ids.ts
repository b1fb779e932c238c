// Ids are UUIDs in their canonical form. Anything else is answered before the database sees it:
// PostgreSQL would refuse a malformed id with an error (a 500) instead of finding nothing.
import { notFound } from './app-error.js';

/** For JSON Schema `pattern`, which takes no flags. */
export const UUID_PATTERN = '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$';
const UUID = new RegExp(UUID_PATTERN);

export const isUuid = (value: unknown): value is string => typeof value === 'string' && UUID.test(value);

/** An id from a request. A malformed one is a 404 like an unknown one, so a probe learns nothing. */
export function parseId(value: string): string {
  if (!isUuid(value)) throw notFound();
  return value;
}
