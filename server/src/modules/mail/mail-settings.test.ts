// The office's own SMTP sender, against real SMTP servers started here: plain, STARTTLS and TLS,
// all requiring a login; certificates made by openssl and trusted through SMTP_CA_FILE. The servers
// are on loopback, which the operator allows here (OUTBOUND_ALLOW_PRIVATE); the last tests run an
// instance without it, where an office cannot reach them.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { officeMailSettings } from '../../db/schema.js';
import { createTestApp, signIn, type Session, type TestOffice } from '../../../test/harness.js';
import { closedPort, makeCertificate, startSilentServer, startSmtp } from '../../../test/smtp-server.js';
import type { Actor } from '../identity/actor.js';
import { startWorkers } from '../../workers.js';
import { MailSettingsService } from './mail-settings.service.js';

type TestApp = Awaited<ReturnType<typeof createTestApp>>;
type Smtp = Awaited<ReturnType<typeof startSmtp>>;

const trusted = makeCertificate();
const untrusted = makeCertificate();
afterAll(() => {
  trusted.remove();
  untrusted.remove();
});

const settingsFor = (smtp: Smtp, security: 'tls' | 'starttls' | 'none', extra: Record<string, unknown> = {}) => ({
  host: '127.0.0.1',
  port: smtp.port,
  security,
  username: 'bureau',
  password: 's3cret',
  fromAddress: 'biuro@zolw.pl',
  fromName: 'Biuro Rachunkowe Żółw',
  ...extra,
});

const sealedPassword = async (t: TestApp, officeId: string) => {
  const [row] = await t.db.inTenant({ officeId }, (tx) =>
    tx.select().from(officeMailSettings).where(eq(officeMailSettings.officeId, officeId)),
  );
  return row?.passwordSealed;
};

