// The messaging module's tables (server/src/db/schema.ts assembles every module's into the one drizzle schema).
import { sql } from 'drizzle-orm';
import {
  bigserial,
  foreignKey,
  index,
  integer,
  jsonb,
  pgPolicy,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import { appRole, searchVectorOf, officeIsolation, createdAt } from '../../db/columns.js';
import { users } from '../identity/identity.tables.js';
import { companies, offices } from '../tenancy/tenancy.tables.js';

export type ChannelNames = Partial<Record<'en' | 'pl' | 'ro' | 'fr', string>>;

/** The office's channels, shared by all its companies; `key` marks the four defaults. */
export const channels = pgTable(
  'channels',
  {
    id: uuid('id').primaryKey(),
    officeId: uuid('office_id')
      .notNull()
      .references(() => offices.id),
    key: text('key', { enum: ['accounting', 'payroll', 'invoicing', 'admin'] }),
    /** Names chosen by the office, per language; a default channel without one uses the translation. */
    names: jsonb('names').$type<ChannelNames>().notNull().default({}),
    /** The staff specialty a conversation here routes to; null: office admins only. */
    specialty: text('specialty', { enum: ['accounting', 'payroll', 'invoicing'] }),
    position: integer('position').notNull().default(0),
    archivedAt: timestamp('archived_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    unique('channels_office_id_unique').on(t.officeId, t.id),
    unique('channels_office_key_unique').on(t.officeId, t.key),
    officeIsolation(),
  ],
);

export const conversations = pgTable(
  'conversations',
  {
    id: uuid('id').primaryKey(),
    officeId: uuid('office_id').notNull(),
    companyId: uuid('company_id').notNull(),
    channelId: uuid('channel_id').notNull(),
    subject: text('subject').notNull(),
    startedBySide: text('started_by_side', { enum: ['office', 'client'] }).notNull(),
    startedBy: uuid('started_by')
      .notNull()
      .references(() => users.id),
    /** The id the author's browser generated: a retried start finds the same conversation. */
    clientId: uuid('client_id').notNull(),
    visibility: text('visibility', { enum: ['company', 'private'] }).notNull(),
    status: text('status', { enum: ['open', 'closed'] })
      .notNull()
      .default('open'),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    closedBy: uuid('closed_by').references(() => users.id),
    closedBySide: text('closed_by_side', { enum: ['office', 'client'] }),
    lastMessageSeq: integer('last_message_seq').notNull().default(0),
    lastMessageAt: timestamp('last_message_at', { withTimezone: true }).notNull().defaultNow(),
    lastMessageSide: text('last_message_side', { enum: ['office', 'client'] }).notNull(),
    // The office's own state of the conversation (clients never see it). Handled and snoozed end when the client
    // writes again; the assignee is whose action it needs (in place of the channel's routing).
    handledAt: timestamp('handled_at', { withTimezone: true }),
    handledBy: uuid('handled_by').references(() => users.id),
    snoozedUntil: timestamp('snoozed_until', { withTimezone: true }),
    assigneeId: uuid('assignee_id').references(() => users.id),
    searchVector: searchVectorOf('subject'),
    createdAt: createdAt(),
  },
  (t) => [
    unique('conversations_office_id_unique').on(t.officeId, t.id),
    unique('conversations_client_id_unique').on(t.startedBy, t.clientId),
    foreignKey({ columns: [t.officeId, t.companyId], foreignColumns: [companies.officeId, companies.id] }),
    foreignKey({ columns: [t.officeId, t.channelId], foreignColumns: [channels.officeId, channels.id] }),
    index('conversations_inbox_idx').on(t.officeId, t.lastMessageAt),
    index('conversations_company_idx').on(t.officeId, t.companyId, t.lastMessageAt),
    // "Needs your action" counters: only the open conversations whose last word is the client's.
    index('conversations_waiting_idx')
      .on(t.officeId, t.channelId, t.companyId)
      .where(sql`status = 'open' AND last_message_side <> 'office'`),
    index('conversations_search_idx').using('gin', t.searchVector),
    officeIsolation(),
  ],
);

/** The client users a private conversation is meant for. */
export const conversationParticipants = pgTable(
  'conversation_participants',
  {
    officeId: uuid('office_id').notNull(),
    conversationId: uuid('conversation_id').notNull(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
  },
  (t) => [
    primaryKey({ columns: [t.conversationId, t.userId] }),
    foreignKey({ columns: [t.officeId, t.conversationId], foreignColumns: [conversations.officeId, conversations.id] }),
    index('conversation_participants_user_idx').on(t.officeId, t.userId),
    officeIsolation(),
  ],
);

export const messages = pgTable(
  'messages',
  {
    id: uuid('id').primaryKey(),
    officeId: uuid('office_id').notNull(),
    conversationId: uuid('conversation_id').notNull(),
    /** Position in the conversation, 1, 2, 3…: read positions and catch-up use it. */
    seq: integer('seq').notNull(),
    /** The id the author's browser generated: a retried send finds the same message. */
    clientId: uuid('client_id').notNull(),
    authorId: uuid('author_id')
      .notNull()
      .references(() => users.id),
    authorSide: text('author_side', { enum: ['office', 'client'] }).notNull(),
    body: text('body').notNull(),
    createdAt: createdAt(),
    editedAt: timestamp('edited_at', { withTimezone: true }),
    deletedAt: timestamp('deleted_at', { withTimezone: true }),
    searchVector: searchVectorOf('body'),
  },
  (t) => [
    unique('messages_seq_unique').on(t.conversationId, t.seq),
    index('messages_search_idx').using('gin', t.searchVector),
    unique('messages_client_id_unique').on(t.conversationId, t.clientId),
    foreignKey({ columns: [t.officeId, t.conversationId], foreignColumns: [conversations.officeId, conversations.id] }),
    officeIsolation(),
  ],
);

/** Every earlier text of an edited or deleted message: append-only, like the audit log. */
export const messageRevisions = pgTable(
  'message_revisions',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    officeId: uuid('office_id').notNull(),
    messageId: uuid('message_id')
      .notNull()
      .references(() => messages.id),
    kind: text('kind', { enum: ['edit', 'delete'] }).notNull(),
    body: text('body').notNull(),
    revisedBy: uuid('revised_by')
      .notNull()
      .references(() => users.id),
    revisedAt: timestamp('revised_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('message_revisions_message_idx').on(t.officeId, t.messageId),
    pgPolicy('revisions_read', { for: 'select', to: appRole, using: sql`office_id = app_office_id()` }),
    pgPolicy('revisions_append', { for: 'insert', to: appRole, withCheck: sql`office_id = app_office_id()` }),
  ],
);

/** How far each person has read each conversation. */
export const readPositions = pgTable(
  'read_positions',
  {
    officeId: uuid('office_id').notNull(),
    conversationId: uuid('conversation_id').notNull(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    lastReadSeq: integer('last_read_seq').notNull(),
    /** How far this person's browsers have received the conversation (≥ lastReadSeq): "delivered". */
    deliveredSeq: integer('delivered_seq').notNull().default(0),
    readAt: timestamp('read_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.conversationId, t.userId] }),
    foreignKey({ columns: [t.officeId, t.conversationId], foreignColumns: [conversations.officeId, conversations.id] }),
    officeIsolation(),
  ],
);
