// The mail module's tables (server/src/db/schema.ts assembles every module's into the one drizzle schema).
import { index, integer, jsonb, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { officeIsolation, createdAt } from '../../db/columns.js';
import { offices } from '../tenancy/tenancy.tables.js';

export const outboxEmails = pgTable(
  'outbox_emails',
  {
    id: uuid('id').primaryKey(),
    officeId: uuid('office_id')
      .notNull()
      .references(() => offices.id),
    toAddress: text('to_address').notNull(),
    toName: text('to_name'),
    locale: text('locale').notNull(),
    template: text('template').notNull(),
    subject: text('subject').notNull(),
    textBody: text('text_body').notNull(),
    htmlBody: text('html_body').notNull(),
    status: text('status', { enum: ['pending', 'sent', 'failed', 'stored'] }).notNull(),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    /** Extra headers (List-Unsubscribe, Reply-To). */
    headers: jsonb('headers').$type<Record<string, string>>(),
    /** Set for e-mails a job may try to queue twice (a retried notification): the second is not written. */
    dedupeKey: text('dedupe_key'),
    createdAt: createdAt(),
  },
  (t) => [
    index('outbox_emails_office_idx').on(t.officeId, t.createdAt),
    unique('outbox_emails_dedupe_key').on(t.officeId, t.dedupeKey),
    index('outbox_emails_pending_idx').on(t.status, t.nextAttemptAt),
    officeIsolation(),
  ],
);

/** The office's own SMTP sender; the password is sealed (AES-256-GCM) with the instance's secret key. */
export const officeMailSettings = pgTable(
  'office_mail_settings',
  {
    officeId: uuid('office_id')
      .primaryKey()
      .references(() => offices.id),
    host: text('host').notNull(),
    port: integer('port').notNull(),
    security: text('security', { enum: ['tls', 'starttls', 'none'] }).notNull(),
    username: text('username'),
    passwordSealed: text('password_sealed'),
    fromAddress: text('from_address').notNull(),
    fromName: text('from_name'),
    /** When a test message last went through, and the last error the server gave. */
    verifiedAt: timestamp('verified_at', { withTimezone: true }),
    lastError: text('last_error'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  () => [officeIsolation()],
);
