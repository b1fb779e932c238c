// The audit module's tables (server/src/db/schema.ts assembles every module's into the one drizzle schema).
import { sql } from 'drizzle-orm';
import { bigserial, index, jsonb, pgPolicy, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { appRole } from '../../db/columns.js';
import { offices } from '../tenancy/tenancy.tables.js';

export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    officeId: uuid('office_id')
      .notNull()
      .references(() => offices.id),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    actorUserId: uuid('actor_user_id'),
    actorName: text('actor_name'),
    action: text('action').notNull(),
    objectType: text('object_type').notNull(),
    objectId: text('object_id'),
    companyId: uuid('company_id'),
    before: jsonb('before'),
    after: jsonb('after'),
    ip: text('ip'),
    requestId: text('request_id'),
  },
  (t) => [
    index('audit_log_office_at_idx').on(t.officeId, t.at),
    index('audit_log_object_idx').on(t.officeId, t.objectType, t.objectId),
    // Append-only: the application role may read and add, never change (UPDATE/DELETE are also revoked).
    pgPolicy('audit_read', { for: 'select', to: appRole, using: sql`office_id = app_office_id()` }),
    pgPolicy('audit_append', { for: 'insert', to: appRole, withCheck: sql`office_id = app_office_id()` }),
  ],
);
