// What a signed-in person does to their own account: profile and language, password, sessions,
// switching office or company, two-factor authentication and personal API tokens.
import { randomUUID } from 'node:crypto';
import type { Locale } from '@bureau/common';
import type { Database, Tx } from '../../db/database.js';
import { AppError, invalid, notFound } from '../../http/app-error.js';
import { audit } from '../audit/index.js';
import { checkMobileNumber } from '../sms/index.js';
import { policy } from '../policy/index.js';
import { presentApiToken, presentSession } from './account.presenter.js';
import type { Actor, RequestOrigin } from './actor.js';
import { findContext, officeDisabled } from './context.js';
import {
  deleteSession,
  deleteUserSessions,
  findUser,
  insertApiToken,
  listApiTokens,
  listUserSessions,
  membershipsOf,
  revokeApiToken,
  updateUser,
} from './identity.repository.js';
import { assertStrongPassword, hashPassword, verifyPassword } from './password.js';
import { personName } from './person-name.js';
import { hashToken, randomToken } from './secrets.js';
import type { SessionService } from './session.service.js';
import { newTotpSecret, totpUri, verifyTotp } from './totp.js';
import { parseId } from '../../http/ids.js';
import { loadQRCode } from '../../lazy-libraries.js';

/** Reads an office's row in the caller's transaction; identity knows offices only through it. */
export type OfficeLookup = (
  tx: Tx,
  officeId: string,
) => Promise<{ id: string; name: string; country: string; defaultLocale: string } | undefined>;

export class AccountService {
  constructor(
    private readonly db: Database,
    private readonly sessions: SessionService,
    /** The office a person is signed in to (tenancy's): its name, country and language for My account. */
    private readonly findOffice: OfficeLookup,
  ) {}

  /** Everything the web app needs to know about who is signed in. */
  async me(actor: Actor) {
    const memberships = await this.db.anonymous((tx) => membershipsOf(tx, actor.userId));
    const [office, user] = await this.db.asActor(
      actor,
      async (tx) => [await this.findOffice(tx, actor.officeId), await findUser(tx, actor.userId)] as const,
    );
    const current =
      actor.kind === 'client'
        ? memberships.find((m) => m.kind === 'client' && m.company_id === actor.companyId)
        : undefined;
    return {
      user: {
        id: actor.userId,
        name: actor.name,
        email: actor.email,
        locale: actor.locale,
        totpEnabled: actor.totpEnabled,
        phone: user?.phone ?? null,
      },
      office: { id: office!.id, name: office!.name, country: office!.country, defaultLocale: office!.defaultLocale },
      kind: actor.kind,
      role: actor.kind === 'staff' ? actor.role : null,
      specialties: actor.kind === 'staff' ? actor.specialties : [],
      company:
        actor.kind === 'client'
          ? { id: actor.companyId, name: current?.company_name ?? '', access: actor.access }
          : null,
      contexts: memberships
        .filter((m) => !m.office_disabled && (m.kind === 'staff' ? !m.staff_disabled : true))
        .map((m) => ({
          officeId: m.office_id,
          officeName: m.office_name,
          kind: m.kind,
          companyId: m.company_id,
          companyName: m.company_name,
          companyStatus: m.company_status,
        })),
      csrfToken: actor.csrfToken,
      mustEnableTwoFactor: actor.kind === 'staff' && actor.requireTwoFactor && !actor.totpEnabled,
      can: policy.meCan(actor),
    };
  }

  async updateProfile(actor: Actor, input: { name?: string; locale?: Locale; phone?: string | null }): Promise<Actor> {
    // An empty name is no change (the schema refuses ''); blanks only are refused, not stored as ''.
    const name = input.name === undefined ? undefined : personName(input.name);
    await this.db.asActor(actor, async (tx) => {
      const before = await findUser(tx, actor.userId);
      let phone: string | null | undefined;
      if (input.phone === null || input.phone?.trim() === '') phone = null;
      else if (input.phone !== undefined) {
        // Read as people write it at home: the office's country is the default.
        const office = await this.findOffice(tx, actor.officeId);
        const number = checkMobileNumber(input.phone, office?.country ?? 'PL');
        if (!number.ok) throw invalid({ phone: { code: number.reason } });
        phone = number.e164;
      }
      await updateUser(tx, actor.userId, {
        ...(name && { name }),
        ...(input.locale && { locale: input.locale }),
        ...(phone !== undefined && { phone }),
      });
      await audit(tx, actor, {
        action: 'user.profile_updated',
        objectType: 'user',
        objectId: actor.userId,
        before: {
          name: before?.name,
          locale: before?.locale,
          ...(phone !== undefined && { phone: before?.phone ?? null }),
        },
        after: { ...input, ...(name !== undefined && { name }), ...(phone !== undefined && { phone }) },
      });
    });
    return { ...actor, ...(name && { name }), ...(input.locale && { locale: input.locale }) };
  }

  async changePassword(actor: Actor, input: { currentPassword: string; newPassword: string }): Promise<void> {
    policy.require(actor, 'account.secure');
    const user = await this.db.asActor(actor, (tx) => findUser(tx, actor.userId));
    if (!(await verifyPassword(user?.passwordHash, input.currentPassword))) {
      throw new AppError('password.current_invalid', { fields: { currentPassword: { code: 'invalid' } } });
    }
    assertStrongPassword(input.newPassword, { email: actor.email, name: actor.name }, 'newPassword');
    const passwordHash = await hashPassword(input.newPassword);
    await this.db.asActor(actor, async (tx) => {
      await updateUser(tx, actor.userId, { passwordHash, passwordChangedAt: new Date() });
      await deleteUserSessions(tx, actor.officeId, actor.userId, actor.sessionId ?? undefined);
      await audit(tx, actor, { action: 'user.password_changed', objectType: 'user', objectId: actor.userId });
    });
  }

