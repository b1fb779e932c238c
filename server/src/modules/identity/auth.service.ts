// Signing in and out: password (with optional TOTP), a one-time code or link by e-mail, password
// reset and the "set your password" link of new people. Every path answers the same for an unknown
// e-mail as for a wrong secret, and is throttled.
//
// Throttling (docs/ARCHITECTURE.md, Identity → Throttling) keeps a guesser out without keeping the
// real person out: wrong passwords lock an account for the address they came from first (5), for
// every address only after many (50: distributed guessing) — and never for an address the person has
// signed in from; an address is locked after 30 failures whatever the accounts. E-mailed codes and
// links count their own failures apart, so they and the password reset still let the person in while
// the password is locked, and a completed reset clears the account's password counters.
import { randomUUID } from 'node:crypto';
import { isLocale, type Locale, type TokenInfo } from '@bureau/common';
import type { Static } from 'typebox';
import { normalizeEmail } from '@bureau/common/validation';
import type { Database, Tx } from '../../db/database.js';
import { AppError } from '../../http/app-error.js';
import { auditAnonymous } from '../audit/index.js';
import type { AccountMail } from '../mail/index.js';
import type { Actor, RequestOrigin } from './actor.js';
import { chooseContext, type SignInContext } from './context.js';
import {
  authTokenByHash,
  bumpAuthTokenAttempts,
  clearThrottle,
  clearThrottlePrefix,
  consumeAuthToken,
  countRecentAuthTokens,
  deleteSession,
  deleteUserSessions,
  findUser,
  insertAuthToken,
  invalidateAuthTokens,
  liveSignInTokens,
  membershipsOf,
  recordThrottleFailure,
  throttleBlockedSeconds,
  updateUser,
  userByEmail,
  userHasSeenIp,
  type UserByEmail,
} from './identity.repository.js';
import { assertStrongPassword, hashPassword, verifyPassword } from './password.js';
import { hashToken, randomCode, randomToken, safeEqual } from './secrets.js';
import type { SessionService } from './session.service.js';
import { verifyTotp } from './totp.js';

export const SIGN_IN_CODE_MINUTES = 15;
export const RESET_MINUTES = 60;
export const SET_PASSWORD_DAYS = 7;
const CODE_MAX_ATTEMPTS = 5;
const CODES_PER_HOUR = 5;
type Limit = { failures: number; windowSeconds: number; blockSeconds: number };
const QUARTER_HOUR = 15 * 60;
/** Wrong passwords (or two-factor codes) for one account from one address: locked for that address. */
export const PASSWORD_PAIR_LIMIT: Limit = { failures: 5, windowSeconds: QUARTER_HOUR, blockSeconds: QUARTER_HOUR };
/** Wrong passwords for one account from any addresses: locked everywhere but the addresses it signed in from. */
export const PASSWORD_ACCOUNT_LIMIT: Limit = { failures: 50, windowSeconds: QUARTER_HOUR, blockSeconds: QUARTER_HOUR };
/** Wrong passwords from one address, whatever the accounts. */
export const PASSWORD_IP_LIMIT: Limit = { failures: 30, windowSeconds: QUARTER_HOUR, blockSeconds: QUARTER_HOUR };
/** Wrong e-mailed codes for one account from one address (a code is void after 5 wrong ones anyway). */
export const CODE_PAIR_LIMIT: Limit = { failures: 10, windowSeconds: QUARTER_HOUR, blockSeconds: QUARTER_HOUR };
/** Wrong e-mailed codes, and codes or resets asked for unknown e-mails, from one address. */
export const CODE_IP_LIMIT: Limit = { failures: 30, windowSeconds: QUARTER_HOUR, blockSeconds: QUARTER_HOUR };

export type SignedIn = { token: string; csrfToken: string; userId: string; officeId: string };

// Keys of auth_throttle: hashes of the e-mail (and of the address, in a pair), never office data. A pair's
// key starts with its account's prefix, so a completed reset clears the account's pairs at once.
const accountHash = (email: string) => hashToken(email);
const passwordKeys = (email: string, ip: string | null) => ({
  account: `acct:${accountHash(email)}`,
  pair: `acct:${accountHash(email)}:ip:${hashToken(ip ?? 'unknown')}`,
  ip: `ip:${ip ?? 'unknown'}`,
});
const codeKeys = (email: string, ip: string | null) => ({
  pair: `code:${accountHash(email)}:ip:${hashToken(ip ?? 'unknown')}`,
  ip: `code-ip:${ip ?? 'unknown'}`,
});

