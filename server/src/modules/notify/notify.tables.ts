// The notify module's tables (server/src/db/schema.ts assembles every module's into the one drizzle schema).
import { sql } from 'drizzle-orm';
import { boolean, index, integer, pgTable, primaryKey, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { officeIsolation, createdAt } from '../../db/columns.js';
import { users } from '../identity/identity.tables.js';
import { companies, offices } from '../tenancy/tenancy.tables.js';

/**
 * The notification centre: one row per person and thing they are told about. `sourceKey` names the
 * thing (`message:<id>`), so a notification job that runs twice (a retry after a crash) adds nothing.
 */
export const notifications = pgTable(
  'notifications',
  {
    id: uuid('id').primaryKey(),
    officeId: uuid('office_id')
      .notNull()
      .references(() => offices.id),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    companyId: uuid('company_id').references(() => companies.id),
    kind: text('kind').notNull(),
    sourceKey: text('source_key').notNull(),
    conversationId: uuid('conversation_id'),
    messageId: uuid('message_id'),
    /** The message's position in its conversation: read once the person's read position reaches it. */
    seq: integer('seq'),
    title: text('title').notNull(),
    excerpt: text('excerpt').notNull().default(''),
    actorName: text('actor_name'),
    critical: boolean('critical').notNull().default(false),
    /** Shown in the bell (in-app on); off, the row only feeds the e-mail digest. */
    inApp: boolean('in_app').notNull().default(true),
    /** Waits for the unread digest e-mail. */
    digestDue: boolean('digest_due').notNull().default(false),
    /** Waits for the person's daily digest e-mail (their preference for this kind is 'digest'). */
    dailyDue: boolean('daily_due').notNull().default(false),
    emailedAt: timestamp('emailed_at', { withTimezone: true }),
    readAt: timestamp('read_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    unique('notifications_source_key').on(t.officeId, t.userId, t.sourceKey),
    index('notifications_user_idx').on(t.officeId, t.userId, t.createdAt),
    index('notifications_unread_idx')
      .on(t.officeId, t.userId, t.conversationId)
      .where(sql`read_at IS NULL`),
    officeIsolation(),
  ],
);

/** A person's own choices per kind of event; what is missing falls back to the office's defaults. */
export const notificationPreferences = pgTable(
  'notification_preferences',
  {
    officeId: uuid('office_id')
      .notNull()
      .references(() => offices.id),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    kind: text('kind').notNull(),
    inApp: boolean('in_app').notNull(),
    email: text('email', { enum: ['now', 'digest', 'off'] }).notNull(),
    sms: boolean('sms').notNull(),
    push: boolean('push').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.officeId, t.userId, t.kind] }), officeIsolation()],
);
