// The push module's tables (server/src/db/schema.ts assembles every module's into the one drizzle schema).
import { pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { officeIsolation, createdAt } from '../../db/columns.js';
import { users } from '../identity/identity.tables.js';
import { offices } from '../tenancy/tenancy.tables.js';

/** A browser's Web Push subscription for one person in one office. */
export const pushSubscriptions = pgTable(
  'push_subscriptions',
  {
    id: uuid('id').primaryKey(),
    officeId: uuid('office_id')
      .notNull()
      .references(() => offices.id),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    endpoint: text('endpoint').notNull(),
    p256dh: text('p256dh').notNull(),
    auth: text('auth').notNull(),
    userAgent: text('user_agent'),
    createdAt: createdAt(),
    lastSuccessAt: timestamp('last_success_at', { withTimezone: true }),
    lastError: text('last_error'),
  },
  (t) => [unique('push_subscriptions_endpoint').on(t.officeId, t.userId, t.endpoint), officeIsolation()],
);
