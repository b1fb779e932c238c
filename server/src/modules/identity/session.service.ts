// Server-side sessions: a random token in the cookie, its SHA-256 in PostgreSQL, a CSRF token
// per session, a fixed lifetime from sign-in. API tokens resolve to the same Actor.
import { randomUUID } from 'node:crypto';
import type { Database, Tx } from '../../db/database.js';
import type { Actor, RequestOrigin } from './actor.js';
import { decideActor, loadActor } from './actor.loader.js';
import {
  apiTokenByHash,
  deleteCompanySessions,
  deleteOfficeSessions,
  deleteSession,
  deleteUserCompanySessions,
  deleteUserSessions,
  insertSession,
  sessionActorByTokenHash,
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

  /**
   * Ends sessions in the caller's transaction, the moment access ends: a person disabled, removed from a company, a
   * company deactivated, an office disabled. Their next request is refused, and the socket is re-checked on the event.
   */
  readonly end = {
    ofUser: (tx: Tx, officeId: string, userId: string) => deleteUserSessions(tx, officeId, userId),
    ofUserInCompany: (tx: Tx, officeId: string, companyId: string, userId: string) =>
      deleteUserCompanySessions(tx, officeId, companyId, userId),
    ofCompany: (tx: Tx, officeId: string, companyId: string) => deleteCompanySessions(tx, officeId, companyId),
    /** Answers how many sessions ended. */
    ofOffice: (tx: Tx, officeId: string) => deleteOfficeSessions(tx, officeId),
  };

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
    // One statement on every API call: the session with its person, office and membership.
    const row = await sessionActorByTokenHash(this.db.app, hashToken(token));
    if (!row || row.expires_at.getTime() <= Date.now()) return null;
    const loaded = decideActor(
      {
        user: row.user_exists
          ? {
              id: row.user_id,
              name: row.user_name!,
              email: row.user_email!,
              locale: row.user_locale!,
              totpEnabled: row.user_totp_enabled!,
            }
          : null,
        office: row.office_exists
          ? {
              id: row.office_id,
              restrictEmployees: row.restrict_employees!,
              requireStaffTwoFactor: row.require_staff_two_factor!,
              disabled: row.office_disabled === true,
            }
          : null,
        staff: row.staff_role
          ? { role: row.staff_role, specialties: row.staff_specialties ?? [], disabled: row.staff_disabled }
          : null,
        member: row.member_access
          ? { access: row.member_access, companyStatus: row.company_status!, companyName: row.company_name! }
          : null,
      },
      {
        userId: row.user_id,
        officeId: row.office_id,
        companyId: row.company_id,
        sessionId: row.id,
        csrfToken: row.csrf_token,
        apiTokenId: null,
        ip: origin.ip,
        requestId: origin.requestId,
      },
    );
    // Rarely: a session of someone no longer let in is ended; one in use is marked seen once a minute.
    if (!loaded.ok) {
      await this.db.inTenant({ officeId: row.office_id, userId: row.user_id }, (tx) =>
        deleteSession(tx, row.office_id, row.id),
      );
      return null;
    }
    if (Date.now() - row.last_seen_at.getTime() > TOUCH_EVERY_MS) {
      await this.db.inTenant({ officeId: row.office_id, userId: row.user_id }, (tx) =>
        touchSession(tx, row.office_id, row.id),
      );
    }
    return loaded.actor;
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
