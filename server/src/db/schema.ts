// The database schema: drizzle-kit generates the SQL migrations from this file.
// Every office-owned table carries office_id and an RLS policy that limits the application role
// to the office set for the transaction (app_office_id()); identity tables are reached before a
// tenant is known only through the SECURITY DEFINER functions of migration 0000.
import { sql } from 'drizzle-orm';
import {
  bigserial,
  boolean,
  foreignKey,
  index,
  integer,
  jsonb,
  pgPolicy,
  pgRole,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';

export const appRole = pgRole('bureau_app').existing();

const officeIsolation = (name = 'office_isolation') =>
  pgPolicy(name, {
    as: 'permissive',
    for: 'all',
    to: appRole,
    using: sql`office_id = app_office_id()`,
    withCheck: sql`office_id = app_office_id()`,
  });

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();

export type Address = { label?: string; line1: string; line2?: string; postalCode: string; city: string; region?: string; country: string };
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

export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey(),
    email: text('email').notNull().unique(),
    name: text('name').notNull(),
    passwordHash: text('password_hash'),
    locale: text('locale').notNull(),
    totpSecret: text('totp_secret'),
    totpEnabled: boolean('totp_enabled').notNull().default(false),
    totpLastStep: integer('totp_last_step'),
    passwordChangedAt: timestamp('password_changed_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  () => [
    // A person is global (one login for every office and company they belong to); an office sees
    // only the people who are its staff or its clients' users, and everyone sees themself.
    pgPolicy('user_visibility', {
      for: 'all',
      to: appRole,
      using: sql`id = app_user_id()
        OR EXISTS (SELECT 1 FROM staff_members s WHERE s.user_id = users.id AND s.office_id = app_office_id())
        OR EXISTS (SELECT 1 FROM company_users c WHERE c.user_id = users.id AND c.office_id = app_office_id())`,
      withCheck: sql`app_office_id() IS NOT NULL`,
    }),
  ],
);

export const staffMembers = pgTable(
  'staff_members',
  {
    officeId: uuid('office_id').notNull().references(() => offices.id),
    userId: uuid('user_id').notNull().references(() => users.id),
    role: text('role', { enum: ['owner', 'admin', 'employee'] }).notNull(),
    specialties: text('specialties').array().notNull().default(sql`'{}'`),
    disabledAt: timestamp('disabled_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.officeId, t.userId] }), index('staff_members_user_idx').on(t.userId), officeIsolation()],
);

export const companies = pgTable(
  'companies',
  {
    id: uuid('id').primaryKey(),
    officeId: uuid('office_id').notNull().references(() => offices.id),
    name: text('name').notNull(),
    country: text('country').notNull(),
    taxId: text('tax_id').notNull(),
    status: text('status', { enum: ['active', 'inactive'] }).notNull().default('active'),
    statusChangedAt: timestamp('status_changed_at', { withTimezone: true }).notNull().defaultNow(),
    addresses: jsonb('addresses').$type<Address[]>().notNull().default([]),
    emails: jsonb('emails').$type<EmailContact[]>().notNull().default([]),
    phones: jsonb('phones').$type<PhoneContact[]>().notNull().default([]),
    bankAccounts: jsonb('bank_accounts').$type<BankAccount[]>().notNull().default([]),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('companies_office_id_unique').on(t.officeId, t.id),
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
    userId: uuid('user_id').notNull().references(() => users.id),
    access: text('access', { enum: ['full', 'limited'] }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.companyId, t.userId] }),
    foreignKey({ columns: [t.officeId, t.companyId], foreignColumns: [companies.officeId, companies.id] }).onDelete('cascade'),
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
    foreignKey({ columns: [t.officeId, t.companyId], foreignColumns: [companies.officeId, companies.id] }).onDelete('cascade'),
    foreignKey({ columns: [t.officeId, t.userId], foreignColumns: [staffMembers.officeId, staffMembers.userId] }).onDelete('cascade'),
    index('assignments_user_idx').on(t.officeId, t.userId),
    officeIsolation(),
  ],
);

export const sessions = pgTable(
  'sessions',
  {
    id: uuid('id').primaryKey(),
    tokenHash: text('token_hash').notNull().unique(),
    userId: uuid('user_id').notNull().references(() => users.id),
    officeId: uuid('office_id').notNull().references(() => offices.id),
    companyId: uuid('company_id'),
    csrfToken: text('csrf_token').notNull(),
    ip: text('ip'),
    userAgent: text('user_agent'),
    createdAt: createdAt(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('sessions_user_idx').on(t.officeId, t.userId), officeIsolation()],
);

export const authTokens = pgTable(
  'auth_tokens',
  {
    id: uuid('id').primaryKey(),
    tokenHash: text('token_hash').notNull().unique(),
    codeHash: text('code_hash'),
    userId: uuid('user_id').notNull().references(() => users.id),
    officeId: uuid('office_id').notNull().references(() => offices.id),
    purpose: text('purpose', { enum: ['reset_password', 'set_password', 'sign_in'] }).notNull(),
    attempts: integer('attempts').notNull().default(0),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [index('auth_tokens_user_idx').on(t.officeId, t.userId, t.purpose), officeIsolation()],
);

export const apiTokens = pgTable(
  'api_tokens',
  {
    id: uuid('id').primaryKey(),
    officeId: uuid('office_id').notNull().references(() => offices.id),
    userId: uuid('user_id').notNull().references(() => users.id),
    name: text('name').notNull(),
    tokenHash: text('token_hash').notNull().unique(),
    prefix: text('prefix').notNull(),
    createdAt: createdAt(),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
    expiresAt: timestamp('expires_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [index('api_tokens_user_idx').on(t.officeId, t.userId), officeIsolation()],
);

export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    officeId: uuid('office_id').notNull().references(() => offices.id),
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

export const outboxEmails = pgTable(
  'outbox_emails',
  {
    id: uuid('id').primaryKey(),
    officeId: uuid('office_id').notNull().references(() => offices.id),
    toAddress: text('to_address').notNull(),
    toName: text('to_name'),
    locale: text('locale').notNull(),
    template: text('template').notNull(),
    subject: text('subject').notNull(),
    textBody: text('text_body').notNull(),
    htmlBody: text('html_body').notNull(),
    status: text('status', { enum: ['pending', 'sent', 'failed', 'stored'] }).notNull(),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    index('outbox_emails_office_idx').on(t.officeId, t.createdAt),
    index('outbox_emails_pending_idx').on(t.status, t.nextAttemptAt),
    officeIsolation(),
  ],
);

/** Sign-in throttling counters, keyed by a hash of the account or IP: no office data. */
export const authThrottle = pgTable('auth_throttle', {
  key: text('key').primaryKey(),
  failures: integer('failures').notNull().default(0),
  windowStart: timestamp('window_start', { withTimezone: true }).notNull().defaultNow(),
  blockedUntil: timestamp('blocked_until', { withTimezone: true }),
});
