// Server-side sessions: a random token in the cookie, its SHA-256 in PostgreSQL, a CSRF token
// per session, a fixed lifetime from sign-in. API tokens resolve to the same Actor.
import { randomUUID } from 'node:crypto';
import type { Database, Tx } from '../../db/database.js';
import type { Actor, RequestOrigin } from './actor.js';
import { loadActor } from './actor.loader.js';
import {
  apiTokenByHash,
  deleteSession,
  insertSession,
  sessionByTokenHash,
  touchApiToken,
  touchSession,
} from './identity.repository.js';
import { hashToken, randomToken } from './secrets.js';

const TOUCH_EVERY_MS = 60_000;

export class SessionService {
  constructor(
    private readonly db: Database,
    private readonly ttlHours: number,
  ) {}

  /** Opens a session inside the caller's tenant transaction; returns the cookie value. */
  async open(tx: Tx, input: { userId: string; officeId: string; companyId: string | null; origin: RequestOrigin }) {
    const token = randomToken();
    const id = randomUUID();
    const csrfToken = randomToken();
    await insertSession(tx, {
      id,
      tokenHash: hashToken(token),
      userId: input.userId,
      officeId: input.officeId,
      companyId: input.companyId,
      csrfToken,
      ip: input.origin.ip,
      userAgent: input.origin.userAgent?.slice(0, 400) ?? null,
      expiresAt: new Date(Date.now() + this.ttlHours * 3600_000),
    });
    return { token, sessionId: id, csrfToken };
  }

  /** The actor behind a session cookie, or null (unknown, expired, or no longer allowed in). */
  async resolve(token: string, origin: RequestOrigin): Promise<Actor | null> {
    if (token.length < 20 || token.length > 100) return null;
    // One transaction per request for the lookup and the actor: this runs on every API call.
    return this.db.anonymous(async (tx) => {
      const session = await sessionByTokenHash(tx, hashToken(token));
      if (!session || session.expires_at.getTime() <= Date.now()) return null;
      await this.db.enterTenant(tx, { officeId: session.office_id, userId: session.user_id });
      const loaded = await loadActor(tx, {
        userId: session.user_id,
        officeId: session.office_id,
        companyId: session.company_id,
        sessionId: session.id,
        csrfToken: session.csrf_token,
        apiTokenId: null,
        ip: origin.ip,
        requestId: origin.requestId,
      });
      if (!loaded.ok) {
        await deleteSession(tx, session.office_id, session.id);
        return null;
      }
      if (Date.now() - session.last_seen_at.getTime() > TOUCH_EVERY_MS) {
        await touchSession(tx, session.office_id, session.id);
      }
      return loaded.actor;
    });
  }

  async resolveApiToken(token: string, origin: RequestOrigin): Promise<Actor | null> {
    if (!token.startsWith('bur_') || token.length > 100) return null;
    return this.db.anonymous(async (tx) => {
      const row = await apiTokenByHash(tx, hashToken(token));
      if (!row || row.revoked_at || (row.expires_at && row.expires_at.getTime() <= Date.now())) return null;
      await this.db.enterTenant(tx, { officeId: row.office_id, userId: row.user_id });
      const loaded = await loadActor(tx, {
        userId: row.user_id,
        officeId: row.office_id,
        companyId: null,
        sessionId: null,
        csrfToken: null,
        apiTokenId: row.id,
        ip: origin.ip,
        requestId: origin.requestId,
      });
      if (!loaded.ok) return null;
      await touchApiToken(tx, row.office_id, row.id);
      return loaded.actor;
    });
  }
}
