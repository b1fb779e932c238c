// Sign-in throttling keeps a guesser out without keeping the real person out (docs/ARCHITECTURE.md,
// Identity → Throttling). Each "browser" here comes from its own address (X-Forwarded-For, TRUST_PROXY).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymous, createTestApp, PASSWORD, type TestOffice } from '../../../test/harness.js';
import { CODE_PAIR_LIMIT, PASSWORD_ACCOUNT_LIMIT, PASSWORD_IP_LIMIT, PASSWORD_PAIR_LIMIT } from './auth.service.js';

type TestApp = Awaited<ReturnType<typeof createTestApp>>;

let addresses = 0;
/** A fresh address for each visitor, so that no test trips another's address limit. */
const newAddress = () => `203.0.113.${++addresses}`;
let crowds = 0;

/**
 * The one place these tests read what was e-mailed to `to`: the newest e-mail in the office's outbox, read as an
 * office admin would. (Where account e-mails are delivered may move; only this helper would change.)
 */
async function emailedTo(
  t: TestApp,
  _office: TestOffice,
  to: string,
): Promise<{ code: string | undefined; link: string | undefined }> {
  // Account mail: the person's mailbox holds it (no office's outbox does).
  const email = await t.mailbox(to, { kind: 'account' });
  if (!email) throw new Error(`nothing was e-mailed to ${to}`);
  return { code: /\b(\d{6})\b/.exec(email.subject)?.[1], link: /https?:\/\/\S+/.exec(email.text)?.[0] };
}

