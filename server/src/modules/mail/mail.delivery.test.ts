import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signIn, type TestOffice } from '../../../test/harness.js';
import { MailDelivery } from './mail.delivery.js';

type Received = { from: string; to: string[]; data: string };

/** A real SMTP server on loopback that requires a login and keeps what it receives. */
async function startSmtp(options: { rejectRecipient?: string } = {}) {
  const received: Received[] = [];
  const server = new SMTPServer({
    authOptional: false,
    allowInsecureAuth: true,
    disabledCommands: ['STARTTLS'],
    onAuth(auth, _session, callback) {
      if (auth.username === 'bureau' && auth.password === 's3cret') return callback(null, { user: 'bureau' });
      return callback(new Error('Invalid username or password'));
    },
    onRcptTo(address, _session, callback) {
      if (address.address === options.rejectRecipient) {
        const err = new Error('No such mailbox') as Error & { responseCode: number };
        err.responseCode = 550;
        return callback(err);
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          data: Buffer.concat(chunks).toString('utf8'),
        });
        callback();
      });
    },
  });
  server.listen(0, '127.0.0.1');
  await once(server.server, 'listening');
  const port = (server.server.address() as AddressInfo).port;
  return { received, port, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

describe('e-mail delivery over SMTP', () => {
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let t: Awaited<ReturnType<typeof createTestApp>>;
  let office: TestOffice;

  beforeAll(async () => {
    smtp = await startSmtp({ rejectRecipient: 'gone@example.test' });
    t = await createTestApp({ SMTP_URL: `smtp://bureau:s3cret@127.0.0.1:${smtp.port}` });
    office = await t.factories.office({ name: 'Biuro Rachunkowe Żółw' });
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
  });

  it('delivers a translated set-password e-mail to a real SMTP server and marks it sent', async () => {
    const owner = await signIn(t.app, office.owner.email);
    const company = await t.factories.company(office, { name: 'Piekarnia Złoty Kłos' });
    await owner.post(`/api/companies/${company.id}/users`, { name: 'Jan Kowalski', email: 'jan@piekarnia.pl', access: 'full', locale: 'pl' });
    const delivery = new MailDelivery(t.db, `smtp://bureau:s3cret@127.0.0.1:${smtp.port}`, 'Bureau <no-reply@biuro.test>', { warn: () => {} });
    expect(await delivery.deliverDue()).toBeGreaterThanOrEqual(1);
    await delivery.stop();
    const mail = smtp.received.find((m) => m.to.includes('jan@piekarnia.pl'))!;
    expect(mail.from).toBe('no-reply@biuro.test');
    // The subject carries Polish diacritics, encoded per RFC 2047.
    expect(mail.data).toMatch(/^Subject: =\?UTF-8\?/m);
    expect(mail.data).toContain('Content-Language: pl');
    expect(mail.data).toMatch(/multipart\/alternative/);
    const outbox = (await owner.get('/api/outbox')).json().items;
    expect(outbox.find((e: { toAddress: string }) => e.toAddress === 'jan@piekarnia.pl')).toMatchObject({
      status: 'sent',
      subject: 'Biuro Rachunkowe Żółw zaprasza do portalu klienta',
    });
  });

  it('retries later when the server refuses the login, and gives up on a refused recipient', async () => {
    const owner = await signIn(t.app, office.owner.email);
    const company = await t.factories.company(office);
    await owner.post(`/api/companies/${company.id}/users`, { name: 'Gone', email: 'gone@example.test', access: 'full' });
    await owner.post(`/api/companies/${company.id}/users`, { name: 'Later', email: 'later@example.test', access: 'full' });
    const badLogin = new MailDelivery(t.db, `smtp://bureau:wrong@127.0.0.1:${smtp.port}`, 'no-reply@biuro.test', { warn: () => {} });
    expect(await badLogin.deliverDue()).toBe(0);
    await badLogin.stop();
    let items = (await owner.get('/api/outbox')).json().items;
    expect(items.find((e: { toAddress: string }) => e.toAddress === 'later@example.test')).toMatchObject({ status: 'pending' });
    expect(items.find((e: { toAddress: string }) => e.toAddress === 'later@example.test').lastError).toMatch(/Invalid username or password/);

    // Make the retry due now, then deliver with the right login.
    await t.db.inTenant({ officeId: office.id }, (tx) => tx.execute(`UPDATE outbox_emails SET next_attempt_at = now()`));
    const good = new MailDelivery(t.db, `smtp://bureau:s3cret@127.0.0.1:${smtp.port}`, 'no-reply@biuro.test', { warn: () => {} });
    await good.deliverDue();
    await good.stop();
    items = (await owner.get('/api/outbox')).json().items;
    expect(items.find((e: { toAddress: string }) => e.toAddress === 'later@example.test').status).toBe('sent');
    expect(items.find((e: { toAddress: string }) => e.toAddress === 'gone@example.test')).toMatchObject({ status: 'failed' });
    expect(smtp.received.filter((m) => m.to.includes('later@example.test'))).toHaveLength(1);
  });
});

describe('e-mail without SMTP', () => {
  it('keeps e-mails in the outbox that office admins read in the app', async () => {
    const t = await createTestApp();
    try {
      const office = await t.factories.office();
      const owner = await signIn(t.app, office.owner.email);
      await owner.post('/api/staff', { name: 'Élodie Martin', email: 'elodie@cabinet.fr', role: 'employee', specialties: ['payroll'], locale: 'fr' });
      const item = (await owner.get('/api/outbox')).json().items[0];
      expect(item).toMatchObject({ status: 'stored', toAddress: 'elodie@cabinet.fr', subject: `${office.name} vous invite sur son portail client` });
      const full = (await owner.get(`/api/outbox/${item.id}`)).json();
      expect(full.htmlBody).toContain('Définir mon mot de passe');
      expect(full.textBody).toMatch(/http:\/\/localhost:3000\/set-password\/[\w-]{43}/);
    } finally {
      await t.close();
    }
  });
});
