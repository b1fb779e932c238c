// The inbound module's tables (server/src/db/schema.ts assembles every module's into the one drizzle schema).
import { index, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { officeIsolation, createdAt } from '../../db/columns.js';
import { users } from '../identity/identity.tables.js';
import { offices } from '../tenancy/tenancy.tables.js';

/** The reply address of a conversation for one person: reply+<token>@… posts their e-mailed answer. */
export const replyAddresses = pgTable(
  'reply_addresses',
  {
    token: text('token').primaryKey(),
    officeId: uuid('office_id')
      .notNull()
      .references(() => offices.id),
    conversationId: uuid('conversation_id').notNull(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [unique('reply_addresses_person').on(t.officeId, t.conversationId, t.userId), officeIsolation()],
);

/** Every e-mail that arrived at the reply listener, posted or refused, once per Message-ID. */
export const inboundEmails = pgTable(
  'inbound_emails',
  {
    id: uuid('id').primaryKey(),
    officeId: uuid('office_id')
      .notNull()
      .references(() => offices.id),
    messageIdHeader: text('message_id_header').notNull(),
    fromAddress: text('from_address').notNull(),
    status: text('status', { enum: ['posted', 'refused'] }).notNull(),
    reason: text('reason'),
    conversationId: uuid('conversation_id'),
    messageId: uuid('message_id'),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('inbound_emails_message_id').on(t.officeId, t.messageIdHeader),
    index('inbound_emails_office_idx').on(t.officeId, t.receivedAt),
    officeIsolation(),
  ],
);
