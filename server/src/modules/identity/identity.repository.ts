// SQL for people, sessions, one-time tokens, API tokens and sign-in throttling. Lookups made before
// a tenant is known go through the SECURITY DEFINER functions of migration 0002.
import { and, desc, eq, gt, isNotNull, isNull, ne, sql } from 'drizzle-orm';
import type { Tx } from '../../db/database.js';
import { apiTokens, authTokens, sessions, users } from '../../db/schema.js';

export type UserByEmail = {
  id: string;
  name: string;
  email: string;
  password_hash: string | null;
  locale: string;
  totp_enabled: boolean;
};

export type Membership = {
  office_id: string;
  office_name: string;
  kind: 'staff' | 'client';
  role: 'owner' | 'admin' | 'employee' | null;
  staff_disabled: boolean;
  company_id: string | null;
  company_name: string | null;
  company_status: 'active' | 'inactive' | null;
  access: 'full' | 'limited' | null;
  require_staff_two_factor: boolean;
  allow_client_passwordless: boolean;
  /** The instance's operator disabled the office: nobody works in it until re-enabled. */
  office_disabled: boolean;
  office_disabled_reason: string | null;
};

export async function userByEmail(tx: Tx, email: string): Promise<UserByEmail | undefined> {
  const result = await tx.execute<UserByEmail>(sql`SELECT * FROM bureau_user_by_email(${email})`);
  return result.rows[0];
}

export async function userIdByEmail(tx: Tx, email: string): Promise<string | null> {
  const result = await tx.execute<{ id: string | null }>(sql`SELECT bureau_user_id_by_email(${email}) AS id`);
  return result.rows[0]?.id ?? null;
}

export async function membershipsOf(tx: Tx, userId: string): Promise<Membership[]> {
  const result = await tx.execute<Membership>(
    sql`SELECT * FROM bureau_user_memberships(${userId}) ORDER BY kind DESC, office_name, company_name`,
  );
  return result.rows;
}

export type SessionLookup = {
  id: string;
  user_id: string;
  office_id: string;
  company_id: string | null;
  csrf_token: string;
  expires_at: Date;
  last_seen_at: Date;
};

export type SessionActorLookup = SessionLookup & {
  user_exists: boolean;
  user_name: string | null;
  user_email: string | null;
  user_locale: string | null;
  user_totp_enabled: boolean | null;
  office_exists: boolean;
  restrict_employees: boolean | null;
  require_staff_two_factor: boolean | null;
  staff_role: 'owner' | 'admin' | 'employee' | null;
  staff_specialties: string[] | null;
  staff_disabled: boolean;
  member_access: 'full' | 'limited' | null;
  company_status: string | null;
  company_name: string | null;
  office_disabled: boolean | null;
};

/** A session with its person, office and membership, in one statement (no transaction needed). */
export async function sessionActorByTokenHash(
  db: Pick<Tx, 'execute'>,
  tokenHash: string,
): Promise<SessionActorLookup | undefined> {
  const result = await db.execute<SessionActorLookup>(sql`SELECT * FROM bureau_session_actor(${tokenHash})`);
  const row = result.rows[0];
  return row && { ...row, expires_at: new Date(row.expires_at), last_seen_at: new Date(row.last_seen_at) };
}

export type AuthTokenLookup = {
  id: string;
  user_id: string;
  office_id: string;
  purpose: string;
  expires_at: Date;
  used_at: Date | null;
};

export async function authTokenByHash(tx: Tx, tokenHash: string): Promise<AuthTokenLookup | undefined> {
  const result = await tx.execute<AuthTokenLookup>(sql`SELECT * FROM bureau_auth_token_by_hash(${tokenHash})`);
  const row = result.rows[0];
  return row && { ...row, expires_at: new Date(row.expires_at), used_at: row.used_at && new Date(row.used_at) };
}

export type ApiTokenLookup = {
  id: string;
  user_id: string;
  office_id: string;
  expires_at: Date | null;
  revoked_at: Date | null;
};

export async function apiTokenByHash(tx: Tx, tokenHash: string): Promise<ApiTokenLookup | undefined> {
  const result = await tx.execute<ApiTokenLookup>(sql`SELECT * FROM bureau_api_token_by_hash(${tokenHash})`);
  const row = result.rows[0];
  return (
    row && {
      ...row,
      expires_at: row.expires_at && new Date(row.expires_at),
      revoked_at: row.revoked_at && new Date(row.revoked_at),
    }
  );
}

// --- within a tenant ---------------------------------------------------------------------------

export async function findUser(tx: Tx, userId: string) {
  const [row] = await tx.select().from(users).where(eq(users.id, userId));
  return row;
}