function throttled(seconds: number): AppError {
  return new AppError('auth.throttled', {
    params: { minutes: Math.ceil(seconds / 60) },
    headers: { 'retry-after': String(seconds) },
  });
}

export class AuthService {
  constructor(
    private readonly db: Database,
    private readonly sessions: SessionService,
    private readonly mail: AccountMail,
    private readonly publicUrl: string,
  ) {}

  /**
   * The account (if any) behind `email`, unless its password may not be tried from this address now: locked
   * for this address, this address locked, or the account locked everywhere and this address new to it.
   */
  private async passwordAccount(email: string, origin: RequestOrigin): Promise<UserByEmail | undefined> {
    const keys = passwordKeys(email, origin.ip);
    const { user, accountSeconds } = await this.db.anonymous(async (tx) => {
      const seconds = await throttleBlockedSeconds(tx, [keys.pair, keys.ip]);
      if (seconds > 0) throw throttled(seconds);
      return { user: await userByEmail(tx, email), accountSeconds: await throttleBlockedSeconds(tx, [keys.account]) };
    });
    // Distributed guessing must not keep the person out where they usually sign in from.
    if (accountSeconds > 0 && !(user && (await this.signedInFrom(user.id, origin.ip)))) throw throttled(accountSeconds);
    return user;
  }

  /** Whether the person has a session (live or past, not signed out) opened from this address, in any office. */
  private async signedInFrom(userId: string, ip: string | null): Promise<boolean> {
    if (!ip) return false;
    const offices = new Set((await this.db.anonymous((tx) => membershipsOf(tx, userId))).map((m) => m.office_id));
    for (const officeId of offices) {
      if (await this.db.inTenant({ officeId, userId }, (tx) => userHasSeenIp(tx, officeId, userId, ip))) return true;
    }
    return false;
  }

  private async recordPasswordFailure(email: string, origin: RequestOrigin): Promise<void> {
    const keys = passwordKeys(email, origin.ip);
    await this.db.anonymous(async (tx) => {
      await record(tx, keys.pair, PASSWORD_PAIR_LIMIT);
      await record(tx, keys.account, PASSWORD_ACCOUNT_LIMIT);
      await record(tx, keys.ip, PASSWORD_IP_LIMIT);
    });
  }

  /** Refuses e-mailed codes (and code or reset requests) from an address locked for them; password failures play no part. */
  private async assertCodesAllowed(tx: Tx, email: string, origin: RequestOrigin): Promise<void> {
    const keys = codeKeys(email, origin.ip);
    const seconds = await throttleBlockedSeconds(tx, [keys.pair, keys.ip]);
    if (seconds > 0) throw throttled(seconds);
  }

  /** A wrong code for `email`, or (`account: false`) a code or reset asked for an e-mail nobody has. */
  private async recordCodeFailure(email: string, origin: RequestOrigin, options: { account: boolean }): Promise<void> {
    const keys = codeKeys(email, origin.ip);
    await this.db.anonymous(async (tx) => {
      if (options.account) await record(tx, keys.pair, CODE_PAIR_LIMIT);
      await record(tx, keys.ip, CODE_IP_LIMIT);
    });
  }

  async signInWithPassword(
    origin: RequestOrigin,
    input: { email: string; password: string; totpCode?: string },
  ): Promise<SignedIn> {
    const email = normalizeEmail(input.email);
    const user = await this.passwordHolder(origin, email, input.password);
    const memberships = await this.db.anonymous((tx) => membershipsOf(tx, user.id));
    const context = chooseContext(memberships);
    return this.db.inTenant({ officeId: context.officeId, userId: user.id }, async (tx) => {
      await this.checkSecondFactor(tx, user, input.totpCode, origin);
      await clearThrottle(tx, passwordKeys(email, origin.ip).pair);
      return this.finishSignIn(
        tx,
        { id: user.id, name: user.name, email: user.email, locale: user.locale },
        context,
        origin,
        'password',
      );
    });
  }

  /** The account whose password this is, throttled (see passwordAccount); the same answer for an unknown e-mail as for a wrong password. */
  private async passwordHolder(origin: RequestOrigin, email: string, password: string) {
    const user = await this.passwordAccount(email, origin);
    const valid = await verifyPassword(user?.password_hash, password);
    if (!user || !valid) {
      await this.recordPasswordFailure(email, origin);
      throw new AppError('auth.invalid_credentials');
    }
    return user;
  }

