// The tenancy module's tables (server/src/db/schema.ts assembles every module's into the one drizzle schema).
import { sql } from 'drizzle-orm';
import {
  bigserial,
  boolean,
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
import { appRole, officeIsolation, createdAt } from '../../db/columns.js';
import { users } from '../identity/identity.tables.js';

export type Address = {
  label?: string;
  line1: string;
  line2?: string;
  postalCode: string;
  city: string;
  region?: string;
  country: string;
};

export type EmailContact = { label?: string; email: string };

export type PhoneContact = { label?: string; phone: string };

export type BankAccount = { label?: string; iban: string; bankName?: string; currency?: string };

export const offices = pgTable(
  'offices',
  {
    id: uuid('id').primaryKey(),
    name: text('name').notNull(),
    country: text('country').notNull(),
    defaultLocale: text('default_locale').notNull(),
    restrictEmployees: boolean('restrict_employees').notNull().default(false),
    allowClientPasswordless: boolean('allow_client_passwordless').notNull().default(true),
    requireStaffTwoFactor: boolean('require_staff_two_factor').notNull().default(false),
    messageEditMinutes: integer('message_edit_minutes').notNull().default(15),
    /** How long a message may stay unread before its recipients get one e-mail gathering what is unread. */
    unreadDigestMinutes: integer('unread_digest_minutes').notNull().default(15),
    /** The office's defaults for its people's notification preferences, per kind of event (see NotificationKind). */
    notificationDefaults: jsonb('notification_defaults').$type<Record<string, unknown>>().notNull().default({}),
    /** Set by the instance's operator (`npm run office -- disable`): its people are signed out and refused. */
    disabledAt: timestamp('disabled_at', { withTimezone: true }),
    /** What the operator said when disabling it, shown to its people. */
    disabledReason: text('disabled_reason'),
    createdAt: createdAt(),
  },
  () => [
    pgPolicy('office_isolation', {
      for: 'all',
      to: appRole,
      using: sql`id = app_office_id()`,
      withCheck: sql`id = app_office_id()`,
    }),
  ],
);

export const staffMembers = pgTable(
  'staff_members',
  {
    officeId: uuid('office_id')
      .notNull()
      .references(() => offices.id),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    role: text('role', { enum: ['owner', 'admin', 'employee'] }).notNull(),
    specialties: text('specialties')
      .array()
      .notNull()
      .default(sql`'{}'`),
    disabledAt: timestamp('disabled_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.officeId, t.userId] }),
    index('staff_members_user_idx').on(t.userId),
    officeIsolation(),
  ],
);

export const companies = pgTable(
  'companies',
  {
    id: uuid('id').primaryKey(),
    officeId: uuid('office_id')
      .notNull()
      .references(() => offices.id),
    name: text('name').notNull(),
    country: text('country').notNull(),
    taxId: text('tax_id').notNull(),
    status: text('status', { enum: ['active', 'inactive'] })
      .notNull()
      .default('active'),
    statusChangedAt: timestamp('status_changed_at', { withTimezone: true }).notNull().defaultNow(),
    addresses: jsonb('addresses').$type<Address[]>().notNull().default([]),
    emails: jsonb('emails').$type<EmailContact[]>().notNull().default([]),
    phones: jsonb('phones').$type<PhoneContact[]>().notNull().default([]),
    bankAccounts: jsonb('bank_accounts').$type<BankAccount[]>().notNull().default([]),
    /** The office's own labels for the company ("VIP", "quarterly VAT"): staff see them, clients do not. */
    tags: text('tags')
      .array()
      .notNull()
      .default(sql`'{}'`),
    /** France: the SIRET of the establishment the office deals with (the company itself is keyed by its SIREN). */
    siret: text('siret'),
    /** What the public registry last said about the company (status with its date, when it was read); null: never asked. */
    registry: jsonb('registry').$type<Record<string, unknown>>(),
    /**
     * The company's own address to which the office also sends its new messages and daily summaries (null: not sent);
     * it is no person's address, so those e-mails carry no link that signs anyone in.
     */
    notificationEmail: text('notification_email'),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    /**
     * Set when an office admin deletes the company: it leaves every list, search and client access at once, can be
     * restored for 30 days, then the purge job removes what the law does not require keeping (docs/ARCHITECTURE.md).
     */
    deletedAt: timestamp('deleted_at', { withTimezone: true }),
    deletedBy: uuid('deleted_by').references(() => users.id),
    /** Set by the purge job: only the company's identity is left, for the audit log's entries to name. */
    purgedAt: timestamp('purged_at', { withTimezone: true }),
  },
  (t) => [
    unique('companies_office_id_unique').on(t.officeId, t.id),
    // Few rows: a deleted company is looked up by this index when hiding its conversations from an office's lists.
    index('companies_deleted_idx')
      .on(t.officeId, t.deletedAt)
      .where(sql`${t.deletedAt} IS NOT NULL`),
    unique('companies_tax_id_unique').on(t.officeId, t.country, t.taxId),
    index('companies_office_name_idx').on(t.officeId, t.name, t.id),
    index('companies_name_trgm_idx').using('gin', sql`lower(${t.name}) gin_trgm_ops`),
    index('companies_tax_id_trgm_idx').using('gin', sql`${t.taxId} gin_trgm_ops`),
    officeIsolation(),
  ],
);

export const companyStatusChanges = pgTable(
  'company_status_changes',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    officeId: uuid('office_id').notNull(),
    companyId: uuid('company_id').notNull(),
    status: text('status', { enum: ['active', 'inactive'] }).notNull(),
    reason: text('reason'),
    changedBy: uuid('changed_by').references(() => users.id),
    changedAt: timestamp('changed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    foreignKey({ columns: [t.officeId, t.companyId], foreignColumns: [companies.officeId, companies.id] }),
    index('company_status_changes_company_idx').on(t.officeId, t.companyId, t.changedAt),
    officeIsolation(),
  ],
);

export const companyUsers = pgTable(
  'company_users',
  {
    officeId: uuid('office_id').notNull(),
    companyId: uuid('company_id').notNull(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    access: text('access', { enum: ['full', 'limited'] }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.companyId, t.userId] }),
    foreignKey({ columns: [t.officeId, t.companyId], foreignColumns: [companies.officeId, companies.id] }).onDelete(
      'cascade',
    ),
    index('company_users_user_idx').on(t.userId),
    index('company_users_office_idx').on(t.officeId, t.companyId),
    officeIsolation(),
  ],
);

export const assignments = pgTable(
  'assignments',
  {
    officeId: uuid('office_id').notNull(),
    companyId: uuid('company_id').notNull(),
    userId: uuid('user_id').notNull(),
    specialty: text('specialty', { enum: ['accounting', 'payroll', 'invoicing'] }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.companyId, t.specialty, t.userId] }),
    foreignKey({ columns: [t.officeId, t.companyId], foreignColumns: [companies.officeId, companies.id] }).onDelete(
      'cascade',
    ),
    foreignKey({
      columns: [t.officeId, t.userId],
      foreignColumns: [staffMembers.officeId, staffMembers.userId],
    }).onDelete('cascade'),
    index('assignments_user_idx').on(t.officeId, t.userId),
    officeIsolation(),
  ],
);

/** The company's status as access checks read it: a deleted company lets nobody in, whatever its status was. */
export const companyAccessStatus = sql<
  'active' | 'inactive' | 'deleted'
>`CASE WHEN ${companies.deletedAt} IS NOT NULL THEN 'deleted' ELSE ${companies.status} END`;
