// The attachments module's tables (server/src/db/schema.ts assembles every module's into the one drizzle schema).
import { sql } from 'drizzle-orm';
import { bigint, foreignKey, index, integer, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { officeIsolation, createdAt } from '../../db/columns.js';
import { users } from '../identity/identity.tables.js';
import { messages } from '../messaging/messaging.tables.js';
import { companies, offices } from '../tenancy/tenancy.tables.js';

/**
 * Files attached to messages. An upload is stored first (content-addressed under the office's
 * folder) and belongs to its uploader until a message takes it; uploads no message took are swept.
 */
export const attachments = pgTable(
  'attachments',
  {
    id: uuid('id').primaryKey(),
    officeId: uuid('office_id')
      .notNull()
      .references(() => offices.id),
    companyId: uuid('company_id').notNull(),
    uploadedBy: uuid('uploaded_by')
      .notNull()
      .references(() => users.id),
    messageId: uuid('message_id').references(() => messages.id),
    /** Order within its message. */
    position: integer('position').notNull().default(0),
    /** The name the uploader gave it, cleaned (no folders, no control characters). */
    name: text('name').notNull(),
    /** The type decided from the content, never from the name. */
    mime: text('mime').notNull(),
    size: bigint('size', { mode: 'number' }).notNull(),
    sha256: text('sha256').notNull(),
    /** Images: a small and a screen-sized copy, re-encoded without metadata (no EXIF location). */
    thumbnailSha256: text('thumbnail_sha256'),
    previewSha256: text('preview_sha256'),
    width: integer('width'),
    height: integer('height'),
    createdAt: createdAt(),
  },
  (t) => [
    index('attachments_message_idx').on(t.officeId, t.messageId),
    index('attachments_sha_idx').on(t.officeId, t.sha256),
    index('attachments_pending_idx')
      .on(t.createdAt)
      .where(sql`message_id IS NULL`),
    foreignKey({ columns: [t.companyId], foreignColumns: [companies.id] }),
    officeIsolation(),
  ],
);
