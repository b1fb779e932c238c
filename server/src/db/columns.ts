// What every module's tables are built from: the application role, the office-isolation policy and shared column kinds.
import { sql } from 'drizzle-orm';
import { customType, pgPolicy, pgRole, timestamp } from 'drizzle-orm/pg-core';

export const appRole = pgRole('bureau_app').existing();

export const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });
export const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => 'bytea' });
/** Words of a text without diacritics, for full-text search in every language (the `simple` configuration). */
export const searchVectorOf = (column: string) =>
  tsvector('search_vector').generatedAlwaysAs(sql.raw(`to_tsvector('simple', bureau_unaccent(${column}))`));

export const officeIsolation = (name = 'office_isolation') =>
  pgPolicy(name, {
    as: 'permissive',
    for: 'all',
    to: appRole,
    using: sql`office_id = app_office_id()`,
    withCheck: sql`office_id = app_office_id()`,
  });

export const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