export async function insertUser(tx: Tx, user: typeof users.$inferInsert): Promise<void> {
  await tx.insert(users).values(user);
}

export async function updateUser(tx: Tx, userId: string, values: Partial<typeof users.$inferInsert>): Promise<void> {
  await tx.update(users).set(values).where(eq(users.id, userId));
}

export async function insertSession(tx: Tx, session: typeof sessions.$inferInsert): Promise<void> {
  await tx.insert(sessions).values(session);
}

export async function touchSession(tx: Tx, officeId: string, sessionId: string): Promise<void> {
  await tx
    .update(sessions)
    .set({ lastSeenAt: sql`now()` })
    .where(and(eq(sessions.officeId, officeId), eq(sessions.id, sessionId)));
}

export async function deleteSession(tx: Tx, officeId: string, sessionId: string, userId?: string): Promise<number> {
  const conditions = [eq(sessions.officeId, officeId), eq(sessions.id, sessionId)];
  if (userId) conditions.push(eq(sessions.userId, userId));
  const result = await tx.delete(sessions).where(and(...conditions));
  return result.rowCount ?? 0;
}

/** Ends every session of a user in an office, optionally keeping one. */
export async function deleteUserSessions(
  tx: Tx,
  officeId: string,
  userId: string,
  exceptSessionId?: string,
): Promise<void> {
  const conditions = [eq(sessions.officeId, officeId), eq(sessions.userId, userId)];
  if (exceptSessionId) conditions.push(ne(sessions.id, exceptSessionId));
  await tx.delete(sessions).where(and(...conditions));
}

/** Ends every session of the office (the instance's operator disabled it). */
export async function deleteOfficeSessions(tx: Tx, officeId: string): Promise<number> {
  const rows = await tx.delete(sessions).where(eq(sessions.officeId, officeId)).returning({ id: sessions.id });
  return rows.length;
}

/** Ends the sessions opened in the context of one company (its client users). */
export async function deleteCompanySessions(tx: Tx, officeId: string, companyId: string): Promise<void> {
  await tx.delete(sessions).where(and(eq(sessions.officeId, officeId), eq(sessions.companyId, companyId)));
}

export async function deleteUserCompanySessions(
  tx: Tx,
  officeId: string,
  companyId: string,
  userId: string,
): Promise<void> {
  await tx
    .delete(sessions)
    .where(and(eq(sessions.officeId, officeId), eq(sessions.companyId, companyId), eq(sessions.userId, userId)));
}

export async function listUserSessions(tx: Tx, officeId: string, userId: string) {
  return tx
    .select({
      id: sessions.id,
      ip: sessions.ip,
      userAgent: sessions.userAgent,
      createdAt: sessions.createdAt,
      lastSeenAt: sessions.lastSeenAt,
    })
    .from(sessions)
    .where(and(eq(sessions.officeId, officeId), eq(sessions.userId, userId), gt(sessions.expiresAt, sql`now()`)))
    .orderBy(desc(sessions.lastSeenAt));
}

export async function userHasSeenIp(tx: Tx, officeId: string, userId: string, ip: string): Promise<boolean> {
  const [row] = await tx
    .select({ id: sessions.id })
    .from(sessions)
    .where(and(eq(sessions.officeId, officeId), eq(sessions.userId, userId), eq(sessions.ip, ip)))
    .limit(1);
  return !!row;
}

export async function insertAuthToken(tx: Tx, token: typeof authTokens.$inferInsert): Promise<void> {
  await tx.insert(authTokens).values(token);
}

/** Marks a one-time token used; false if someone used it first (single use under concurrency). */
export async function consumeAuthToken(tx: Tx, officeId: string, tokenId: string): Promise<boolean> {
  const result = await tx
    .update(authTokens)
    .set({ usedAt: sql`now()` })
    .where(
      and(
        eq(authTokens.officeId, officeId),
        eq(authTokens.id, tokenId),
        isNull(authTokens.usedAt),
        gt(authTokens.expiresAt, sql`now()`),
      ),
    );
  return (result.rowCount ?? 0) === 1;
}

export async function invalidateAuthTokens(
  tx: Tx,
  officeId: string,
  userId: string,
  purpose: 'reset_password' | 'set_password' | 'sign_in',
): Promise<void> {
  await tx
    .update(authTokens)
    .set({ usedAt: sql`now()` })
    .where(
      and(
        eq(authTokens.officeId, officeId),
        eq(authTokens.userId, userId),
        eq(authTokens.purpose, purpose),
        isNull(authTokens.usedAt),
      ),
    );
}