  async listSessions(actor: Actor) {
    policy.require(actor, 'account.secure');
    const rows = await this.db.asActor(actor, (tx) => listUserSessions(tx, actor.officeId, actor.userId));
    return rows.map((r) => presentSession(r, actor.sessionId));
  }

  async revokeSession(actor: Actor, sessionId: string): Promise<void> {
    policy.require(actor, 'account.secure');
    parseId(sessionId);
    await this.db.asActor(actor, async (tx) => {
      if ((await deleteSession(tx, actor.officeId, sessionId, actor.userId)) === 0) throw notFound();
      await audit(tx, actor, { action: 'session.revoked', objectType: 'session', objectId: sessionId });
    });
  }

  /** Moves the person to another office or company they belong to, with a fresh session token. */
  async switchContext(actor: Actor, origin: RequestOrigin, target: { officeId: string; companyId: string | null }) {
    policy.require(actor, 'session.open');
    const memberships = await this.db.anonymous((tx) => membershipsOf(tx, actor.userId));
    const membership = findContext(memberships, target.officeId, target.companyId);
    if (!membership) throw new AppError('context.not_member');
    if (membership.office_disabled) throw officeDisabled(membership);
    if (membership.kind === 'staff' && membership.staff_disabled) throw new AppError('auth.account_disabled');
    if (membership.kind === 'client' && membership.company_status !== 'active') {
      throw new AppError('auth.company_inactive', { params: { company: membership.company_name ?? '' } });
    }
    if (actor.sessionId) await this.db.asActor(actor, (tx) => deleteSession(tx, actor.officeId, actor.sessionId!));
    return this.db.inTenant({ officeId: target.officeId, userId: actor.userId }, (tx) =>
      this.sessions.open(tx, { userId: actor.userId, officeId: target.officeId, companyId: target.companyId, origin }),
    );
  }

  async startTotpSetup(actor: Actor) {
    policy.require(actor, 'account.secure');
    const secret = newTotpSecret();
    await this.db.asActor(actor, async (tx) => {
      const user = await findUser(tx, actor.userId);
      if (user?.totpEnabled) throw new AppError('conflict');
      await updateUser(tx, actor.userId, { totpSecret: secret, totpLastStep: null });
    });
    const otpauthUrl = totpUri(secret, actor.email, 'Bureau');
    const qrSvg = await (await loadQRCode()).toString(otpauthUrl, { type: 'svg', margin: 1 });
    return { secret, otpauthUrl, qrSvg };
  }

  async enableTotp(actor: Actor, code: string): Promise<void> {
    policy.require(actor, 'account.secure');
    await this.db.asActor(actor, async (tx) => {
      const user = await findUser(tx, actor.userId);
      if (!user?.totpSecret || user.totpEnabled) throw new AppError('conflict');
      const step = verifyTotp(user.totpSecret, code, user.totpLastStep);
      if (step === null) throw invalid({ code: { code: 'invalid' } });
      await updateUser(tx, actor.userId, { totpEnabled: true, totpLastStep: step });
      await audit(tx, actor, { action: 'user.totp_enabled', objectType: 'user', objectId: actor.userId });
    });
  }

  async disableTotp(actor: Actor, code: string): Promise<void> {
    policy.require(actor, 'account.secure');
    await this.db.asActor(actor, async (tx) => {
      const user = await findUser(tx, actor.userId);
      if (!user?.totpSecret || !user.totpEnabled) throw new AppError('conflict');
      if (verifyTotp(user.totpSecret, code, user.totpLastStep) === null) throw invalid({ code: { code: 'invalid' } });
      await updateUser(tx, actor.userId, { totpEnabled: false, totpSecret: null, totpLastStep: null });
      await audit(tx, actor, { action: 'user.totp_disabled', objectType: 'user', objectId: actor.userId });
    });
  }

  async listApiTokens(actor: Actor) {
    policy.require(actor, 'apiToken.manage');
    const rows = await this.db.asActor(actor, (tx) => listApiTokens(tx, actor.officeId, actor.userId));
    return rows.map(presentApiToken);
  }

  /** Creates a personal API token; the raw token is returned once and stored only as a hash. */
  async createApiToken(actor: Actor, input: { name: string; expiresInDays?: number }) {
    policy.require(actor, 'apiToken.create');
    const token = `bur_${randomToken()}`;
    const id = randomUUID();
    await this.db.asActor(actor, async (tx) => {
      await insertApiToken(tx, {
        id,
        officeId: actor.officeId,
        userId: actor.userId,
        name: input.name.trim(),
        tokenHash: hashToken(token),
        prefix: token.slice(0, 8),
        expiresAt: input.expiresInDays ? new Date(Date.now() + input.expiresInDays * 86_400_000) : null,
      });
      await audit(tx, actor, {
        action: 'api_token.created',
        objectType: 'api_token',
        objectId: id,
        after: { name: input.name },
      });
    });
    return { id, name: input.name.trim(), token };
  }

  async revokeApiToken(actor: Actor, tokenId: string): Promise<void> {
    policy.require(actor, 'apiToken.manage');
    parseId(tokenId);
    await this.db.asActor(actor, async (tx) => {
      if ((await revokeApiToken(tx, actor.officeId, actor.userId, tokenId)) === 0) throw notFound();
      await audit(tx, actor, { action: 'api_token.revoked', objectType: 'api_token', objectId: tokenId });
    });
  }
}
