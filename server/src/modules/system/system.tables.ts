// The system module's tables (server/src/db/schema.ts assembles every module's into the one drizzle schema).
import { sql } from 'drizzle-orm';
import { jsonb, pgPolicy, pgTable, text } from 'drizzle-orm/pg-core';
import { appRole, createdAt } from '../../db/columns.js';

/** The instance settings the application reads and writes: the Web Push VAPID key pair, stored once and never changed. */
export const APP_INSTANCE_SETTINGS = ['vapid'] as const;
const appInstanceSetting = sql.raw(`name IN (${APP_INSTANCE_SETTINGS.map((n) => `'${n}'`).join(', ')})`);

/**
 * Settings of this Bureau instance itself, not of an office. The application role sees and adds only the names above;
 * it may not change or delete a setting (migration 0021 revokes UPDATE and DELETE).
 */
export const instanceSettings = pgTable(
  'instance_settings',
  {
    name: text('name').primaryKey(),
    value: jsonb('value').notNull(),
    createdAt: createdAt(),
  },
  () => [
    pgPolicy('app_settings_read', { as: 'permissive', for: 'select', to: appRole, using: appInstanceSetting }),
    pgPolicy('app_settings_add', { as: 'permissive', for: 'insert', to: appRole, withCheck: appInstanceSetting }),
  ],
);
