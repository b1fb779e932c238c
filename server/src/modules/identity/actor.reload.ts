// Re-checks many signed-in people of one office at once, for the realtime gateway: what
// SessionService.resolve / resolveApiToken and loadActor decide for one request — is the session
// or token still valid, is the person still let in, as what — decided for every socket of a batch
// in one query per kind of credential. The answer carries what decides access (kind, role, the
// office's restriction of employees, company and access); the person's name, e-mail, locale and
// specialties are kept from when the socket connected. Like resolve, the sessions of people no
// longer let in are ended and sessions in use are marked seen (at most once a minute): settleReload
// does that after the batch has been sent, off the delivery's path.
import { sql, type SQL } from 'drizzle-orm';
import type { Tx } from '../../db/database.js';
import {
  apiTokens,
  companies,
  companyAccessStatus,
  companyUsers,
  offices,
  sessions,
  staffMembers,
  users,
} from '../../db/schema.js';
import type { Actor } from './actor.js';

const TOUCH_EVERY_MS = 60_000;

type Row = {
  id: string;
  user_id: string;
  company_id: string | null;
  /** Epoch milliseconds (no Date to build per row). */
  expires_ms: number | null;
  seen_ms: number | null;
  revoked: boolean;
  user_exists: boolean;
  /** null: the office is gone. */
  restrict_employees: boolean | null;
  require_two_factor: boolean | null;
  role: 'owner' | 'admin' | 'employee' | null;
  disabled: boolean;
  access: 'full' | 'limited' | null;
  company_status: 'active' | 'inactive' | 'deleted' | null;
};

export type Reload = {
  /** In the order given: the person as they may be now, or null. */
  actors: (Actor | null)[];
  /** Sessions of people no longer let in (resolve deletes them). */
  refusedSessions: string[];
  /** Sessions in use not marked seen for a minute. */
  staleSessions: string[];
  usedTokens: string[];
};

const idList = (ids: string[]) => sql`ANY(${sql.param(ids)}::uuid[])`;

/** The person, office and membership behind each credential (left joins: null or false when gone). */
const personColumns = sql`${users.id} IS NOT NULL AS user_exists,
  ${offices.restrictEmployees} AS restrict_employees, ${offices.requireStaffTwoFactor} AS require_two_factor,
  ${staffMembers.role} AS role, ${staffMembers.disabledAt} IS NOT NULL AS disabled`;

function sessionRows(tx: Tx, officeId: string, ids: string[]) {
  return tx.execute<Row>(sql`
    SELECT ${sessions.id} AS id, ${sessions.userId} AS user_id, ${sessions.companyId} AS company_id,
           (extract(epoch FROM ${sessions.expiresAt}) * 1000)::float8 AS expires_ms, (extract(epoch FROM ${sessions.lastSeenAt}) * 1000)::float8 AS seen_ms,
           false AS revoked, ${personColumns}, ${companyUsers.access} AS access, ${companyAccessStatus} AS company_status
      FROM ${sessions}
      LEFT JOIN ${users} ON ${users.id} = ${sessions.userId}
      LEFT JOIN ${offices} ON ${offices.id} = ${sessions.officeId}
      LEFT JOIN ${staffMembers} ON ${sessions.companyId} IS NULL AND ${staffMembers.officeId} = ${sessions.officeId} AND ${staffMembers.userId} = ${sessions.userId}
      LEFT JOIN ${companyUsers} ON ${companyUsers.officeId} = ${sessions.officeId} AND ${companyUsers.companyId} = ${sessions.companyId} AND ${companyUsers.userId} = ${sessions.userId}
      LEFT JOIN ${companies} ON ${companies.officeId} = ${companyUsers.officeId} AND ${companies.id} = ${companyUsers.companyId}
     WHERE ${sessions.officeId} = ${officeId} AND ${sessions.id} = ${idList(ids)}`);
}

function apiTokenRows(tx: Tx, officeId: string, ids: string[]) {
  return tx.execute<Row>(sql`
    SELECT ${apiTokens.id} AS id, ${apiTokens.userId} AS user_id, NULL::uuid AS company_id,
           (extract(epoch FROM ${apiTokens.expiresAt}) * 1000)::float8 AS expires_ms, NULL::float8 AS seen_ms,
           ${apiTokens.revokedAt} IS NOT NULL AS revoked, ${personColumns}, NULL::text AS access, NULL::text AS company_status
      FROM ${apiTokens}
      LEFT JOIN ${users} ON ${users.id} = ${apiTokens.userId}
      LEFT JOIN ${offices} ON ${offices.id} = ${apiTokens.officeId}
      LEFT JOIN ${staffMembers} ON ${staffMembers.officeId} = ${apiTokens.officeId} AND ${staffMembers.userId} = ${apiTokens.userId}
     WHERE ${apiTokens.officeId} = ${officeId} AND ${apiTokens.id} = ${idList(ids)}`);
}

