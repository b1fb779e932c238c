import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signIn, type TestOffice } from '../../../test/harness.js';
import { closedPort } from '../../../test/smtp-server.js';
import { startWorkers } from '../../workers.js';
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
    t = await createTestApp({
      SMTP_URL: `smtp://bureau:s3cret@127.0.0.1:${smtp.port}`,
      MAIL_FROM: 'Bureau <no-reply@biuro.test>',
    });
    office = await t.factories.office({ name: 'Biuro Rachunkowe Żółw' });
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
  });

  it('delivers a translated invitation e-mail to a real SMTP server through the job queue and marks it sent', async () => {
    const owner = await signIn(t.app, office.owner.email);
    const company = await t.factories.company(office, { name: 'Piekarnia Złoty Kłos' });
    const workers = await startWorkers(t.app.services, t.app.config);
    try {
      await owner.post(`/api/companies/${company.id}/users`, {
        name: 'Jan Kowalski',
        email: 'jan@piekarnia.pl',
        access: 'full',
        locale: 'pl',
      });
      await expect
        .poll(() => smtp.received.filter((m) => m.to.includes('jan@piekarnia.pl')).length, { timeout: 15_000 })
        .toBe(1);
    } finally {
      await workers.stop();
    }
    const mail = smtp.received.find((m) => m.to.includes('jan@piekarnia.pl'))!;
    expect(mail.from).toBe('no-reply@biuro.test');
    // The subject carries Polish diacritics, encoded per RFC 2047.
    expect(mail.data).toMatch(/^Subject: =\?UTF-8\?/m);
    expect(mail.data).toContain('Content-Language: pl');
    expect(mail.data).toMatch(/multipart\/alternative/);
    await expect
      .poll(async () =>
        (await owner.get('/api/outbox'))
          .json()
          .items.find((e: { toAddress: string }) => e.toAddress === 'jan@piekarnia.pl'),
      )
      .toMatchObject({
        status: 'sent',
        subject: `${office.owner.name} zaprasza Cię do portalu klienta Biuro Rachunkowe Żółw`,
      });
  });

  it('retries an e-mail while the server cannot be reached, fails a refused login or recipient at once, and an admin sends a failed one again', async () => {
    const owner = await signIn(t.app, office.owner.email);
    const company = await t.factories.company(office);
    await owner.post(`/api/companies/${company.id}/users`, {
      name: 'Gone',
      email: 'gone@example.test',
      access: 'full',
    });
    await owner.post(`/api/companies/${company.id}/users`, {
      name: 'Later',
      email: 'later@example.test',
      access: 'full',
    });
    const find = async (to: string) =>
      (await owner.get('/api/outbox')).json().items.find((e: { toAddress: string }) => e.toAddress === to);
    const later = await find('later@example.test');
    const gone = await find('gone@example.test');
    const delivery = (url: string) =>
      new MailDelivery(t.db, t.app.services.secrets, {
        smtpUrl: url,
        from: 'no-reply@biuro.test',
        guard: t.app.services.outbound,
      });

    // A server that cannot be reached may come back: the attempt throws (the queue retries with back-off), the e-mail waits.
    const down = delivery(`smtp://bureau:s3cret@127.0.0.1:${await closedPort()}`);
    await expect(down.deliver({ officeId: office.id, emailId: later.id }, false)).rejects.toThrow(/ECONNREFUSED/);
    down.close();
    expect(await find('later@example.test')).toMatchObject({
      status: 'pending',
      lastError: expect.stringMatching(/ECONNREFUSED/),
    });

    // A refused login (535) will refuse every attempt until someone fixes the settings: failed at once.
    const badLogin = delivery(`smtp://bureau:wrong@127.0.0.1:${smtp.port}`);
    expect(await badLogin.deliver({ officeId: office.id, emailId: later.id }, false)).toBe('failed');
    badLogin.close();
    expect(await find('later@example.test')).toMatchObject({
      status: 'failed',
      lastError: expect.stringMatching(/535 Invalid username or password/),
    });
    expect((await owner.post(`/api/outbox/${later.id}/retry`)).statusCode).toBe(204);

    const good = delivery(`smtp://bureau:s3cret@127.0.0.1:${smtp.port}`);
    expect(await good.deliver({ officeId: office.id, emailId: later.id }, false)).toBe('sent');
    // The same job run twice (a retry after a crash) sends nothing more.
    expect(await good.deliver({ officeId: office.id, emailId: later.id }, false)).toBe('skipped');
    // A refused recipient will not get better: failed at once, no retry.
    expect(await good.deliver({ officeId: office.id, emailId: gone.id }, false)).toBe('failed');
    good.close();
    expect(await find('later@example.test')).toMatchObject({ status: 'sent' });
    expect(await find('gone@example.test')).toMatchObject({
      status: 'failed',
      lastError: expect.stringMatching(/No such mailbox/),
    });
    expect(smtp.received.filter((m) => m.to.includes('later@example.test'))).toHaveLength(1);

    // Only a failed e-mail can be sent again; the admin's retry queues a new delivery job.
    expect((await owner.post(`/api/outbox/${later.id}/retry`)).json().error).toMatchObject({
      code: 'outbox.not_retryable',
    });
    expect((await owner.post(`/api/outbox/${gone.id}/retry`)).statusCode).toBe(204);
    expect(await find('gone@example.test')).toMatchObject({ status: 'pending' });
  });
});

describe('e-mail without SMTP', () => {
  it('keeps e-mails in the outbox that office admins read in the app, with the links that let their addressee in hidden', async () => {
    const t = await createTestApp();
    try {
      const office = await t.factories.office();
      const owner = await signIn(t.app, office.owner.email);
      await owner.post('/api/staff', {
        name: 'Élodie Martin',
        email: 'elodie@cabinet.fr',
        role: 'employee',
        specialties: ['payroll'],
        locale: 'fr',
      });
      const item = (await owner.get('/api/outbox')).json().items[0];
      expect(item).toMatchObject({
        status: 'stored',
        toAddress: 'elodie@cabinet.fr',
        subject: `${office.owner.name} vous invite à rejoindre l'équipe de ${office.name}`,
      });
      const full = (await owner.get(`/api/outbox/${item.id}`)).json();
      expect(full.htmlBody).toContain('Accepter l&#39;invitation');
      expect(full.textBody).toContain('http://localhost:3000/invite/[hidden]');
      expect(full.textBody).not.toMatch(/\/invite\/[\w-]{43}/);
      expect((await t.mailbox('elodie@cabinet.fr'))!.text).toMatch(/http:\/\/localhost:3000\/invite\/[\w-]{43}/);
    } finally {
      await t.close();
    }
  });
});
