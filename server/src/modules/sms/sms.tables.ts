// The sms module's tables (server/src/db/schema.ts assembles every module's into the one drizzle schema).
import { boolean, index, integer, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { officeIsolation, createdAt } from '../../db/columns.js';
import { users } from '../identity/identity.tables.js';
import { offices } from '../tenancy/tenancy.tables.js';

/** The office's SMS provider account; the token is sealed like the SMTP password. */
export const officeSmsSettings = pgTable(
  'office_sms_settings',
  {
    officeId: uuid('office_id')
      .primaryKey()
      .references(() => offices.id),
    provider: text('provider', { enum: ['smsapi', 'twilio'] }).notNull(),
    /** Twilio's Account SID (SMSAPI needs only the token). */
    accountId: text('account_id'),
    tokenSealed: text('token_sealed').notNull(),
    senderName: text('sender_name').notNull(),
    /** The provider's API address, when not the public one (a regional endpoint, a proxy, a test server). */
    baseUrl: text('base_url'),
    dailyCap: integer('daily_cap').notNull().default(500),
    perNumberHourly: integer('per_number_hourly').notNull().default(5),
    enabled: boolean('enabled').notNull().default(true),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  () => [officeIsolation()],
);

/** Every SMS the office sent or refused to send, with the provider's delivery status. */
export const smsMessages = pgTable(
  'sms_messages',
  {
    id: uuid('id').primaryKey(),
    officeId: uuid('office_id')
      .notNull()
      .references(() => offices.id),
    userId: uuid('user_id').references(() => users.id),
    toNumber: text('to_number').notNull(),
    body: text('body').notNull(),
    provider: text('provider').notNull(),
    providerMessageId: text('provider_message_id'),
    status: text('status', { enum: ['pending', 'sent', 'delivered', 'failed', 'refused'] })
      .notNull()
      .default('pending'),
    error: text('error'),
    attempts: integer('attempts').notNull().default(0),
    /** Set when a job may try to send the same SMS twice: the second is not written. */
    dedupeKey: text('dedupe_key'),
    createdAt: createdAt(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    statusAt: timestamp('status_at', { withTimezone: true }),
  },
  (t) => [
    unique('sms_messages_dedupe_key').on(t.officeId, t.dedupeKey),
    index('sms_messages_office_idx').on(t.officeId, t.createdAt),
    index('sms_messages_number_idx').on(t.officeId, t.toNumber, t.createdAt),
    officeIsolation(),
  ],
);