  private async checkSecondFactor(
    tx: Tx,
    user: { id: string; email: string; totp_enabled: boolean },
    totpCode: string | undefined,
    origin: RequestOrigin,
  ): Promise<void> {
    if (!user.totp_enabled) return;
    if (!totpCode) throw new AppError('auth.totp_required');
    const full = await findUser(tx, user.id);
    const step = full?.totpSecret ? verifyTotp(full.totpSecret, totpCode, full.totpLastStep) : null;
    if (step === null) {
      await this.recordPasswordFailure(user.email, origin);
      throw new AppError('auth.totp_invalid');
    }
    await updateUser(tx, user.id, { totpLastStep: step });
  }

  /**
   * An existing account's password (and two-factor code) checked exactly as signing in checks them, with the same
   * throttling — for accepting an invitation, where the office and company are the invitation's, not chosen here.
   */
  async verifyAccount(
    origin: RequestOrigin,
    officeId: string,
    input: { email: string; password: string; totpCode?: string },
  ) {
    const email = normalizeEmail(input.email);
    const user = await this.passwordHolder(origin, email, input.password);
    await this.db.inTenant({ officeId, userId: user.id }, async (tx) => {
      await this.checkSecondFactor(tx, user, input.totpCode, origin);
      await clearThrottle(tx, passwordKeys(email, origin.ip).pair);
    });
    return { id: user.id, name: user.name, email: user.email, locale: user.locale };
  }

  /** Opens a session in a context the caller decided (the company of an invitation just accepted). */
  signInTo(
    tx: Tx,
    user: { id: string; name: string; email: string; locale: string },
    context: SignInContext,
    origin: RequestOrigin,
  ): Promise<SignedIn> {
    return this.finishSignIn(tx, user, context, origin, 'invitation');
  }

