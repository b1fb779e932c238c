// The realtime module's tables (server/src/db/schema.ts assembles every module's into the one drizzle schema).
import { bigserial, index, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { officeIsolation, createdAt } from '../../db/columns.js';
import { offices } from '../tenancy/tenancy.tables.js';

/**
 * What happened, for the realtime gateway: written in the transaction of the change (so a crash
 * never loses one), read by every instance's dispatcher, replayed to a reconnecting browser.
 */
export const events = pgTable(
  'events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    officeId: uuid('office_id')
      .notNull()
      .references(() => offices.id),
    type: text('type').notNull(),
    companyId: uuid('company_id'),
    conversationId: uuid('conversation_id'),
    /** Set for an event meant for one person only (their notifications); no conversation then. */
    userId: uuid('user_id'),
    payload: jsonb('payload').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('events_office_idx').on(t.officeId, t.id), officeIsolation()],
);