describe('office SMTP settings', () => {
  let t: TestApp;
  let office: TestOffice;
  let owner: Session;
  let starttls: Smtp;
  let plain: Smtp;
  let implicitTls: Smtp;

  beforeAll(async () => {
    [starttls, plain, implicitTls] = await Promise.all([
      startSmtp({ security: 'starttls', certificate: trusted, refuseSender: 'blocked@zolw.pl' }),
      startSmtp({ security: 'none' }),
      startSmtp({ security: 'tls', certificate: trusted }),
    ]);
    t = await createTestApp({ SMTP_CA_FILE: trusted.certFile, OUTBOUND_ALLOW_PRIVATE: 'true' });
    office = await t.factories.office({ name: 'Biuro Rachunkowe Żółw' });
    owner = await signIn(t.app, office.owner.email);
  });
  afterAll(async () => {
    await t.close();
    await Promise.all([starttls.close(), plain.close(), implicitTls.close()]);
  });

  it('seals the password at rest, never answers it, keeps it when left out for the same server, and audits changes without it', async () => {
    expect((await owner.get('/api/office/mail-settings')).json()).toEqual({ settings: null, instanceSmtp: false });
    const saved = await owner.put(
      '/api/office/mail-settings',
      settingsFor(starttls, 'starttls', { password: 'Hasło-Żółw-42' }),
    );
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({
      host: '127.0.0.1',
      security: 'starttls',
      username: 'bureau',
      hasPassword: true,
      fromAddress: 'biuro@zolw.pl',
      verifiedAt: null,
    });
    expect(saved.body).not.toContain('Hasło');

    const sealed = await sealedPassword(t, office.id);
    expect(sealed).toMatch(/^v1:/);
    expect(sealed).not.toContain('Hasło');
    expect(t.app.services.secrets.open(sealed!)).toBe('Hasło-Żółw-42');
    const read = await owner.get('/api/office/mail-settings');
    expect(read.json().settings).not.toHaveProperty('password');
    expect(read.json().settings).not.toHaveProperty('passwordSealed');
    expect(read.body).not.toContain(sealed!);

    // Left out: the saved password stays (another field changed).
    const { password: _omit, ...withoutPassword } = settingsFor(starttls, 'starttls', { fromName: 'Biuro Żółw' });
    expect((await owner.put('/api/office/mail-settings', withoutPassword)).json()).toMatchObject({
      hasPassword: true,
      fromName: 'Biuro Żółw',
    });
    expect(await sealedPassword(t, office.id)).toBe(sealed);
    // …but never for another host: the saved password must not travel to a server of someone's choice.
    const moved = await owner.put('/api/office/mail-settings', { ...withoutPassword, host: 'smtp.elsewhere.example' });
    expect(moved.statusCode).toBe(400);
    expect(moved.json().error.fields).toEqual({
      password: 'Enter the password again: it is kept only for the same server.',
    });

    const audit = (await owner.get('/api/audit?action=office.mail_settings_updated')).json();
    expect(audit.items).toHaveLength(2);
    expect(audit.items[1]).toMatchObject({
      before: null,
      after: { host: '127.0.0.1', hasPassword: true, passwordChanged: true },
    });
    expect(JSON.stringify(audit)).not.toContain('Hasło');
    expect(JSON.stringify(audit)).not.toContain(sealed!);
  });

  it('refuses malformed hosts and addresses with translated field errors', async () => {
    const polish = await signIn(t.app, office.owner.email, undefined, { 'accept-language': 'pl' });
    await polish.patch('/api/me', { locale: 'pl' });
    try {
      const res = await polish.put(
        '/api/office/mail-settings',
        settingsFor(starttls, 'starttls', { host: 'smtp://mail.example.com:587', fromAddress: 'biuro@@zolw' }),
      );
      expect(res.statusCode).toBe(400);
      expect(res.json().error.fields).toEqual({
        host: 'Wpisz nazwę serwera, np. smtp.example.com, bez smtp:// i bez portu.',
        fromAddress: expect.stringMatching(/^Wpisz adres e-mail/),
      });
      const port = await polish.put('/api/office/mail-settings', settingsFor(starttls, 'starttls', { port: 70000 }));
      expect(port.json().error.fields).toHaveProperty('port');
      const to = await polish.post('/api/office/mail-settings/test', { to: 'anna(at)example.com' });
      expect(to.json().error).toMatchObject({
        code: 'validation',
        fields: { to: expect.stringMatching(/^Wpisz adres e-mail/) },
      });
    } finally {
      await polish.patch('/api/me', { locale: 'en' });
    }
  });

  it("sends a translated test message over STARTTLS with the office's From, and records the verification", async () => {
    expect((await owner.put('/api/office/mail-settings', settingsFor(starttls, 'starttls'))).statusCode).toBe(200);
    await owner.patch('/api/me', { locale: 'fr' });
    try {
      const res = await owner.post('/api/office/mail-settings/test', { to: 'Anna@Example.test' });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toEqual({ to: 'anna@example.test' });
    } finally {
      await owner.patch('/api/me', { locale: 'en' });
    }
    const mail = starttls.received.find((m) => m.to.includes('anna@example.test'))!;
    expect(mail).toMatchObject({ from: 'biuro@zolw.pl', secure: true });
    expect(mail.data).toMatch(/^From: =\?UTF-8\?.*<biuro@zolw\.pl>/m);
    expect(mail.data).toContain('Content-Language: fr');
    expect(mail.data).toContain('Ceci est un message de test');
    const settings = (await owner.get('/api/office/mail-settings')).json().settings;
    expect(settings.lastError).toBeNull();
    expect(Date.now() - new Date(settings.verifiedAt).getTime()).toBeLessThan(60_000);
  });

  it('sends the test through plain SMTP and implicit TLS too, with the values of the form before they are saved', async () => {
    for (const [smtp, security] of [
      [plain, 'none'],
      [implicitTls, 'tls'],
    ] as const) {
      const res = await owner.post('/api/office/mail-settings/test', {
        to: `${security}@example.test`,
        settings: settingsFor(smtp, security),
      });
      expect(res.statusCode, res.body).toBe(200);
      expect(smtp.received.find((m) => m.to.includes(`${security}@example.test`))).toMatchObject({
        from: 'biuro@zolw.pl',
        secure: security === 'tls',
      });
    }
    // Values not saved say nothing about the saved settings.
    expect((await owner.get('/api/office/mail-settings')).json().settings).toMatchObject({
      security: 'starttls',
      port: starttls.port,
    });
  });

  it('answers a refused login with a clear error and keeps it as the last error of the saved settings', async () => {
    expect(
      (await owner.put('/api/office/mail-settings', settingsFor(starttls, 'starttls', { password: 'wrong' })))
        .statusCode,
    ).toBe(200);
    const res = await owner.post('/api/office/mail-settings/test', { to: 'anna@example.test' });
    expect(res.statusCode).toBe(422);
    expect(res.json().error).toMatchObject({
      code: 'mailSettings.auth_failed',
      message: expect.stringMatching(/^127\.0\.0\.1 refused the login: check the user name and the password\. \(.*535/),
    });
    expect((await owner.get('/api/office/mail-settings')).json().settings).toMatchObject({
      lastError: expect.stringMatching(/535 Invalid username or password/),
    });
    // Fixed: the next test succeeds and clears it.
    await owner.put('/api/office/mail-settings', settingsFor(starttls, 'starttls'));
    expect((await owner.post('/api/office/mail-settings/test', { to: 'anna@example.test' })).statusCode).toBe(200);
    expect((await owner.get('/api/office/mail-settings')).json().settings).toMatchObject({
      lastError: null,
      verifiedAt: expect.any(String),
    });
  });

  it('classifies the other failures: refused sender, untrusted certificate, closed port, unknown host, no greeting', async () => {
    const test = async (settings: Record<string, unknown>) =>
      (await owner.post('/api/office/mail-settings/test', { to: 'anna@example.test', settings })).json().error;
    expect(await test(settingsFor(starttls, 'starttls', { fromAddress: 'blocked@zolw.pl' }))).toMatchObject({
      code: 'mailSettings.sender_refused',
      message: expect.stringMatching(/553/),
    });

    const foreign = await startSmtp({ security: 'starttls', certificate: untrusted });
    try {
      expect(await test(settingsFor(foreign, 'starttls'))).toMatchObject({
        code: 'mailSettings.tls_failed',
        message: expect.stringMatching(/certificate/),
      });
    } finally {
      await foreign.close();
    }
    // STARTTLS is required when chosen: a server that does not offer it is not sent the password in clear.
    expect(await test(settingsFor(plain, 'starttls'))).toMatchObject({ code: 'mailSettings.tls_failed' });
    expect(await test(settingsFor(plain, 'tls'))).toMatchObject({ code: 'mailSettings.tls_failed' });
    expect(await test({ ...settingsFor(starttls, 'starttls'), port: await closedPort() })).toMatchObject({
      code: 'mailSettings.connection_refused',
      message: expect.stringMatching(/ECONNREFUSED/),
    });
    expect(await test({ ...settingsFor(starttls, 'starttls'), host: 'smtp.bureau-test.invalid' })).toMatchObject({
      code: 'mailSettings.host_not_found',
    });

    // A server that never greets: the test gives up within its time (a short one here).
    const silent = await startSilentServer();
    try {
      const actor = (await t.app.services.sessions.resolve(owner.cookie!.split('=')[1]!, {
        ip: null,
        userAgent: null,
        requestId: null,
        locale: 'en',
      })) as Actor;
      const quick = new MailSettingsService(t.db, t.app.services.secrets, {
        instanceSmtp: false,
        testTimeoutMs: 600,
        guard: t.app.services.outbound,
      });
      const started = Date.now();
      await expect(
        quick.test(actor, {
          to: 'anna@example.test',
          settings: { ...settingsFor(starttls, 'starttls'), port: silent.port } as never,
        }),
      ).rejects.toMatchObject({
        code: 'mailSettings.timeout',
      });
      expect(Date.now() - started).toBeLessThan(5_000);
    } finally {
      await silent.close();
    }
  });

  it('removes the settings (back to the default) and audits it', async () => {
    expect((await owner.delete('/api/office/mail-settings')).statusCode).toBe(204);
    expect((await owner.get('/api/office/mail-settings')).json().settings).toBeNull();
    expect(await sealedPassword(t, office.id)).toBeUndefined();
    expect((await owner.delete('/api/office/mail-settings')).statusCode).toBe(204);
    expect((await owner.post('/api/office/mail-settings/test', { to: 'anna@example.test' })).json().error.code).toBe(
      'mailSettings.not_configured',
    );
    const removed = (await owner.get('/api/audit?action=office.mail_settings_removed')).json().items;
    expect(removed).toHaveLength(1);
    expect(removed[0]).toMatchObject({ before: { host: '127.0.0.1' }, after: null });
  });
});

describe('delivery through the office SMTP settings', () => {
  let instance: Smtp;
  let officeSmtp: Smtp;
  let otherSmtp: Smtp;

  beforeAll(async () => {
    [instance, officeSmtp, otherSmtp] = await Promise.all([
      startSmtp({ security: 'none', username: 'instance', password: 'instance-pass' }),
      startSmtp({ security: 'starttls', certificate: trusted }),
      startSmtp({ security: 'none', username: 'other', password: 'other-pass' }),
    ]);
  });
  afterAll(() => Promise.all([instance.close(), officeSmtp.close(), otherSmtp.close()]));

  const addColleague = async (owner: Session, email: string) =>
    expect(
      (
        await owner.post('/api/staff', {
          name: 'Élodie Martin',
          email,
          role: 'employee',
          specialties: [],
          locale: 'fr',
        })
      ).statusCode,
    ).toBe(201);
  const outboxItem = async (owner: Session, to: string) =>
    (await owner.get('/api/outbox')).json().items.find((e: { toAddress: string }) => e.toAddress === to);

  it("sends through the office's own server rather than SMTP_URL's, follows new settings without a restart, and falls back when they are removed", async () => {
    const t = await createTestApp({
      SMTP_URL: `smtp://instance:instance-pass@127.0.0.1:${instance.port}`,
      MAIL_FROM: 'Bureau <no-reply@bureau.test>',
      SMTP_CA_FILE: trusted.certFile,
      OUTBOUND_ALLOW_PRIVATE: 'true',
    });
    const workers = await startWorkers(t.app.services, t.app.config);
    try {
      const office = await t.factories.office();
      const neighbour = await t.factories.office();
      const owner = await signIn(t.app, office.owner.email);
      const neighbourOwner = await signIn(t.app, neighbour.owner.email);
      expect((await owner.get('/api/office/mail-settings')).json()).toEqual({ settings: null, instanceSmtp: true });
      await owner.put('/api/office/mail-settings', settingsFor(officeSmtp, 'starttls'));

      await addColleague(owner, 'own@cabinet.fr');
      await addColleague(neighbourOwner, 'neighbour@cabinet.fr');
      await expect
        .poll(() => officeSmtp.received.filter((m) => m.to.includes('own@cabinet.fr')).length, { timeout: 15_000 })
        .toBe(1);
      await expect
        .poll(() => instance.received.filter((m) => m.to.includes('neighbour@cabinet.fr')).length, { timeout: 15_000 })
        .toBe(1);
      expect(officeSmtp.received.find((m) => m.to.includes('own@cabinet.fr'))).toMatchObject({
        from: 'biuro@zolw.pl',
        secure: true,
      });
      expect(instance.received.find((m) => m.to.includes('neighbour@cabinet.fr'))!.from).toBe('no-reply@bureau.test');
      expect(instance.received.some((m) => m.to.includes('own@cabinet.fr'))).toBe(false);
      await expect.poll(async () => (await outboxItem(owner, 'own@cabinet.fr'))?.status).toBe('sent');

      // Saved settings count for the next e-mail, with the workers still running.
      await owner.put(
        '/api/office/mail-settings',
        settingsFor(otherSmtp, 'none', { username: 'other', password: 'other-pass', fromAddress: 'kontakt@zolw.pl' }),
      );
      await addColleague(owner, 'second@cabinet.fr');
      await expect
        .poll(() => otherSmtp.received.filter((m) => m.to.includes('second@cabinet.fr')).length, { timeout: 15_000 })
        .toBe(1);
      expect(otherSmtp.received.find((m) => m.to.includes('second@cabinet.fr'))!.from).toBe('kontakt@zolw.pl');

      // Removed: back to the instance's server.
      await owner.delete('/api/office/mail-settings');
      await addColleague(owner, 'third@cabinet.fr');
      await expect
        .poll(() => instance.received.filter((m) => m.to.includes('third@cabinet.fr')).length, { timeout: 15_000 })
        .toBe(1);
    } finally {
      await workers.stop();
      await t.close();
    }
  });

  it('keeps e-mail in the in-app outbox without any SMTP; with its own settings an office sends, and a refused login fails until fixed and retried', async () => {
    const t = await createTestApp({ SMTP_CA_FILE: trusted.certFile, OUTBOUND_ALLOW_PRIVATE: 'true' });
    const workers = await startWorkers(t.app.services, t.app.config);
    try {
      const office = await t.factories.office();
      const owner = await signIn(t.app, office.owner.email);
      await addColleague(owner, 'stored@cabinet.fr');
      expect(await outboxItem(owner, 'stored@cabinet.fr')).toMatchObject({ status: 'stored' });

      await owner.put('/api/office/mail-settings', settingsFor(officeSmtp, 'starttls', { password: 'wrong' }));
      await addColleague(owner, 'refused@cabinet.fr');
      // A refused login is not retried by the queue: failed at once, with the server's words, in the outbox and the settings.
      await expect
        .poll(async () => (await outboxItem(owner, 'refused@cabinet.fr'))?.status, { timeout: 15_000 })
        .toBe('failed');
      const failed = await outboxItem(owner, 'refused@cabinet.fr');
      expect(failed.lastError).toMatch(/535 Invalid username or password/);
      expect((await owner.get('/api/office/mail-settings')).json().settings.lastError).toMatch(/535/);

      await owner.put('/api/office/mail-settings', settingsFor(officeSmtp, 'starttls'));
      expect((await owner.post(`/api/outbox/${failed.id}/retry`)).statusCode).toBe(204);
      t.app.services.jobs.nudge('email');
      await expect
        .poll(() => officeSmtp.received.filter((m) => m.to.includes('refused@cabinet.fr')).length, { timeout: 15_000 })
        .toBe(1);
      await expect.poll(async () => (await outboxItem(owner, 'refused@cabinet.fr'))?.status).toBe('sent');
      // Nothing lost, nothing doubled; the stored one stays for the admins to read.
      expect(officeSmtp.received.filter((m) => m.to.includes('refused@cabinet.fr'))).toHaveLength(1);
      expect(await outboxItem(owner, 'stored@cabinet.fr')).toMatchObject({ status: 'stored' });
    } finally {
      await workers.stop();
      await t.close();
    }
  });
});

describe('office SMTP servers on a local or private network, where the operator has not allowed them', () => {
  let t: TestApp;
  let office: TestOffice;
  let owner: Session;
  let open: Smtp;

  beforeAll(async () => {
    open = await startSmtp({ security: 'none' });
    t = await createTestApp({ SMTP_CA_FILE: trusted.certFile });
    office = await t.factories.office({ name: 'Biuro Rachunkowe Żółw' });
    owner = await signIn(t.app, office.owner.email);
  });
  afterAll(async () => {
    await t.close();
    await open.close();
  });

  const test = async (settings: Record<string, unknown>) =>
    (await owner.post('/api/office/mail-settings/test', { to: 'anna@example.test', settings })).json().error;

  it('gives the same translated refusal for an open and a closed port, and never connects', async () => {
    const byOpen = await test(settingsFor(open, 'none'));
    const byClosed = await test({ ...settingsFor(open, 'none'), port: await closedPort() });
    expect(byOpen).toEqual({
      code: 'mailSettings.address_not_allowed',
      message:
        "127.0.0.1 is on a local or private network this portal may not connect to. Use your mail provider's public server.",
    });
    expect(byClosed).toEqual(byOpen);
    expect(open.received).toHaveLength(0);
  });

  it('refuses a name resolving to loopback, a private network and the metadata service alike', async () => {
    for (const host of ['localhost', '10.0.0.1', '169.254.169.254', '100.64.0.1', '::ffff:127.0.0.1', '::1']) {
      const error = await test({ ...settingsFor(open, 'none'), host });
      expect(error, host).toMatchObject({
        code: 'mailSettings.address_not_allowed',
        message: expect.stringContaining(`${host} is on a local or private network`),
      });
    }
    expect(open.received).toHaveLength(0);
  });

  it('fails delivery through such saved settings for good, and shows why on the settings page', async () => {
    expect((await owner.put('/api/office/mail-settings', settingsFor(open, 'none'))).statusCode).toBe(200);
    expect(
      (
        await owner.post('/api/staff', {
          name: 'Élodie Martin',
          email: 'elodie@zolw.pl',
          role: 'employee',
          specialties: [],
          locale: 'fr',
        })
      ).statusCode,
    ).toBe(201);
    const workers = await startWorkers(t.app.services, t.app.config);
    try {
      await expect
        .poll(async () => (await owner.get('/api/office/mail-settings')).json().settings.lastError as string | null, {
          timeout: 20_000,
        })
        .toBe('127.0.0.1: this address is not allowed (a local or private network)');
    } finally {
      await workers.stop();
      await t.app.services.jobs.start();
    }
    expect(open.received).toHaveLength(0);
  });
});