  /** Opens the session, audits, and alerts the person by e-mail when the address is new to them. */
  private async finishSignIn(
    tx: Tx,
    user: { id: string; name: string; email: string; locale: string },
    context: { officeId: string; companyId: string | null; officeName: string },
    origin: RequestOrigin,
    method: 'password' | 'email_code' | 'email_link' | 'password_link' | 'invitation',
  ): Promise<SignedIn> {
    const knownIp = origin.ip ? await userHasSeenIp(tx, context.officeId, user.id, origin.ip) : true;
    const session = await this.sessions.open(tx, {
      userId: user.id,
      officeId: context.officeId,
      companyId: context.companyId,
      origin,
    });
    await auditAnonymous(
      tx,
      context.officeId,
      { userId: user.id, name: user.name, ip: origin.ip, requestId: origin.requestId },
      {
        action: 'auth.sign_in',
        objectType: 'user',
        objectId: user.id,
        companyId: context.companyId,
        after: { method },
      },
    );
    if (!knownIp && method === 'password') {
      const locale: Locale = isLocale(user.locale) ? user.locale : 'en';
      await this.mail.queue(tx, {
        to: user.email,
        toName: user.name,
        locale,
        template: 'sign_in_alert',
        link: `${this.publicUrl}/account`,
        params: {
          time:
            new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' }).format(
              new Date(),
            ) + ' UTC',
          ip: origin.ip ?? '?',
          device: describeDevice(origin.userAgent),
        },
      });
    }
    return { token: session.token, csrfToken: session.csrfToken, userId: user.id, officeId: context.officeId };
  }

  async signOut(actor: Actor): Promise<void> {
    if (!actor.sessionId) return;
    await this.db.asActor(actor, (tx) => deleteSession(tx, actor.officeId, actor.sessionId!));
  }

  /** Sends a one-time code and link to client users whose office allows it; answers the same either way. */
  async requestEmailCode(origin: RequestOrigin, rawEmail: string): Promise<void> {
    const email = normalizeEmail(rawEmail);
    const user = await this.db.anonymous(async (tx) => {
      await this.assertCodesAllowed(tx, email, origin);
      return userByEmail(tx, email);
    });
    if (!user) {
      await this.recordCodeFailure(email, origin, { account: false });
      return;
    }
    const memberships = await this.db.anonymous((tx) => membershipsOf(tx, user.id));
    let context;
    try {
      context = chooseContext(memberships, 'passwordless');
    } catch {
      return;
    }
    if (context.companyId === null) return;
    await this.db.inTenant({ officeId: context.officeId, userId: user.id }, async (tx) => {
      if ((await countRecentAuthTokens(tx, context.officeId, user.id, 'sign_in', 60)) >= CODES_PER_HOUR) return;
      const token = randomToken();
      const code = randomCode();
      const id = randomUUID();
      await insertAuthToken(tx, {
        id,
        tokenHash: hashToken(token),
        codeHash: hashToken(`${id}:${code}`),
        userId: user.id,
        officeId: context.officeId,
        purpose: 'sign_in',
        expiresAt: new Date(Date.now() + SIGN_IN_CODE_MINUTES * 60_000),
      });
      await this.mail.queue(tx, {
        to: user.email,
        toName: user.name,
        locale: isLocale(user.locale) ? user.locale : 'en',
        template: 'sign_in_code',
        link: `${this.publicUrl}/sign-in/link/${token}`,
        params: { code, minutes: SIGN_IN_CODE_MINUTES },
      });
    });
  }

  async verifyEmailCode(origin: RequestOrigin, input: { email: string; code: string }): Promise<SignedIn> {
    const email = normalizeEmail(input.email);
    const user = await this.db.anonymous(async (tx) => {
      await this.assertCodesAllowed(tx, email, origin);
      return userByEmail(tx, email);
    });
    const memberships = user ? await this.db.anonymous((tx) => membershipsOf(tx, user.id)) : [];
    const offices = [...new Set(memberships.filter((m) => m.kind === 'client').map((m) => m.office_id))];
    for (const officeId of offices) {
      const signedIn = await this.db.inTenant({ officeId, userId: user!.id }, async (tx) => {
        for (const token of await liveSignInTokens(tx, officeId, user!.id)) {
          if (token.codeHash && safeEqual(token.codeHash, hashToken(`${token.id}:${input.code}`))) {
            if (!(await consumeAuthToken(tx, officeId, token.id))) return null;
            const context = chooseContext(
              memberships.filter((m) => m.office_id === officeId),
              'passwordless',
            );
            await clearThrottle(tx, codeKeys(email, origin.ip).pair);
            return this.finishSignIn(tx, user!, context, origin, 'email_code');
          }
          await bumpAuthTokenAttempts(tx, officeId, token.id, CODE_MAX_ATTEMPTS);
        }
        return null;
      });
      if (signedIn) return signedIn;
    }
    await this.recordCodeFailure(email, origin, { account: true });
    throw new AppError('auth.code_invalid');
  }

  async verifyEmailLink(origin: RequestOrigin, token: string): Promise<SignedIn> {
    const row = await this.db.anonymous((tx) => authTokenByHash(tx, hashToken(token)));
    if (!row || row.purpose !== 'sign_in' || row.used_at || row.expires_at.getTime() <= Date.now())
      throw new AppError('auth.link_invalid');
    const memberships = await this.db.anonymous((tx) => membershipsOf(tx, row.user_id));
    return this.db.inTenant({ officeId: row.office_id, userId: row.user_id }, async (tx) => {
      if (!(await consumeAuthToken(tx, row.office_id, row.id))) throw new AppError('auth.link_invalid');
      const context = chooseContext(
        memberships.filter((m) => m.office_id === row.office_id),
        'passwordless',
      );
      const user = (await findUser(tx, row.user_id))!;
      return this.finishSignIn(tx, user, context, origin, 'email_link');
    });
  }

  /** E-mails a reset link if the account exists; answers the same either way — and also while the password is locked. */
  async requestPasswordReset(origin: RequestOrigin, rawEmail: string): Promise<void> {
    const email = normalizeEmail(rawEmail);
    const user = await this.db.anonymous(async (tx) => {
      await this.assertCodesAllowed(tx, email, origin);
      return userByEmail(tx, email);
    });
    if (!user) {
      await this.recordCodeFailure(email, origin, { account: false });
      return;
    }
    const memberships = await this.db.anonymous((tx) => membershipsOf(tx, user.id));
    const membership = memberships[0];
    if (!membership) return;
    await this.db.inTenant({ officeId: membership.office_id, userId: user.id }, async (tx) => {
      if ((await countRecentAuthTokens(tx, membership.office_id, user.id, 'reset_password', 60)) >= CODES_PER_HOUR)
        return;
      const token = await this.createPasswordToken(tx, {
        userId: user.id,
        officeId: membership.office_id,
        purpose: 'reset_password',
      });
      await this.mail.queue(tx, {
        to: user.email,
        toName: user.name,
        locale: isLocale(user.locale) ? user.locale : 'en',
        template: 'reset_password',
        link: `${this.publicUrl}/reset-password/${token}`,
        params: { minutes: RESET_MINUTES },
      });
    });
  }

  /** A single-use token for a reset or a new person's first password; returns the raw token. */
  async createPasswordToken(
    tx: Tx,
    input: { userId: string; officeId: string; purpose: 'reset_password' | 'set_password' },
  ): Promise<string> {
    await invalidateAuthTokens(tx, input.officeId, input.userId, input.purpose);
    const token = randomToken();
    const lifetimeMs = input.purpose === 'reset_password' ? RESET_MINUTES * 60_000 : SET_PASSWORD_DAYS * 86_400_000;
    await insertAuthToken(tx, {
      id: randomUUID(),
      tokenHash: hashToken(token),
      userId: input.userId,
      officeId: input.officeId,
      purpose: input.purpose,
      expiresAt: new Date(Date.now() + lifetimeMs),
    });
    return token;
  }

  /** What a password link is for, so the page can say "Set a password for …". */
  async describePasswordToken(token: string): Promise<Static<typeof TokenInfo>> {
    const row = await this.db.anonymous((tx) => authTokenByHash(tx, hashToken(token)));
    if (!row || row.used_at || row.expires_at.getTime() <= Date.now() || row.purpose === 'sign_in')
      throw new AppError('auth.link_invalid');
    const user = await this.db.inTenant({ officeId: row.office_id, userId: row.user_id }, (tx) =>
      findUser(tx, row.user_id),
    );
    if (!user) throw new AppError('auth.link_invalid');
    return {
      purpose: row.purpose as 'reset_password' | 'set_password',
      email: user.email,
      name: user.name,
      locale: user.locale as Locale,
    };
  }

  /** Sets the password from a reset or set-password link, ends other sessions and signs in. */
  async completePasswordToken(origin: RequestOrigin, input: { token: string; password: string }): Promise<SignedIn> {
    const row = await this.db.anonymous((tx) => authTokenByHash(tx, hashToken(input.token)));
    if (!row || row.used_at || row.expires_at.getTime() <= Date.now() || row.purpose === 'sign_in')
      throw new AppError('auth.link_invalid');
    const memberships = await this.db.anonymous((tx) => membershipsOf(tx, row.user_id));
    const user = await this.db.inTenant({ officeId: row.office_id, userId: row.user_id }, (tx) =>
      findUser(tx, row.user_id),
    );
    if (!user) throw new AppError('auth.link_invalid');
    assertStrongPassword(input.password, { email: user.email, name: user.name });
    const passwordHash = await hashPassword(input.password);
    const context = chooseContext(memberships);
    // The link's office is where the token lives; sessions in every office of this person end.
    await this.db.inTenant({ officeId: row.office_id, userId: row.user_id }, async (tx) => {
      if (!(await consumeAuthToken(tx, row.office_id, row.id))) throw new AppError('auth.link_invalid');
      await updateUser(tx, row.user_id, { passwordHash, passwordChangedAt: new Date() });
      // The guesses were at the old password: the account is open again, from every address.
      await clearThrottlePrefix(tx, `acct:${accountHash(normalizeEmail(user.email))}`);
      await clearThrottlePrefix(tx, `code:${accountHash(normalizeEmail(user.email))}:`);
      await auditAnonymous(
        tx,
        row.office_id,
        { userId: user.id, name: user.name, ip: origin.ip, requestId: origin.requestId },
        {
          action: row.purpose === 'set_password' ? 'user.password_set' : 'user.password_reset',
          objectType: 'user',
          objectId: user.id,
        },
      );
      await deleteUserSessions(tx, row.office_id, row.user_id);
    });
    for (const officeId of new Set(memberships.map((m) => m.office_id))) {
      if (officeId === row.office_id) continue;
      await this.db.inTenant({ officeId, userId: row.user_id }, (tx) => deleteUserSessions(tx, officeId, row.user_id));
    }
    return this.db.inTenant({ officeId: context.officeId, userId: user.id }, (tx) =>
      this.finishSignIn(tx, user, context, origin, 'password_link'),
    );
  }
}

function record(tx: Tx, key: string, limit: Limit): Promise<void> {
  return recordThrottleFailure(tx, key, limit.failures, limit.windowSeconds, limit.blockSeconds);
}

function describeDevice(userAgent: string | null): string {
  if (!userAgent) return '?';
  const browser = /Edg\//.test(userAgent)
    ? 'Edge'
    : /Firefox\//.test(userAgent)
      ? 'Firefox'
      : /Chrom(e|ium)\//.test(userAgent)
        ? 'Chrome'
        : /Safari\//.test(userAgent)
          ? 'Safari'
          : 'Browser';
  const os = /Windows/.test(userAgent)
    ? 'Windows'
    : /Android/.test(userAgent)
      ? 'Android'
      : /iPhone|iPad/.test(userAgent)
        ? 'iOS'
        : /Mac OS/.test(userAgent)
          ? 'macOS'
          : /Linux/.test(userAgent)
            ? 'Linux'
            : '';
  return os ? `${browser}, ${os}` : browser;
}
