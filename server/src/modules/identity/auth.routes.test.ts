import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as OTPAuth from 'otpauth';
import { sql } from 'drizzle-orm';
import { anonymous, createTestApp, linkIn, PASSWORD, signIn, type TestOffice } from '../../../test/harness.js';

/** The newest account e-mail to `to`, as the person's mailbox holds it (no office reads account mail). */
async function lastEmail(t: Awaited<ReturnType<typeof createTestApp>>, to: string) {
  const email = await t.mailbox(to, { kind: 'account' });
  return email && { subject: email.subject, textBody: email.text, htmlBody: email.html, template: email.template };
}

describe('sign-in and identity', () => {
  let t: Awaited<ReturnType<typeof createTestApp>>;
  let office: TestOffice;
  beforeAll(async () => {
    t = await createTestApp();
    office = await t.factories.office();
  });
  afterAll(() => t.close());

  it('signs in with e-mail and password, whatever the e-mail case, and signs out', async () => {
    const browser = await signIn(t.app, office.owner.email.toUpperCase());
    const me = (await browser.get('/api/me')).json();
    expect(me).toMatchObject({ kind: 'staff', role: 'owner', office: { id: office.id } });
    expect(me.csrfToken).toMatch(/^[\w-]{40,}$/);
    expect((await browser.post('/api/auth/sign-out')).statusCode).toBe(204);
    expect((await browser.get('/api/me')).statusCode).toBe(401);
  });

  it('answers a wrong password and an unknown e-mail identically', async () => {
    const wrong = await anonymous(t.app).post('/api/auth/sign-in', {
      email: office.owner.email,
      password: 'Wrong-password-123',
    });
    const unknown = await anonymous(t.app).post('/api/auth/sign-in', {
      email: 'nobody@example.test',
      password: 'Wrong-password-123',
    });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.body).toBe(unknown.body);
  });

  it('takes about as long for an unknown e-mail as for a wrong password (a dummy hash is verified)', async () => {
    const user = await t.factories.staff(office);
    const attempt = async (email: string, i: number) => {
      const start = performance.now();
      await anonymous(t.app).post('/api/auth/sign-in', { email, password: `Wrong-${i}-password` });
      return performance.now() - start;
    };
    // Interleaved, so that a burst of load elsewhere on the machine hits both series alike.
    const known: number[] = [];
    const unknown: number[] = [];
    // Five rounds: a sixth failure would throttle the account (and skip its hash).
    for (let i = 0; i < 5; i++) {
      known.push(await attempt(user.email, i));
      unknown.push(await attempt(`ghost-${i}@example.test`, i));
    }
    const median = (xs: number[]) => xs.sort((a, b) => a - b)[2]!;
    // Both include one argon2id verification (~15 ms); without the dummy, unknown is ~10× faster.
    expect(median(unknown)).toBeGreaterThan(median(known) / 4);
  });

  it('throttles an account after repeated failures with a clear, translated message', async () => {
    const user = await t.factories.staff(office);
    for (let i = 0; i < 5; i++)
      await anonymous(t.app).post('/api/auth/sign-in', { email: user.email, password: 'Wrong-password-123' });
    const blocked = await anonymous(t.app, { 'accept-language': 'pl' }).post('/api/auth/sign-in', {
      email: user.email,
      password: PASSWORD,
    });
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json().error.code).toBe('auth.throttled');
    expect(blocked.json().error.message).toMatch(/Odczekaj 15 min/);
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('requires the CSRF token on cookie-authenticated writes, and a same-site Origin', async () => {
    const browser = await signIn(t.app, office.owner.email);
    const noToken = await t.app.inject({
      method: 'PATCH',
      url: '/api/me',
      headers: { cookie: browser.cookie! },
      payload: { name: 'X' },
    });
    expect(noToken.statusCode).toBe(403);
    expect(noToken.json().error.code).toBe('csrf_invalid');
    const foreign = await browser.request('PATCH', '/api/me', { name: 'Y' }, { origin: 'https://evil.example' });
    expect(foreign.statusCode).toBe(403);
    expect((await browser.patch('/api/me', { locale: 'ro' })).json().user.locale).toBe('ro');
  });

  it('lists my sessions and revokes one, which signs that browser out', async () => {
    const user = await t.factories.staff(office);
    const laptop = await signIn(t.app, user.email, PASSWORD, {
      'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) Chrome/156.0',
    });
    const phone = await signIn(t.app, user.email, PASSWORD, { 'user-agent': 'Mozilla/5.0 (iPhone) Safari/605.1' });
    const sessions = (await laptop.get('/api/me/sessions')).json().items;
    expect(sessions).toHaveLength(2);
    const other = sessions.find((s: { current: boolean }) => !s.current);
    expect((await laptop.delete(`/api/me/sessions/${other.id}`)).statusCode).toBe(204);
    expect((await phone.get('/api/me')).statusCode).toBe(401);
    expect((await laptop.get('/api/me')).statusCode).toBe(200);
  });

  it('supports TOTP two-factor: setup, sign-in with a code, no replay of the same code', async () => {
    const user = await t.factories.staff(office);
    const browser = await signIn(t.app, user.email);
    const setup = (await browser.post('/api/me/totp/setup')).json();
    expect(setup.qrSvg).toContain('<svg');
    const totp = new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(setup.secret) });
    expect((await browser.post('/api/me/totp/enable', { code: '000000' })).statusCode).toBe(400);
    const enableCode = totp.generate();
    expect((await browser.post('/api/me/totp/enable', { code: enableCode })).statusCode).toBe(204);

    const noCode = await anonymous(t.app).post('/api/auth/sign-in', { email: user.email, password: PASSWORD });
    expect(noCode.json().error.code).toBe('auth.totp_required');
    const replay = await anonymous(t.app).post('/api/auth/sign-in', {
      email: user.email,
      password: PASSWORD,
      totpCode: enableCode,
    });
    expect(replay.json().error.code).toBe('auth.totp_invalid');
    // A code of the next 30-second step is accepted (window of one step).
    const next = totp.generate({ timestamp: Date.now() + 30_000 });
    const ok = await anonymous(t.app).post('/api/auth/sign-in', {
      email: user.email,
      password: PASSWORD,
      totpCode: next,
    });
    expect(ok.statusCode).toBe(200);
  });

  it('makes staff enable two-factor first when the office requires it', async () => {
    const strict = await t.factories.office({ requireStaffTwoFactor: true });
    const user = await t.factories.staff(strict);
    const browser = await signIn(t.app, user.email);
    expect((await browser.get('/api/me')).json().mustEnableTwoFactor).toBe(true);
    const res = await browser.get('/api/companies');
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('auth.two_factor_required');
  });

  it('issues personal API tokens: shown once, stored hashed, usable as Bearer, revocable', async () => {
    const browser = await signIn(t.app, office.owner.email);
    const created = (await browser.post('/api/me/api-tokens', { name: 'Accounting sync' })).json();
    expect(created.token).toMatch(/^bur_[\w-]{43}$/);
    const listed = (await browser.get('/api/me/api-tokens')).json().items;
    expect(listed[0]).not.toHaveProperty('token');
    expect(JSON.stringify(listed)).not.toContain(created.token);
    const stored = await t.db.inTenant({ officeId: office.id }, (tx) =>
      tx.execute(`SELECT token_hash FROM api_tokens`),
    );
    expect(stored.rows[0]!.token_hash).toMatch(/^[0-9a-f]{64}$/);
    const bearer = { authorization: `Bearer ${created.token}` };
    const viaToken = await t.app.inject({ method: 'GET', url: '/api/companies', headers: bearer });
    expect(viaToken.statusCode).toBe(200);
    // Bearer writes need no CSRF token (no cookie is involved).
    const write = await t.app.inject({
      method: 'PATCH',
      url: '/api/office',
      headers: bearer,
      payload: { name: office.name },
    });
    expect(write.statusCode).toBe(200);
    expect((await browser.delete(`/api/me/api-tokens/${created.id}`)).statusCode).toBe(204);
    expect((await t.app.inject({ method: 'GET', url: '/api/companies', headers: bearer })).statusCode).toBe(401);
  });

  describe('API tokens cannot widen themselves', () => {
    /** A signed-in browser, and a one-day token it made. */
    async function browserAndToken() {
      const user = await t.factories.staff(office);
      const browser = await signIn(t.app, user.email);
      const created = (await browser.post('/api/me/api-tokens', { name: 'One day', expiresInDays: 1 })).json() as {
        id: string;
        token: string;
      };
      const viaToken = (method: 'GET' | 'POST' | 'DELETE', url: string, payload?: object) =>
        t.app.inject({ method, url, payload, headers: { authorization: `Bearer ${created.token}` } });
      return { user, browser, created, viaToken };
    }
    const sessionsOf = async (userId: string) =>
      (
        await t.db.inTenant({ officeId: office.id }, (tx) =>
          tx.execute(sql`SELECT count(*)::int AS n FROM sessions WHERE user_id = ${userId}`),
        )
      ).rows[0]!.n;

    it('refuses a request authenticated by an API token another API token, with or without an expiry', async () => {
      const { browser, viaToken } = await browserAndToken();
      for (const body of [{ name: 'Forever' }, { name: 'Shorter', expiresInDays: 1 }]) {
        const res = await viaToken('POST', '/api/me/api-tokens', body);
        expect(res.statusCode).toBe(403);
        expect(res.json().error.code).toBe('auth.session_required');
        // Translated in the person's language (English here).
        expect(res.json().error.message).toBe('An API token cannot do this. Sign in to the portal and do it there.');
      }
      expect((await browser.get('/api/me/api-tokens')).json().items.map((i: { name: string }) => i.name)).toEqual([
        'One day',
      ]);
      // Reading and revoking stay open to the token: it may narrow what exists, never add to it.
      expect((await viaToken('GET', '/api/me/api-tokens')).statusCode).toBe(200);
    });

    it('refuses to exchange an API token for a cookie session, so that revoking the token ends its access', async () => {
      const { user, created, browser, viaToken } = await browserAndToken();
      const before = await sessionsOf(user.id);
      const context = await viaToken('POST', '/api/me/context', { officeId: office.id, companyId: null });
      expect(context.statusCode).toBe(403);
      expect(context.json().error.code).toBe('auth.session_required');
      expect(context.headers['set-cookie']).toBeUndefined();
      const invitation = await viaToken('POST', `/api/me/invitation-links/${'x'.repeat(43)}/accept`);
      expect(invitation.statusCode).toBe(403);
      expect(invitation.json().error.code).toBe('auth.session_required');
      expect(invitation.headers['set-cookie']).toBeUndefined();
      expect(await sessionsOf(user.id)).toBe(before);

      expect((await browser.delete(`/api/me/api-tokens/${created.id}`)).statusCode).toBe(204);
      expect((await viaToken('GET', '/api/me')).statusCode).toBe(401);
      expect((await viaToken('GET', '/api/companies')).statusCode).toBe(401);
    });

    it('keeps password, two-factor authentication, sessions and push subscriptions to a signed-in browser', async () => {
      const { user, browser, viaToken } = await browserAndToken();
      const sessionId = (await browser.get('/api/me/sessions')).json().items[0].id as string;
      const attempts = [
        viaToken('POST', '/api/me/password', {
          currentPassword: PASSWORD,
          newPassword: 'an entirely new passphrase 42',
        }),
        viaToken('POST', '/api/me/totp/setup'),
        viaToken('POST', '/api/me/totp/enable', { code: '123456' }),
        viaToken('POST', '/api/me/totp/disable', { code: '123456' }),
        viaToken('GET', '/api/me/sessions'),
        viaToken('DELETE', `/api/me/sessions/${sessionId}`),
        viaToken('POST', '/api/push/subscriptions', {
          endpoint: 'https://push.example.com/send/abc',
          keys: { p256dh: 'x'.repeat(87), auth: 'y'.repeat(22) },
        }),
      ];
      for (const res of await Promise.all(attempts)) {
        expect(res.statusCode, res.body).toBe(403);
        expect(res.json().error.code).toBe('auth.session_required');
      }
      // Nothing changed: the password still signs in, no TOTP secret was written, the browser is still signed in.
      expect((await signIn(t.app, user.email, PASSWORD)).cookie).toBeTruthy();
      const row = await t.db.inTenant({ officeId: office.id }, (tx) =>
        tx.execute(sql`SELECT totp_secret FROM users WHERE id = ${user.id}`),
      );
      expect(row.rows[0]!.totp_secret).toBeNull();
      expect((await browser.get('/api/me')).statusCode).toBe(200);
    });
  });

  it('resets a password by a single-use e-mailed link that ends other sessions', async () => {
    const user = await t.factories.staff(office);
    const old = await signIn(t.app, user.email);
    expect((await anonymous(t.app).post('/api/auth/password-reset', { email: user.email })).statusCode).toBe(202);
    expect((await anonymous(t.app).post('/api/auth/password-reset', { email: 'nobody@example.test' })).statusCode).toBe(
      202,
    );
    const email = await lastEmail(t, user.email);
    expect(email?.template).toBe('reset_password');
    const token = linkIn(email!.textBody).split('/reset-password/')[1]!;
    expect((await anonymous(t.app).get(`/api/auth/token/${token}`)).json()).toMatchObject({
      purpose: 'reset_password',
      email: user.email,
    });
    const weak = await anonymous(t.app).post('/api/auth/password-reset/complete', { token, password: 'qwertyuiop' });
    expect(weak.statusCode).toBe(400);
    const done = await anonymous(t.app).post('/api/auth/password-reset/complete', {
      token,
      password: 'Nowe-Haslo-Zolw-77',
    });
    expect(done.statusCode).toBe(200);
    expect((await old.get('/api/me')).statusCode).toBe(401);
    const reused = await anonymous(t.app, { 'accept-language': 'ro' }).post('/api/auth/password-reset/complete', {
      token,
      password: 'Alta-Parola-Buna-88',
    });
    expect(reused.statusCode).toBe(400);
    expect(reused.json().error).toMatchObject({
      code: 'auth.link_invalid',
      message: 'Acest link a expirat sau a fost deja folosit. Cereți unul nou.',
    });
    await signIn(t.app, user.email, 'Nowe-Haslo-Zolw-77');
  });

  it('refuses an expired reset link, and an expired sign-in code, in the user language', async () => {
    const user = await t.factories.staff(office);
    await anonymous(t.app).post('/api/auth/password-reset', { email: user.email });
    const token = linkIn((await lastEmail(t, user.email))!.textBody).split('/reset-password/')[1]!;
    await t.db.inTenant({ officeId: office.id }, (tx) =>
      tx.execute(`UPDATE auth_tokens SET expires_at = now() - interval '1 second'`),
    );
    expect((await anonymous(t.app).get(`/api/auth/token/${token}`)).json().error.code).toBe('auth.link_invalid');
    const expired = await anonymous(t.app, { 'accept-language': 'fr' }).post('/api/auth/password-reset/complete', {
      token,
      password: 'Un-Mot-De-Passe-Solide-9',
    });
    expect(expired.statusCode).toBe(400);
    expect(expired.json().error.message).toBe('Ce lien a expiré ou a déjà été utilisé. Demandez-en un nouveau.');

    const company = await t.factories.company(office);
    const client = await t.factories.clientUser(company);
    await anonymous(t.app).post('/api/auth/email-code', { email: client.email });
    const code = /\b(\d{6})\b/.exec((await lastEmail(t, client.email))!.subject)![1]!;
    await t.db.inTenant({ officeId: office.id }, (tx) =>
      tx.execute(`UPDATE auth_tokens SET expires_at = now() - interval '1 second'`),
    );
    const late = await anonymous(t.app).post('/api/auth/email-code/verify', { email: client.email, code });
    expect(late.json().error.code).toBe('auth.code_invalid');
  });

  it('voids an e-mailed code after five wrong guesses', async () => {
    const company = await t.factories.company(office);
    const client = await t.factories.clientUser(company);
    await anonymous(t.app).post('/api/auth/email-code', { email: client.email });
    const code = /\b(\d{6})\b/.exec((await lastEmail(t, client.email))!.subject)![1]!;
    const wrong = code === '123456' ? '654321' : '123456';
    for (let i = 0; i < 5; i++)
      await anonymous(t.app).post('/api/auth/email-code/verify', { email: client.email, code: wrong });
    const right = await anonymous(t.app).post('/api/auth/email-code/verify', { email: client.email, code });
    expect(right.statusCode).not.toBe(200);
  });

  it('signs a client user in with an e-mailed 6-digit code, once, when the office allows it', async () => {
    const company = await t.factories.company(office);
    const client = await t.factories.clientUser(company, { user: await t.factories.user({ password: null }) });
    expect((await anonymous(t.app).post('/api/auth/email-code', { email: client.email })).statusCode).toBe(202);
    const email = await lastEmail(t, client.email);
    const code = /\b(\d{6})\b/.exec(email!.subject)![1]!;
    const wrong = await anonymous(t.app).post('/api/auth/email-code/verify', {
      email: client.email,
      code: code === '000000' ? '111111' : '000000',
    });
    expect(wrong.json().error.code).toBe('auth.code_invalid');
    const browser = anonymous(t.app);
    const ok = await browser.post('/api/auth/email-code/verify', { email: client.email, code });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ kind: 'client', company: { id: company.id } });
    const again = await anonymous(t.app).post('/api/auth/email-code/verify', { email: client.email, code });
    expect(again.statusCode).toBe(401);
  });

  it('sends no code where the office does not allow passwordless sign-in', async () => {
    const closed = await t.factories.office({ allowClientPasswordless: false });
    const company = await t.factories.company(closed);
    const client = await t.factories.clientUser(company);
    expect((await anonymous(t.app).post('/api/auth/email-code', { email: client.email })).statusCode).toBe(202);
    expect(await lastEmail(t, client.email)).toBeUndefined();
  });

  it('tells users of an inactive company why they cannot sign in, and ends their sessions at once', async () => {
    const company = await t.factories.company(office, { name: 'Piekarnia Złoty Kłos' });
    const client = await t.factories.clientUser(company);
    const browser = await signIn(t.app, client.email);
    const owner = await signIn(t.app, office.owner.email);
    expect(
      (await owner.post(`/api/companies/${company.id}/status`, { status: 'inactive', reason: 'Contract ended' }))
        .statusCode,
    ).toBe(200);
    expect((await browser.get('/api/me')).statusCode).toBe(401);
    const refused = await anonymous(t.app, { 'accept-language': 'pl' }).post('/api/auth/sign-in', {
      email: client.email,
      password: PASSWORD,
    });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.message).toContain('Firma Piekarnia Złoty Kłos nie jest już aktywna');
  });

  it('ends the sessions of a disabled staff member at once', async () => {
    const user = await t.factories.staff(office);
    const browser = await signIn(t.app, user.email);
    const owner = await signIn(t.app, office.owner.email);
    expect((await owner.patch(`/api/staff/${user.id}`, { disabled: true })).json().disabled).toBe(true);
    expect((await browser.get('/api/me')).statusCode).toBe(401);
    const refused = await anonymous(t.app).post('/api/auth/sign-in', { email: user.email, password: PASSWORD });
    expect(refused.json().error.code).toBe('auth.account_disabled');
  });

  it('stores sessions, reset and API tokens only as hashes', async () => {
    const browser = await signIn(t.app, office.owner.email);
    const token = browser.cookie!.split('=')[1]!;
    const rows = await t.db.inTenant({ officeId: office.id }, (tx) =>
      tx.execute(`SELECT token_hash FROM sessions UNION ALL SELECT token_hash FROM auth_tokens`),
    );
    expect(rows.rows.length).toBeGreaterThan(0);
    for (const row of rows.rows) expect(row.token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(rows.rows)).not.toContain(token);
    expect(Buffer.from(token, 'base64url').length).toBeGreaterThanOrEqual(16);
  });
});