describe('sign-in throttling', () => {
  let t: TestApp;
  let office: TestOffice;
  beforeAll(async () => {
    t = await createTestApp({ TRUST_PROXY: 'true' });
    office = await t.factories.office();
  });
  afterAll(() => t.close());

  const from = (ip: string, headers: Record<string, string> = {}) =>
    anonymous(t.app, { 'x-forwarded-for': ip, ...headers });
  const signInFrom = (ip: string, email: string, password = PASSWORD, headers: Record<string, string> = {}) =>
    from(ip, headers).post('/api/auth/sign-in', { email, password });
  const failFrom = async (ip: string, email: string, times = 1) => {
    for (let i = 0; i < times; i++) expect((await signInFrom(ip, email, `Wrong-password-${i}`)).statusCode).toBe(401);
  };
  /** Wrong passwords from many addresses, one each: as many as the account-wide limit unless told. */
  const failEverywhere = async (email: string, times = PASSWORD_ACCOUNT_LIMIT.failures) => {
    const crowd = ++crowds;
    for (let i = 0; i < times; i++) await failFrom(`198.51.${crowd}.${i + 1}`, email);
  };

  it('locks an account after five wrong passwords for the address they came from, not for the person at another', async () => {
    const victim = await t.factories.staff(office);
    const attacker = newAddress();
    await failFrom(attacker, victim.email, PASSWORD_PAIR_LIMIT.failures);
    const locked = await signInFrom(attacker, victim.email, PASSWORD, { 'accept-language': 'pl' });
    expect(locked.statusCode).toBe(429);
    expect(locked.json().error).toMatchObject({ code: 'auth.throttled' });
    expect(locked.json().error.message).toMatch(/Odczekaj 15 min/);
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(14 * 60);
    expect((await signInFrom(newAddress(), victim.email)).statusCode).toBe(200);
    // The person's own success does not unlock the attacker's address.
    expect((await signInFrom(attacker, victim.email)).statusCode).toBe(429);
  });

  it('locks an account everywhere after fifty wrong passwords from many addresses, except where the person signed in before', async () => {
    const victim = await t.factories.staff(office);
    const home = newAddress();
    expect((await signInFrom(home, victim.email)).statusCode).toBe(200);
    await failEverywhere(victim.email);
    const elsewhere = await signInFrom(newAddress(), victim.email);
    expect(elsewhere.statusCode).toBe(429);
    expect(elsewhere.json().error.code).toBe('auth.throttled');
    expect(Number(elsewhere.headers['retry-after'])).toBeGreaterThan(0);
    // An e-mail nobody has is locked alike: the answer tells nothing about whether the account exists.
    await failEverywhere('nobody-at-all@example.test');
    expect((await signInFrom(newAddress(), 'nobody-at-all@example.test')).body).toBe(elsewhere.body);
    expect((await signInFrom(home, victim.email)).statusCode).toBe(200);
  });

  it('lets a client user in by an e-mailed code while their password is locked, from that very address', async () => {
    const company = await t.factories.company(office);
    const client = await t.factories.clientUser(company);
    const ip = newAddress();
    await failFrom(ip, client.email, PASSWORD_PAIR_LIMIT.failures);
    expect((await signInFrom(ip, client.email)).statusCode).toBe(429);
    expect((await from(ip).post('/api/auth/email-code', { email: client.email })).statusCode).toBe(202);
    const { code } = await emailedTo(t, office, client.email);
    const signedIn = await from(ip).post('/api/auth/email-code/verify', { email: client.email, code });
    expect(signedIn.statusCode).toBe(200);
    expect(signedIn.json()).toMatchObject({ kind: 'client', company: { id: company.id } });
  });

  it('lets a client user in by an e-mailed link while their account is locked everywhere', async () => {
    const company = await t.factories.company(office);
    const client = await t.factories.clientUser(company);
    await failEverywhere(client.email);
    const ip = newAddress();
    expect((await signInFrom(ip, client.email)).statusCode).toBe(429);
    expect((await from(ip).post('/api/auth/email-code', { email: client.email })).statusCode).toBe(202);
    const token = (await emailedTo(t, office, client.email)).link!.split('/sign-in/link/')[1]!;
    expect((await from(ip).post('/api/auth/email-code/verify', { token })).statusCode).toBe(200);
  });

  it('keeps the link of an e-mail working after wrong guesses from elsewhere voided its code', async () => {
    const company = await t.factories.company(office);
    const client = await t.factories.clientUser(company);
    const home = newAddress();
    expect((await from(home).post('/api/auth/email-code', { email: client.email })).statusCode).toBe(202);
    const { code, link } = await emailedTo(t, office, client.email);
    const guesser = newAddress();
    const wrong = code === '000000' ? '111111' : '000000';
    for (let i = 0; i < 5; i++)
      await from(guesser).post('/api/auth/email-code/verify', { email: client.email, code: wrong });
    expect(
      (await from(home).post('/api/auth/email-code/verify', { email: client.email, code })).json().error.code,
    ).toBe('auth.code_invalid');
    const token = link!.split('/sign-in/link/')[1]!;
    expect((await from(home).post('/api/auth/email-code/verify', { token })).statusCode).toBe(200);
  });

  it('lets staff in by a password reset while locked everywhere, and the completed reset opens the account at every address', async () => {
    const staff = await t.factories.staff(office);
    const attacker = newAddress();
    await failFrom(attacker, staff.email, PASSWORD_PAIR_LIMIT.failures);
    await failEverywhere(staff.email, PASSWORD_ACCOUNT_LIMIT.failures - PASSWORD_PAIR_LIMIT.failures);
    const ip = newAddress();
    expect((await signInFrom(ip, staff.email)).statusCode).toBe(429);
    expect((await from(ip).post('/api/auth/password-reset', { email: staff.email })).statusCode).toBe(202);
    const token = (await emailedTo(t, office, staff.email)).link!.split('/reset-password/')[1]!;
    const reset = await from(ip).post('/api/auth/password-reset/complete', { token, password: 'Nowe-Haslo-Zolw-77' });
    expect(reset.statusCode).toBe(200);
    expect((await signInFrom(newAddress(), staff.email, 'Nowe-Haslo-Zolw-77')).statusCode).toBe(200);
    expect((await signInFrom(attacker, staff.email, 'Nowe-Haslo-Zolw-77')).statusCode).toBe(200);
  });

  it('still locks an address after thirty wrong passwords, whatever the accounts', async () => {
    const ip = newAddress();
    for (let i = 0; i < PASSWORD_IP_LIMIT.failures; i++) await failFrom(ip, `guess-${i}@example.test`);
    const user = await t.factories.staff(office);
    const locked = await signInFrom(ip, user.email);
    expect(locked.statusCode).toBe(429);
    expect(locked.json().error.code).toBe('auth.throttled');
    expect((await signInFrom(newAddress(), user.email)).statusCode).toBe(200);
  });

  it('counts wrong e-mailed codes apart from wrong passwords', async () => {
    const company = await t.factories.company(office);
    const client = await t.factories.clientUser(company);
    const ip = newAddress();
    for (let i = 0; i < CODE_PAIR_LIMIT.failures; i++) {
      expect(
        (await from(ip).post('/api/auth/email-code/verify', { email: client.email, code: '000000' })).json().error.code,
      ).toBe('auth.code_invalid');
    }
    const locked = await from(ip).post('/api/auth/email-code/verify', { email: client.email, code: '000000' });
    expect(locked.statusCode).toBe(429);
    expect(locked.json().error.code).toBe('auth.throttled');
    expect((await signInFrom(ip, client.email)).statusCode).toBe(200);
    // And wrong passwords leave the codes alone: the code path was just locked by its own failures only.
    const other = await t.factories.clientUser(company);
    await failFrom(ip, other.email, PASSWORD_PAIR_LIMIT.failures);
    expect(
      (await from(ip).post('/api/auth/email-code/verify', { email: other.email, code: '000000' })).json().error.code,
    ).toBe('auth.code_invalid');
  });
});
