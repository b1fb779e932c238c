// The system module's tables (server/src/db/schema.ts assembles every module's into the one drizzle schema).
import { jsonb, pgTable, text } from 'drizzle-orm/pg-core';
import { createdAt } from '../../db/columns.js';

/** Settings of this Bureau instance itself, not of an office (the Web Push VAPID keys). */
export const instanceSettings = pgTable('instance_settings', {
  name: text('name').primaryKey(),
  value: jsonb('value').notNull(),
  createdAt: createdAt(),
});
