// The broadcast module's tables (server/src/db/schema.ts assembles every module's into the one drizzle schema).
import {
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import { officeIsolation, createdAt } from '../../db/columns.js';
import { users } from '../identity/identity.tables.js';
import { channels, conversations, messages } from '../messaging/messaging.tables.js';
import { companies, offices } from '../tenancy/tenancy.tables.js';

/** One message sent by staff to many companies at once. */
export const broadcasts = pgTable(
  'broadcasts',
  {
    id: uuid('id').primaryKey(),
    officeId: uuid('office_id')
      .notNull()
      .references(() => offices.id),
    authorId: uuid('author_id')
      .notNull()
      .references(() => users.id),
    channelId: uuid('channel_id').notNull(),
    /** A new conversation in each company, or an announcement (critical) in its Admin channel. */
    mode: text('mode', { enum: ['conversation', 'announcement'] }).notNull(),
    subject: text('subject').notNull(),
    body: text('body').notNull(),
    attachmentIds: jsonb('attachment_ids').$type<string[]>().notNull().default([]),
    /** How the companies were chosen (a filter or a checklist), for the report. */
    selection: jsonb('selection').$type<Record<string, unknown>>().notNull(),
    total: integer('total').notNull(),
    status: text('status', { enum: ['sending', 'done'] })
      .notNull()
      .default('sending'),
    createdAt: createdAt(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [
    unique('broadcasts_office_id_unique').on(t.officeId, t.id),
    // Keys include office_id: a row can never tie one office's broadcast to another's channel or company.
    foreignKey({ columns: [t.officeId, t.channelId], foreignColumns: [channels.officeId, channels.id] }),
    index('broadcasts_office_idx').on(t.officeId, t.createdAt),
    officeIsolation(),
  ],
);

/** Each company a broadcast reaches: its conversation and message, when delivered and first read. */
export const broadcastRecipients = pgTable(
  'broadcast_recipients',
  {
    broadcastId: uuid('broadcast_id').notNull(),
    officeId: uuid('office_id')
      .notNull()
      .references(() => offices.id),
    companyId: uuid('company_id').notNull(),
    conversationId: uuid('conversation_id'),
    messageId: uuid('message_id').references(() => messages.id),
    deliveredAt: timestamp('delivered_at', { withTimezone: true }),
    readAt: timestamp('read_at', { withTimezone: true }),
    readBy: uuid('read_by').references(() => users.id),
  },
  (t) => [
    primaryKey({ columns: [t.broadcastId, t.companyId] }),
    foreignKey({ columns: [t.officeId, t.broadcastId], foreignColumns: [broadcasts.officeId, broadcasts.id] }),
    foreignKey({ columns: [t.officeId, t.companyId], foreignColumns: [companies.officeId, companies.id] }),
    foreignKey({ columns: [t.officeId, t.conversationId], foreignColumns: [conversations.officeId, conversations.id] }),
    index('broadcast_recipients_conversation_idx').on(t.officeId, t.conversationId),
    officeIsolation(),
  ],
);
