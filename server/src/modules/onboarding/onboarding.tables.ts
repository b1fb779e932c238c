// The onboarding module's tables (server/src/db/schema.ts assembles every module's into the one drizzle schema).
import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
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
import { bytea, officeIsolation, createdAt } from '../../db/columns.js';
import { users } from '../identity/identity.tables.js';
import { companies, offices } from '../tenancy/tenancy.tables.js';

/**
 * An invitation of a person to a company's portal. Only the SHA-256 of the link's token is kept; a resend replaces it, so
 * the older link stops working. The status is derived: revoked, accepted, expired (past expires_at), opened, else sent.
 */
export const invitations = pgTable(
  'invitations',
  {
    id: uuid('id').primaryKey(),
    officeId: uuid('office_id')
      .notNull()
      .references(() => offices.id),
    /** The company the person is invited to; null for an invitation to join the office's staff. */
    companyId: uuid('company_id'),
    email: text('email').notNull(),
    /** The representative's name, as the office typed it; the person may correct it when creating the account. */
    name: text('name').notNull(),
    phone: text('phone'),
    /** A client invitation's access (null for staff). */
    access: text('access', { enum: ['full', 'limited'] }),
    /** A staff invitation's role and specialties (null for clients). */
    role: text('role', { enum: ['owner', 'admin', 'employee'] }),
    specialties: text('specialties').array(),
    locale: text('locale').notNull(),
    tokenHash: text('token_hash').notNull().unique(),
    invitedBy: uuid('invited_by').references(() => users.id),
    /** Set when it came from a portfolio import. */
    importId: uuid('import_id'),
    sendCount: integer('send_count').notNull().default(1),
    lastSentAt: timestamp('last_sent_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    openedAt: timestamp('opened_at', { withTimezone: true }),
    acceptedAt: timestamp('accepted_at', { withTimezone: true }),
    acceptedBy: uuid('accepted_by').references(() => users.id),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    revokedBy: uuid('revoked_by').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    foreignKey({ columns: [t.officeId, t.companyId], foreignColumns: [companies.officeId, companies.id] }).onDelete(
      'cascade',
    ),
    index('invitations_company_idx').on(t.officeId, t.companyId, t.createdAt),
    index('invitations_email_idx').on(t.officeId, t.email),
    check(
      'invitations_kind',
      sql`(${t.companyId} IS NOT NULL AND ${t.access} IS NOT NULL AND ${t.role} IS NULL) OR (${t.companyId} IS NULL AND ${t.access} IS NULL AND ${t.role} IS NOT NULL)`,
    ),
    officeIsolation(),
  ],
);

/** A portfolio file being imported: its columns, the mapping the user confirmed, and the progress of the import job. */
export const portfolioImports = pgTable(
  'portfolio_imports',
  {
    id: uuid('id').primaryKey(),
    officeId: uuid('office_id')
      .notNull()
      .references(() => offices.id),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => users.id),
    /** Who confirmed the import: the job acts in their name (rights, audit, "invited by"). */
    committedBy: uuid('committed_by').references(() => users.id),
    fileName: text('file_name').notNull(),
    headers: jsonb('headers').$type<string[]>().notNull(),
    /** The uploaded file as it came, kept while the import is a draft so it can be read again another way. */
    source: bytea('source'),
    /** How the file was read: the text encoding of a CSV, the worksheet and the header's row (null: as detected). */
    reading: jsonb('reading').$type<Record<string, unknown>>(),
    mapping: jsonb('mapping').$type<Record<string, number | null>>().notNull(),
    defaultCountry: text('default_country').notNull(),
    /** Send an invitation to each imported company's representative that has an e-mail. */
    invite: boolean('invite').notNull().default(false),
    rowCount: integer('row_count').notNull(),
    status: text('status', { enum: ['draft', 'queued', 'running', 'done', 'failed'] })
      .notNull()
      .default('draft'),
    processed: integer('processed').notNull().default(0),
    created: integer('created').notNull().default(0),
    updated: integer('updated').notNull().default(0),
    unchanged: integer('unchanged').notNull().default(0),
    skipped: integer('skipped').notNull().default(0),
    invited: integer('invited').notNull().default(0),
    error: text('error'),
    createdAt: createdAt(),
    startedAt: timestamp('started_at', { withTimezone: true }),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [
    unique('portfolio_imports_office_id_unique').on(t.officeId, t.id),
    index('portfolio_imports_office_idx').on(t.officeId, t.createdAt),
    officeIsolation(),
  ],
);

/** Each data row of an imported file, as read, and what the import did with it (for the report). */
export const portfolioImportRows = pgTable(
  'portfolio_import_rows',
  {
    officeId: uuid('office_id').notNull(),
    importId: uuid('import_id').notNull(),
    /** The row number in the spreadsheet (the header is row 1). */
    line: integer('line').notNull(),
    cells: jsonb('cells').$type<string[]>().notNull(),
    outcome: text('outcome', { enum: ['created', 'updated', 'unchanged', 'skipped'] }),
    errors: jsonb('errors').$type<{ field: string; code: string }[]>(),
    /** What was left out of an imported row (a phone that is no number, a second e-mail): imported without it. */
    warnings: jsonb('warnings').$type<{ field: string; code: string }[]>(),
    companyId: uuid('company_id'),
    invitationId: uuid('invitation_id'),
  },
  (t) => [
    primaryKey({ columns: [t.importId, t.line] }),
    foreignKey({
      columns: [t.officeId, t.importId],
      foreignColumns: [portfolioImports.officeId, portfolioImports.id],
    }).onDelete('cascade'),
    officeIsolation(),
  ],
);