/** loadActor's decision for one credential. */
function decide(row: Row, before: Actor, now: number): { actor: Actor } | { refused: 'credential' | 'person' } {
  if (row.revoked || (row.expires_ms !== null && row.expires_ms <= now)) return { refused: 'credential' };
  if (!row.user_exists || row.restrict_employees === null) return { refused: 'person' };
  if (row.company_id === null) {
    if (before.kind !== 'staff') return { refused: 'credential' };
    if (!row.role || row.disabled) return { refused: 'person' };
    // Unchanged, the same object: the gateway keeps what it derived from it.
    if (
      before.role === row.role &&
      before.restrictEmployees === row.restrict_employees &&
      before.requireTwoFactor === row.require_two_factor
    )
      return { actor: before };
    return {
      actor: {
        ...before,
        role: row.role,
        restrictEmployees: row.restrict_employees,
        requireTwoFactor: row.require_two_factor!,
      },
    };
  }
  if (before.kind !== 'client' || before.companyId !== row.company_id) return { refused: 'credential' };
  if (!row.access || row.company_status !== 'active') return { refused: 'person' };
  return { actor: before.access === row.access ? before : { ...before, access: row.access } };
}

/** The people behind `actors` (all of office `officeId`, each signed in by a session or an API token) as they may be now. */
export async function reloadActors(tx: Tx, officeId: string, actors: readonly Actor[]): Promise<Reload> {
  const sessionIds = [...new Set(actors.flatMap((a) => (a.sessionId ? [a.sessionId] : [])))];
  const tokenIds = [...new Set(actors.flatMap((a) => (!a.sessionId && a.apiTokenId ? [a.apiTokenId] : [])))];
  const bySession = new Map<string, Row>();
  const byToken = new Map<string, Row>();
  if (sessionIds.length > 0)
    for (const row of (await sessionRows(tx, officeId, sessionIds)).rows) bySession.set(row.id, row);
  if (tokenIds.length > 0)
    for (const row of (await apiTokenRows(tx, officeId, tokenIds)).rows) byToken.set(row.id, row);
  const now = Date.now();
  const refused = new Set<string>();
  const stale = new Set<string>();
  const used = new Set<string>();
  const reloaded = actors.map((before) => {
    const row = before.sessionId
      ? bySession.get(before.sessionId)
      : before.apiTokenId
        ? byToken.get(before.apiTokenId)
        : undefined;
    // A session or token never changes hands; anything else is not the credential the socket had.
    if (!row || row.user_id !== before.userId) return null;
    const decision = decide(row, before, now);
    if ('refused' in decision) {
      if (decision.refused === 'person' && before.sessionId) refused.add(before.sessionId);
      return null;
    }
    if (before.sessionId && row.seen_ms !== null && now - row.seen_ms > TOUCH_EVERY_MS) stale.add(before.sessionId);
    if (!before.sessionId && before.apiTokenId) used.add(before.apiTokenId);
    return decision.actor;
  });
  return { actors: reloaded, refusedSessions: [...refused], staleSessions: [...stale], usedTokens: [...used] };
}

export const needsSettling = (reload: Reload) =>
  reload.refusedSessions.length + reload.staleSessions.length + reload.usedTokens.length > 0;

/** What resolve does besides answering: ends refused sessions, marks sessions and tokens in use. */
export async function settleReload(tx: Tx, officeId: string, reload: Reload): Promise<void> {
  const run = (ids: string[], statement: (ids: SQL) => SQL) =>
    ids.length > 0 ? tx.execute(statement(idList(ids))) : undefined;
  await run(
    reload.refusedSessions,
    (ids) => sql`DELETE FROM ${sessions} WHERE ${sessions.officeId} = ${officeId} AND ${sessions.id} = ${ids}`,
  );
  await run(
    reload.staleSessions,
    (ids) =>
      sql`UPDATE ${sessions} SET last_seen_at = now() WHERE ${sessions.officeId} = ${officeId} AND ${sessions.id} = ${ids}`,
  );
  await run(
    reload.usedTokens,
    (ids) =>
      sql`UPDATE ${apiTokens} SET last_used_at = now() WHERE ${apiTokens.officeId} = ${officeId} AND ${apiTokens.id} = ${ids}`,
  );
}