/** The person's unused, unexpired sign-in tokens whose code may still be tried. */
export async function liveSignInTokens(tx: Tx, officeId: string, userId: string) {
  return tx
    .select()
    .from(authTokens)
    .where(
      and(
        eq(authTokens.officeId, officeId),
        eq(authTokens.userId, userId),
        eq(authTokens.purpose, 'sign_in'),
        isNull(authTokens.usedAt),
        isNotNull(authTokens.codeHash),
        gt(authTokens.expiresAt, sql`now()`),
      ),
    )
    .orderBy(desc(authTokens.createdAt));
}

export async function countRecentAuthTokens(
  tx: Tx,
  officeId: string,
  userId: string,
  purpose: string,
  withinMinutes: number,
): Promise<number> {
  const [row] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(authTokens)
    .where(
      and(
        eq(authTokens.officeId, officeId),
        eq(authTokens.userId, userId),
        sql`${authTokens.purpose} = ${purpose}`,
        gt(authTokens.createdAt, sql`now() - make_interval(mins => ${withinMinutes})`),
      ),
    );
  return row?.n ?? 0;
}

/**
 * Counts a wrong code against a sign-in token; at `maxAttempts` its code is void. The link of the same e-mail
 * still works (a 256-bit secret nobody guesses), so wrong guesses by someone else cannot lock its owner out.
 */
export async function bumpAuthTokenAttempts(
  tx: Tx,
  officeId: string,
  tokenId: string,
  maxAttempts: number,
): Promise<void> {
  await tx
    .update(authTokens)
    .set({
      attempts: sql`${authTokens.attempts} + 1`,
      codeHash: sql`CASE WHEN ${authTokens.attempts} + 1 >= ${maxAttempts} THEN NULL ELSE ${authTokens.codeHash} END`,
    })
    .where(and(eq(authTokens.officeId, officeId), eq(authTokens.id, tokenId)));
}

export async function insertApiToken(tx: Tx, token: typeof apiTokens.$inferInsert): Promise<void> {
  await tx.insert(apiTokens).values(token);
}

export async function listApiTokens(tx: Tx, officeId: string, userId: string) {
  return tx
    .select({
      id: apiTokens.id,
      name: apiTokens.name,
      prefix: apiTokens.prefix,
      createdAt: apiTokens.createdAt,
      lastUsedAt: apiTokens.lastUsedAt,
      expiresAt: apiTokens.expiresAt,
    })
    .from(apiTokens)
    .where(and(eq(apiTokens.officeId, officeId), eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)))
    .orderBy(desc(apiTokens.createdAt));
}

export async function revokeApiToken(tx: Tx, officeId: string, userId: string, tokenId: string): Promise<number> {
  const result = await tx
    .update(apiTokens)
    .set({ revokedAt: sql`now()` })
    .where(
      and(
        eq(apiTokens.officeId, officeId),
        eq(apiTokens.userId, userId),
        eq(apiTokens.id, tokenId),
        isNull(apiTokens.revokedAt),
      ),
    );
  return result.rowCount ?? 0;
}

export async function touchApiToken(tx: Tx, officeId: string, tokenId: string): Promise<void> {
  await tx
    .update(apiTokens)
    .set({ lastUsedAt: sql`now()` })
    .where(and(eq(apiTokens.officeId, officeId), eq(apiTokens.id, tokenId)));
}

// --- throttling: only through the functions of migration 0021 (the app role has no grant on the table) ----------

export async function throttleBlockedSeconds(tx: Tx, keys: string[]): Promise<number> {
  if (keys.length === 0) return 0;
  const result = await tx.execute<{ seconds: number | null }>(
    sql`SELECT bureau_throttle_blocked_seconds(${sql.param(keys)}::text[]) AS seconds`,
  );
  return result.rows[0]?.seconds ?? 0;
}

/** Counts one failure per key in a sliding window; a key over its limit is blocked for blockSeconds. */
export async function recordThrottleFailure(
  tx: Tx,
  key: string,
  limit: number,
  windowSeconds: number,
  blockSeconds: number,
): Promise<void> {
  await tx.execute(
    sql`SELECT bureau_throttle_fail(${key}, ${limit}::int, ${windowSeconds}::int, ${blockSeconds}::int)`,
  );
}

export async function clearThrottle(tx: Tx, key: string): Promise<void> {
  await tx.execute(sql`SELECT bureau_throttle_clear(${key})`);
}

/** Clears every counter whose key starts with `prefix` (all the addresses' counters of one account). */
export async function clearThrottlePrefix(tx: Tx, prefix: string): Promise<void> {
  await tx.execute(sql`SELECT bureau_throttle_clear_account(${prefix})`);
}
