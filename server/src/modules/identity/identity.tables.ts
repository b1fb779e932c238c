// The identity module's tables (server/src/db/schema.ts assembles every module's into the one drizzle schema).
import { sql } from 'drizzle-orm';
import { boolean, index, integer, pgPolicy, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { appRole, officeIsolation, createdAt } from '../../db/columns.js';
import { offices } from '../tenancy/tenancy.tables.js';

export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey(),
    email: text('email').notNull().unique(),
    name: text('name').notNull(),
    passwordHash: text('password_hash'),
    locale: text('locale').notNull(),
    /** A mobile number in E.164, for SMS notifications (optional). */
    phone: text('phone'),
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

export const sessions = pgTable(
  'sessions',
  {
    id: uuid('id').primaryKey(),
    tokenHash: text('token_hash').notNull().unique(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    officeId: uuid('office_id')
      .notNull()
      .references(() => offices.id),
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
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    officeId: uuid('office_id')
      .notNull()
      .references(() => offices.id),
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
    officeId: uuid('office_id')
      .notNull()
      .references(() => offices.id),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
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

/**
 * Sign-in throttling counters, keyed by a hash of the account or by an address: no office data, but addresses. The
 * application role has no grant on it and reaches it only through the SECURITY DEFINER functions of migration 0021,
 * each about keys the caller already knows: it can neither list the counters nor clear them all.
 */
export const authThrottle = pgTable('auth_throttle', {
  key: text('key').primaryKey(),
  failures: integer('failures').notNull().default(0),
  windowStart: timestamp('window_start', { withTimezone: true }).notNull().defaultNow(),
  blockedUntil: timestamp('blocked_until', { withTimezone: true }),
}).enableRLS();
