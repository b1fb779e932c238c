// The database schema: drizzle-kit generates the SQL migrations from this file.
// Every office-owned table carries office_id and an RLS policy that limits the application role
// to the office set for the transaction (app_office_id()); identity tables are reached before a
// tenant is known only through the SECURITY DEFINER functions of migration 0000.
import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
  check,
  customType,
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

const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });
const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => 'bytea' });
/** Words of a text without diacritics, for full-text search in every language (the `simple` configuration). */
const searchVectorOf = (column: string) =>
  tsvector('search_vector').generatedAlwaysAs(sql.raw(`to_tsvector('simple', bureau_unaccent(${column}))`));

const officeIsolation = (name = 'office_isolation') =>
  pgPolicy(name, {
    as: 'permissive',
    for: 'all',
    to: appRole,
    using: sql`office_id = app_office_id()`,
    withCheck: sql`office_id = app_office_id()`,
  });

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();

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

export const outboxEmails = pgTable(
  'outbox_emails',
  {
    id: uuid('id').primaryKey(),
    officeId: uuid('office_id')
      .notNull()
      .references(() => offices.id),
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
    /** Extra headers (List-Unsubscribe, Reply-To). */
    headers: jsonb('headers').$type<Record<string, string>>(),
    /** Set for e-mails a job may try to queue twice (a retried notification): the second is not written. */
    dedupeKey: text('dedupe_key'),
    createdAt: createdAt(),
  },
  (t) => [
    index('outbox_emails_office_idx').on(t.officeId, t.createdAt),
    unique('outbox_emails_dedupe_key').on(t.officeId, t.dedupeKey),
    index('outbox_emails_pending_idx').on(t.status, t.nextAttemptAt),
    officeIsolation(),
  ],
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

// --- messaging ---------------------------------------------------------------------------------

export type ChannelNames = Partial<Record<'en' | 'pl' | 'ro' | 'fr', string>>;

/** The office's channels, shared by all its companies; `key` marks the four defaults. */
export const channels = pgTable(
  'channels',
  {
    id: uuid('id').primaryKey(),
    officeId: uuid('office_id')
      .notNull()
      .references(() => offices.id),
    key: text('key', { enum: ['accounting', 'payroll', 'invoicing', 'admin'] }),
    /** Names chosen by the office, per language; a default channel without one uses the translation. */
    names: jsonb('names').$type<ChannelNames>().notNull().default({}),
    /** The staff specialty a conversation here routes to; null: office admins only. */
    specialty: text('specialty', { enum: ['accounting', 'payroll', 'invoicing'] }),
    position: integer('position').notNull().default(0),
    archivedAt: timestamp('archived_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    unique('channels_office_id_unique').on(t.officeId, t.id),
    unique('channels_office_key_unique').on(t.officeId, t.key),
    officeIsolation(),
  ],
);

export const conversations = pgTable(
  'conversations',
  {
    id: uuid('id').primaryKey(),
    officeId: uuid('office_id').notNull(),
    companyId: uuid('company_id').notNull(),
    channelId: uuid('channel_id').notNull(),
    subject: text('subject').notNull(),
    startedBySide: text('started_by_side', { enum: ['office', 'client'] }).notNull(),
    startedBy: uuid('started_by')
      .notNull()
      .references(() => users.id),
    /** The id the author's browser generated: a retried start finds the same conversation. */
    clientId: uuid('client_id').notNull(),
    visibility: text('visibility', { enum: ['company', 'private'] }).notNull(),
    status: text('status', { enum: ['open', 'closed'] })
      .notNull()
      .default('open'),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    closedBy: uuid('closed_by').references(() => users.id),
    closedBySide: text('closed_by_side', { enum: ['office', 'client'] }),
    lastMessageSeq: integer('last_message_seq').notNull().default(0),
    lastMessageAt: timestamp('last_message_at', { withTimezone: true }).notNull().defaultNow(),
    lastMessageSide: text('last_message_side', { enum: ['office', 'client'] }).notNull(),
    searchVector: searchVectorOf('subject'),
    createdAt: createdAt(),
  },
  (t) => [
    unique('conversations_office_id_unique').on(t.officeId, t.id),
    unique('conversations_client_id_unique').on(t.startedBy, t.clientId),
    foreignKey({ columns: [t.officeId, t.companyId], foreignColumns: [companies.officeId, companies.id] }),
    foreignKey({ columns: [t.officeId, t.channelId], foreignColumns: [channels.officeId, channels.id] }),
    index('conversations_inbox_idx').on(t.officeId, t.lastMessageAt),
    index('conversations_company_idx').on(t.officeId, t.companyId, t.lastMessageAt),
    // "Needs your action" counters: only the open conversations whose last word is the client's.
    index('conversations_waiting_idx')
      .on(t.officeId, t.channelId, t.companyId)
      .where(sql`status = 'open' AND last_message_side <> 'office'`),
    index('conversations_search_idx').using('gin', t.searchVector),
    officeIsolation(),
  ],
);

/** The client users a private conversation is meant for. */
export const conversationParticipants = pgTable(
  'conversation_participants',
  {
    officeId: uuid('office_id').notNull(),
    conversationId: uuid('conversation_id').notNull(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
  },
  (t) => [
    primaryKey({ columns: [t.conversationId, t.userId] }),
    foreignKey({ columns: [t.officeId, t.conversationId], foreignColumns: [conversations.officeId, conversations.id] }),
    index('conversation_participants_user_idx').on(t.officeId, t.userId),
    officeIsolation(),
  ],
);

export const messages = pgTable(
  'messages',
  {
    id: uuid('id').primaryKey(),
    officeId: uuid('office_id').notNull(),
    conversationId: uuid('conversation_id').notNull(),
    /** Position in the conversation, 1, 2, 3…: read positions and catch-up use it. */
    seq: integer('seq').notNull(),
    /** The id the author's browser generated: a retried send finds the same message. */
    clientId: uuid('client_id').notNull(),
    authorId: uuid('author_id')
      .notNull()
      .references(() => users.id),
    authorSide: text('author_side', { enum: ['office', 'client'] }).notNull(),
    body: text('body').notNull(),
    createdAt: createdAt(),
    editedAt: timestamp('edited_at', { withTimezone: true }),
    deletedAt: timestamp('deleted_at', { withTimezone: true }),
    searchVector: searchVectorOf('body'),
  },
  (t) => [
    unique('messages_seq_unique').on(t.conversationId, t.seq),
    index('messages_search_idx').using('gin', t.searchVector),
    unique('messages_client_id_unique').on(t.conversationId, t.clientId),
    foreignKey({ columns: [t.officeId, t.conversationId], foreignColumns: [conversations.officeId, conversations.id] }),
    officeIsolation(),
  ],
);

/** Every earlier text of an edited or deleted message: append-only, like the audit log. */
export const messageRevisions = pgTable(
  'message_revisions',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    officeId: uuid('office_id').notNull(),
    messageId: uuid('message_id')
      .notNull()
      .references(() => messages.id),
    kind: text('kind', { enum: ['edit', 'delete'] }).notNull(),
    body: text('body').notNull(),
    revisedBy: uuid('revised_by')
      .notNull()
      .references(() => users.id),
    revisedAt: timestamp('revised_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('message_revisions_message_idx').on(t.officeId, t.messageId),
    pgPolicy('revisions_read', { for: 'select', to: appRole, using: sql`office_id = app_office_id()` }),
    pgPolicy('revisions_append', { for: 'insert', to: appRole, withCheck: sql`office_id = app_office_id()` }),
  ],
);

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

/** How far each person has read each conversation. */
export const readPositions = pgTable(
  'read_positions',
  {
    officeId: uuid('office_id').notNull(),
    conversationId: uuid('conversation_id').notNull(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    lastReadSeq: integer('last_read_seq').notNull(),
    /** How far this person's browsers have received the conversation (≥ lastReadSeq): "delivered". */
    deliveredSeq: integer('delivered_seq').notNull().default(0),
    readAt: timestamp('read_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.conversationId, t.userId] }),
    foreignKey({ columns: [t.officeId, t.conversationId], foreignColumns: [conversations.officeId, conversations.id] }),
    officeIsolation(),
  ],
);

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

/**
 * The notification centre: one row per person and thing they are told about. `sourceKey` names the
 * thing (`message:<id>`), so a notification job that runs twice (a retry after a crash) adds nothing.
 */
export const notifications = pgTable(
  'notifications',
  {
    id: uuid('id').primaryKey(),
    officeId: uuid('office_id')
      .notNull()
      .references(() => offices.id),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    companyId: uuid('company_id').references(() => companies.id),
    kind: text('kind').notNull(),
    sourceKey: text('source_key').notNull(),
    conversationId: uuid('conversation_id'),
    messageId: uuid('message_id'),
    /** The message's position in its conversation: read once the person's read position reaches it. */
    seq: integer('seq'),
    title: text('title').notNull(),
    excerpt: text('excerpt').notNull().default(''),
    actorName: text('actor_name'),
    critical: boolean('critical').notNull().default(false),
    /** Shown in the bell (in-app on); off, the row only feeds the e-mail digest. */
    inApp: boolean('in_app').notNull().default(true),
    /** Waits for the unread digest e-mail. */
    digestDue: boolean('digest_due').notNull().default(false),
    /** Waits for the person's daily digest e-mail (their preference for this kind is 'digest'). */
    dailyDue: boolean('daily_due').notNull().default(false),
    emailedAt: timestamp('emailed_at', { withTimezone: true }),
    readAt: timestamp('read_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    unique('notifications_source_key').on(t.officeId, t.userId, t.sourceKey),
    index('notifications_user_idx').on(t.officeId, t.userId, t.createdAt),
    index('notifications_unread_idx')
      .on(t.officeId, t.userId, t.conversationId)
      .where(sql`read_at IS NULL`),
    officeIsolation(),
  ],
);

/** A person's own choices per kind of event; what is missing falls back to the office's defaults. */
export const notificationPreferences = pgTable(
  'notification_preferences',
  {
    officeId: uuid('office_id')
      .notNull()
      .references(() => offices.id),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    kind: text('kind').notNull(),
    inApp: boolean('in_app').notNull(),
    email: text('email', { enum: ['now', 'digest', 'off'] }).notNull(),
    sms: boolean('sms').notNull(),
    push: boolean('push').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.officeId, t.userId, t.kind] }), officeIsolation()],
);

// --- delivery channels --------------------------------------------------------------------------

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

/** The office's own SMTP sender; the password is sealed (AES-256-GCM) with the instance's secret key. */
export const officeMailSettings = pgTable(
  'office_mail_settings',
  {
    officeId: uuid('office_id')
      .primaryKey()
      .references(() => offices.id),
    host: text('host').notNull(),
    port: integer('port').notNull(),
    security: text('security', { enum: ['tls', 'starttls', 'none'] }).notNull(),
    username: text('username'),
    passwordSealed: text('password_sealed'),
    fromAddress: text('from_address').notNull(),
    fromName: text('from_name'),
    /** When a test message last went through, and the last error the server gave. */
    verifiedAt: timestamp('verified_at', { withTimezone: true }),
    lastError: text('last_error'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  () => [officeIsolation()],
);

/** The office's SMS provider account; the token is sealed like the SMTP password. */
export const officeSmsSettings = pgTable(
  'office_sms_settings',
  {
    officeId: uuid('office_id')
      .primaryKey()
      .references(() => offices.id),
    provider: text('provider', { enum: ['smsapi', 'twilio'] }).notNull(),
    /** Twilio's Account SID (SMSAPI needs only the token). */
    accountId: text('account_id'),
    tokenSealed: text('token_sealed').notNull(),
    senderName: text('sender_name').notNull(),
    /** The provider's API address, when not the public one (a regional endpoint, a proxy, a test server). */
    baseUrl: text('base_url'),
    dailyCap: integer('daily_cap').notNull().default(500),
    perNumberHourly: integer('per_number_hourly').notNull().default(5),
    enabled: boolean('enabled').notNull().default(true),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  () => [officeIsolation()],
);

/** Every SMS the office sent or refused to send, with the provider's delivery status. */
export const smsMessages = pgTable(
  'sms_messages',
  {
    id: uuid('id').primaryKey(),
    officeId: uuid('office_id')
      .notNull()
      .references(() => offices.id),
    userId: uuid('user_id').references(() => users.id),
    toNumber: text('to_number').notNull(),
    body: text('body').notNull(),
    provider: text('provider').notNull(),
    providerMessageId: text('provider_message_id'),
    status: text('status', { enum: ['pending', 'sent', 'delivered', 'failed', 'refused'] })
      .notNull()
      .default('pending'),
    error: text('error'),
    attempts: integer('attempts').notNull().default(0),
    /** Set when a job may try to send the same SMS twice: the second is not written. */
    dedupeKey: text('dedupe_key'),
    createdAt: createdAt(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    statusAt: timestamp('status_at', { withTimezone: true }),
  },
  (t) => [
    unique('sms_messages_dedupe_key').on(t.officeId, t.dedupeKey),
    index('sms_messages_office_idx').on(t.officeId, t.createdAt),
    index('sms_messages_number_idx').on(t.officeId, t.toNumber, t.createdAt),
    officeIsolation(),
  ],
);

/** A browser's Web Push subscription for one person in one office. */
export const pushSubscriptions = pgTable(
  'push_subscriptions',
  {
    id: uuid('id').primaryKey(),
    officeId: uuid('office_id')
      .notNull()
      .references(() => offices.id),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    endpoint: text('endpoint').notNull(),
    p256dh: text('p256dh').notNull(),
    auth: text('auth').notNull(),
    userAgent: text('user_agent'),
    createdAt: createdAt(),
    lastSuccessAt: timestamp('last_success_at', { withTimezone: true }),
    lastError: text('last_error'),
  },
  (t) => [unique('push_subscriptions_endpoint').on(t.officeId, t.userId, t.endpoint), officeIsolation()],
);

/** One message sent by staff to many companies at once. */
export const broadcasts = pgTable(
  'broadcasts',
  {
    id: uuid('id').primaryKey(),
    officeId: uuid('office_id')
      .notNull()
      .references(() => offices.id),
    authorId: uuid('author_id')
      .notNull()
      .references(() => users.id),
    channelId: uuid('channel_id').notNull(),
    /** A new conversation in each company, or an announcement (critical) in its Admin channel. */
    mode: text('mode', { enum: ['conversation', 'announcement'] }).notNull(),
    subject: text('subject').notNull(),
    body: text('body').notNull(),
    attachmentIds: jsonb('attachment_ids').$type<string[]>().notNull().default([]),
    /** How the companies were chosen (a filter or a checklist), for the report. */
    selection: jsonb('selection').$type<Record<string, unknown>>().notNull(),
    total: integer('total').notNull(),
    status: text('status', { enum: ['sending', 'done'] })
      .notNull()
      .default('sending'),
    createdAt: createdAt(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [
    unique('broadcasts_office_id_unique').on(t.officeId, t.id),
    // Keys include office_id: a row can never tie one office's broadcast to another's channel or company.
    foreignKey({ columns: [t.officeId, t.channelId], foreignColumns: [channels.officeId, channels.id] }),
    index('broadcasts_office_idx').on(t.officeId, t.createdAt),
    officeIsolation(),
  ],
);

/** Each company a broadcast reaches: its conversation and message, when delivered and first read. */
export const broadcastRecipients = pgTable(
  'broadcast_recipients',
  {
    broadcastId: uuid('broadcast_id').notNull(),
    officeId: uuid('office_id')
      .notNull()
      .references(() => offices.id),
    companyId: uuid('company_id').notNull(),
    conversationId: uuid('conversation_id'),
    messageId: uuid('message_id').references(() => messages.id),
    deliveredAt: timestamp('delivered_at', { withTimezone: true }),
    readAt: timestamp('read_at', { withTimezone: true }),
    readBy: uuid('read_by').references(() => users.id),
  },
  (t) => [
    primaryKey({ columns: [t.broadcastId, t.companyId] }),
    foreignKey({ columns: [t.officeId, t.broadcastId], foreignColumns: [broadcasts.officeId, broadcasts.id] }),
    foreignKey({ columns: [t.officeId, t.companyId], foreignColumns: [companies.officeId, companies.id] }),
    foreignKey({ columns: [t.officeId, t.conversationId], foreignColumns: [conversations.officeId, conversations.id] }),
    index('broadcast_recipients_conversation_idx').on(t.officeId, t.conversationId),
    officeIsolation(),
  ],
);

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

// --- onboarding --------------------------------------------------------------------------------

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
