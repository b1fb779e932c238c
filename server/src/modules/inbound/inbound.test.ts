import { randomUUID } from 'node:crypto';
import net from 'node:net';
import nodemailer from 'nodemailer';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestApp,
  signIn,
  type Session,
  type TestCompany,
  type TestOffice,
  type TestUser,
} from '../../../test/harness.js';
import { Database } from '../../db/database.js';
import { replyTokenFor } from './inbound.repository.js';
import { startInboundListener, type InboundListener } from './inbound.smtp.js';
import { InboundService } from './inbound.service.js';
import { replyText } from './reply-text.js';

const DOMAIN = 'reply.biuro-zolw.test';
const silent = { info: () => {}, warn: () => {}, error: () => {} };

/** Talks SMTP over a raw socket (for input nodemailer would never produce); returns each answer's first line. */
async function rawSmtp(port: number, steps: (string | (() => Promise<void>))[]): Promise<string[]> {
  const socket = net.connect(port, '127.0.0.1');
  let buffer = '';
  const waiters: ((line: string) => void)[] = [];
  const answers: string[] = [];
  socket.on('data', (data) => {
    buffer += data.toString('utf8');
    for (;;) {
      // A reply ends with a line "NNN text" (not "NNN-text").
      const match = /^(\d{3}) [^\r\n]*\r\n/m.exec(buffer);
      if (!match) break;
      buffer = buffer.slice(match.index + match[0].length);
      waiters.shift()?.(match[0].trim());
    }
  });
  const next = () => new Promise<string>((resolve) => waiters.push(resolve));
  await new Promise((resolve) => socket.once('connect', resolve));
  answers.push(await next());
  for (const step of steps) {
    if (typeof step === 'function') {
      await step();
      continue;
    }
    const answer = next();
    socket.write(step);
    answers.push(await answer);
  }
  socket.end();
  return answers;
}

describe('reply by e-mail', () => {
  let t: Awaited<ReturnType<typeof createTestApp>>;
  let office: TestOffice;
  let company: TestCompany;
  let accountant: TestUser;
  let client: TestUser;
  let owner: Session;
  let accountantBrowser: Session;
  let listener: InboundListener;
  let accounting: string;

  beforeAll(async () => {
    t = await createTestApp({ INBOUND_SMTP_PORT: '0', REPLY_DOMAIN: DOMAIN, INBOUND_MAX_MB: '1' });
    office = await t.factories.office({ name: 'Biuro Rachunkowe Żółw' });
    company = await t.factories.company(office, { name: 'Piekarnia Złoty Kłos' });
    accountant = await t.factories.staff(office, { specialties: ['accounting'] });
    await t.factories.assign(company, accountant, 'accounting');
    client = await t.factories.clientUser(company, { access: 'full', name: 'Jan Kowalski' });
    owner = await signIn(t.app, office.owner.email);
    accountantBrowser = await signIn(t.app, accountant.email);
    accounting = ((await owner.get('/api/channels')).json().items as { id: string; key: string }[]).find(
      (c) => c.key === 'accounting',
    )!.id;
    listener = await startInboundListener({
      host: '127.0.0.1',
      port: 0,
      maxBytes: t.app.config.inboundMaxBytes,
      inbound: t.app.services.inbound,
      log: silent,
    });
  });
  afterAll(async () => {
    await listener?.stop();
    await t.close();
  });

  const smtp = () =>
    nodemailer.createTransport({ host: '127.0.0.1', port: listener.port, secure: false, ignoreTLS: true });
  /** A conversation the accountant started with the company, and the client's reply address from its digest e-mail. */
  async function conversationWithReplyAddress(subject: string) {
    const conversation = (
      await accountantBrowser.post('/api/conversations', {
        clientId: randomUUID(),
        companyId: company.id,
        channelId: accounting,
        visibility: 'company',
        subject,
        body: 'Proszę o wyciągi za listopad.',
      })
    ).json();
    const [first] = (await accountantBrowser.get(`/api/conversations/${conversation.id}/messages`)).json().items;
    await t.app.services.notifications.handleMessage({
      officeId: office.id,
      messageId: first.id,
      kind: 'conversation',
    });
    // The office's delay passes: the unread digest goes out.
    await t.db.inTenant({ officeId: office.id }, (tx) =>
      tx.execute(
        `UPDATE notifications SET created_at = now() - interval '16 minutes' WHERE conversation_id = '${conversation.id}'`,
      ),
    );
    await t.app.services.notifications.sendDigest({ officeId: office.id, userId: client.id });
    const mail = (
      await t.db.inTenant({ officeId: office.id }, (tx) =>
        tx.execute<{ headers: Record<string, string>; text_body: string }>(
          `SELECT headers, text_body FROM outbox_emails WHERE to_address = '${client.email}' AND template = 'unread_digest' AND text_body LIKE '%${subject}%'`,
        ),
      )
    ).rows[0]!;
    return { conversationId: conversation.id as string, replyTo: mail.headers['Reply-To']!, mail };
  }
  const thread = async (conversationId: string) =>
    (await accountantBrowser.get(`/api/conversations/${conversationId}/messages`)).json().items as {
      body: string;
      author: { id: string };
      attachments: { name: string; mime: string }[];
    }[];
  const inboundRows = async () =>
    (await owner.get('/api/inbound-emails')).json().items as {
      fromAddress: string;
      status: string;
      reason: string | null;
      conversationId: string | null;
      subject: string | null;
    }[];

  it('gives each notified person a reply address, and says so in the e-mail', async () => {
    const { replyTo, mail } = await conversationWithReplyAddress('Wyciągi za listopad');
    expect(replyTo).toMatch(new RegExp(`^reply\\+[0-9a-f]{32}@${DOMAIN.replaceAll('.', '\\.')}$`));
    expect(mail.text_body).toContain('You can answer this e-mail to reply in the conversation');
    expect(mail.headers['List-Unsubscribe']).toBeTruthy();
    // The same person and conversation keep their address.
    const again = await t.db.inTenant({ officeId: office.id }, (tx) =>
      tx.execute(`SELECT count(*)::int AS n FROM reply_addresses WHERE user_id = '${client.id}'`),
    );
    expect(again.rows[0]).toEqual({ n: 1 });
  });

  it('posts a reply as its person, without the quote and signature, with the attachment, once', async () => {
    const { conversationId, replyTo } = await conversationWithReplyAddress('Faktury za październik');
    const png = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#2a6' } })
      .png()
      .toBuffer();
    const email = {
      envelope: { from: client.email, to: replyTo },
      from: `Jan Kowalski <${client.email}>`,
      to: replyTo,
      subject: 'Re: Faktury za październik',
      messageId: `<${randomUUID()}@poczta.example.test>`,
      text:
        'Dzień dobry, w załączeniu skan wyciągu.\nPozdrawiam\n\n-- \nJan Kowalski\nPiekarnia Złoty Kłos\n\nW dniu 1.12.2026 o 10:00, Biuro Rachunkowe Żółw <' +
        replyTo +
        '> pisze:\n> Proszę o wyciągi za listopad.\n',
      attachments: [{ filename: 'wyciąg-listopad.png', content: png, contentType: 'image/png' }],
    };
    const sent = await smtp().sendMail(email);
    expect(sent.response).toMatch(/^250 /);
    const messages = await thread(conversationId);
    expect(messages).toHaveLength(2);
    expect(messages[1]).toMatchObject({
      body: 'Dzień dobry, w załączeniu skan wyciągu.\nPozdrawiam',
      author: { id: client.id },
    });
    expect(messages[1]!.attachments).toEqual([
      expect.objectContaining({ name: 'wyciąg-listopad.png', mime: 'image/png' }),
    ]);

    // The sending server delivers it again (it missed our answer): accepted, posted once.
    expect((await smtp().sendMail(email)).response).toMatch(/^250 /);
    expect(await thread(conversationId)).toHaveLength(2);
    const rows = (await inboundRows()).filter((r) => r.conversationId === conversationId);
    expect(rows).toEqual([
      expect.objectContaining({
        status: 'posted',
        reason: null,
        fromAddress: client.email,
        subject: 'Faktury za październik',
      }),
    ]);
  });

  it('posts an HTML-only reply of a staff member as them, quote cut off', async () => {
    const { conversationId } = await conversationWithReplyAddress('Odpowiedź w HTML');
    const token = await t.db.inTenant({ officeId: office.id }, (tx) =>
      replyTokenFor(tx, office.id, conversationId, accountant.id),
    );
    const html =
      '<div dir="ltr">Dziękuję, <b>zaksięgowane</b>.</div><br><div class="gmail_quote">On Tue, 1 Dec 2026 at 10:00 Jan &lt;jan@example.test&gt; wrote:<blockquote>Proszę o wyciągi.</blockquote></div>';
    await smtp().sendMail({
      from: accountant.email,
      to: `reply+${token.toUpperCase()}@${DOMAIN.toUpperCase()}`,
      subject: 'Re',
      html,
      messageId: `<${randomUUID()}@example.test>`,
    });
    expect((await thread(conversationId)).at(-1)).toMatchObject({
      body: 'Dziękuję, zaksięgowane.',
      author: { id: accountant.id },
    });
  });

  it('refuses and records a reply whose sender is not the person of the address', async () => {
    const { conversationId, replyTo } = await conversationWithReplyAddress('Podrobiony nadawca');
    const forged = smtp().sendMail({
      envelope: { from: client.email, to: replyTo },
      from: 'Oszust <oszust@example.test>',
      to: replyTo,
      subject: 'Re',
      text: 'Proszę zmienić numer konta.',
    });
    await expect(forged).rejects.toMatchObject({ responseCode: 550 });
    const envelopeForged = smtp().sendMail({
      envelope: { from: 'oszust@example.test', to: replyTo },
      from: client.email,
      to: replyTo,
      subject: 'Re',
      text: 'Proszę zmienić numer konta.',
    });
    await expect(envelopeForged).rejects.toMatchObject({ responseCode: 550 });
    expect(await thread(conversationId)).toHaveLength(1);
    const refused = (await inboundRows()).filter((r) => r.conversationId === conversationId);
    expect(refused).toHaveLength(2);
    expect(refused.every((r) => r.status === 'refused' && r.reason?.startsWith('unknown_sender'))).toBe(true);
  });

  it('answers 550 at the end of DATA to a forged sender in any transaction of a connection, a posted reply’s Message-ID reused too, and records each refusal', async () => {
    const { conversationId, replyTo } = await conversationWithReplyAddress('Nadawca podrobiony w SMTP');
    const posted = `<${randomUUID()}@poczta.example.test>`;
    const data = (from: string, messageId: string, text: string) =>
      [
        `From: ${from}`,
        `To: ${replyTo}`,
        'Subject: Re: Nadawca podrobiony w SMTP',
        `Message-ID: ${messageId}`,
        'Content-Type: text/plain; charset=utf-8',
        '',
        text,
        '',
        '.',
        '',
      ].join('\r\n');
    const transaction = (envelopeFrom: string, from: string, messageId: string, text: string) => [
      `MAIL FROM:<${envelopeFrom}>\r\n`,
      `RCPT TO:<${replyTo}>\r\n`,
      'DATA\r\n',
      data(from, messageId, text),
    ];
    // One connection, as a sending server reuses it: the person's reply, then two forgeries.
    const answers = await rawSmtp(listener.port, [
      'EHLO poczta.example.test\r\n',
      ...transaction(client.email, `Jan Kowalski <${client.email}>`, posted, 'Przesyłam wyciąg.'),
      ...transaction(
        'oszust@example.test',
        'Oszust <oszust@example.test>',
        `<${randomUUID()}@example.test>`,
        'Proszę zmienić numer konta.',
      ),
      ...transaction('oszust@example.test', `Jan Kowalski <${client.email}>`, posted, 'Proszę zmienić numer konta.'),
      'QUIT\r\n',
    ]);
    expect(answers.map((a) => a.slice(0, 3))).toEqual([
      '220',
      '250',
      '250',
      '250',
      '354',
      '250',
      '250',
      '250',
      '354',
      '550',
      '250',
      '250',
      '354',
      '550',
      '221',
    ]);
    expect(answers[9]).toMatch(
      /^550 The sender is not the person this reply address belongs to.*: oszust@example\.test$/,
    );
    expect((await thread(conversationId)).map((m) => m.body)).toEqual([
      'Proszę o wyciągi za listopad.',
      'Przesyłam wyciąg.',
    ]);
    const rows = (await inboundRows()).filter((r) => r.conversationId === conversationId);
    expect(rows.map((r) => [r.status, r.reason]).sort()).toEqual([
      ['posted', null],
      ['refused', 'unknown_sender: oszust@example.test'],
      ['refused', 'unknown_sender: oszust@example.test'],
    ]);
  });

  it('posts a reply whose text or Message-ID carries NUL characters without them, instead of failing and deferring it forever', async () => {
    const { conversationId, replyTo } = await conversationWithReplyAddress('Znak NUL w odpowiedzi');
    const email = [
      `From: Jan Kowalski <${client.email}>`,
      `To: ${replyTo}`,
      'Subject: Re: Znak NUL w odpowiedzi',
      `Message-ID: <${randomUUID()}\u0000@poczta.example.test>`,
      'Content-Type: text/plain; charset=utf-8',
      'Content-Transfer-Encoding: quoted-printable',
      '',
      'Wyci=C4=85g=00 w za=C5=82=C4=85czeniu.',
      '',
      '.',
      '',
    ].join('\r\n');
    const answers = await rawSmtp(listener.port, [
      'EHLO test\r\n',
      `MAIL FROM:<${client.email}>\r\n`,
      `RCPT TO:<${replyTo}>\r\n`,
      'DATA\r\n',
      email,
      'QUIT\r\n',
    ]);
    expect(answers[5]).toMatch(/^250 /);
    expect((await thread(conversationId)).at(-1)).toMatchObject({
      body: 'Wyciąg w załączeniu.',
      author: { id: client.id },
    });
  });

  it('takes automatic replies without posting them or bouncing back', async () => {
    const { conversationId, replyTo } = await conversationWithReplyAddress('Urlop');
    const sent = await smtp().sendMail({
      from: client.email,
      to: replyTo,
      subject: 'Automatyczna odpowiedź',
      text: 'Jestem na urlopie do 6 grudnia.',
      headers: { 'Auto-Submitted': 'auto-replied' },
    });
    expect(sent.response).toMatch(/^250 /);
    expect(await thread(conversationId)).toHaveLength(1);
    expect((await inboundRows()).find((r) => r.conversationId === conversationId)).toMatchObject({
      status: 'refused',
      reason: 'auto_reply',
    });
  });

  it('refuses a reply to a closed conversation, saying how to write again', async () => {
    const { conversationId, replyTo } = await conversationWithReplyAddress('Zamknięta rozmowa');
    expect((await accountantBrowser.post(`/api/conversations/${conversationId}/close`)).statusCode).toBe(200);
    const refused = smtp().sendMail({ from: client.email, to: replyTo, subject: 'Re', text: 'Jeszcze jedno pytanie.' });
    await expect(refused).rejects.toThrow(/conversation is closed/);
    expect((await inboundRows()).find((r) => r.conversationId === conversationId)).toMatchObject({
      status: 'refused',
      reason: 'closed',
    });
  });

  it('refuses the whole reply when an attachment fails the upload checks, keeping none of its files', async () => {
    const { conversationId, replyTo } = await conversationWithReplyAddress('Niedozwolony załącznik');
    const png = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#a26' } })
      .png()
      .toBuffer();
    const refused = smtp().sendMail({
      from: client.email,
      to: replyTo,
      subject: 'Re',
      text: 'Faktura w załączniku.',
      attachments: [
        { filename: 'zdjęcie.png', content: png },
        { filename: 'faktura.html', content: '<html><script>alert(1)</script></html>', contentType: 'text/html' },
      ],
    });
    await expect(refused).rejects.toThrow(/attachment was refused: faktura\.html/);
    expect(await thread(conversationId)).toHaveLength(1);
    expect((await inboundRows()).find((r) => r.conversationId === conversationId)?.reason).toMatch(
      /^attachment_refused: faktura\.html \(attachment\./,
    );
    const pending = await t.db.inTenant({ officeId: office.id }, (tx) =>
      tx.execute(`SELECT 1 FROM attachments WHERE uploaded_by = '${client.id}' AND message_id IS NULL`),
    );
    expect(pending.rows).toHaveLength(0);
  });

  it('refuses an unknown reply address at RCPT, and records nothing', async () => {
    const before = (await inboundRows()).length;
    const unknown = smtp().sendMail({
      from: client.email,
      to: `reply+${'0'.repeat(32)}@${DOMAIN}`,
      subject: 'Re',
      text: 'Halo?',
    });
    await expect(unknown).rejects.toMatchObject({ responseCode: 550 });
    await expect(
      smtp().sendMail({ from: client.email, to: `kontakt@${DOMAIN}`, subject: 'Re', text: 'Halo?' }),
    ).rejects.toMatchObject({ responseCode: 550 });
    expect((await inboundRows()).length).toBe(before);
  });

  it('refuses an e-mail over the size limit with 552', async () => {
    const { conversationId, replyTo } = await conversationWithReplyAddress('Za duży');
    const big = smtp().sendMail({
      from: client.email,
      to: replyTo,
      subject: 'Re',
      text: 'Skan.',
      attachments: [{ filename: 'skan.pdf', content: Buffer.alloc(2 * 1024 * 1024, 1) }],
    });
    await expect(big).rejects.toMatchObject({ responseCode: 552 });
    // Declared too big up front (SIZE=), refused before any data.
    const answers = await rawSmtp(listener.port, [
      'EHLO test\r\n',
      `MAIL FROM:<${client.email}> SIZE=${3 * 1024 * 1024}\r\n`,
    ]);
    expect(answers[2]).toMatch(/^552 /);
    expect(await thread(conversationId)).toHaveLength(1);
  });

  it('refuses malformed MIME clearly and keeps serving', async () => {
    const { conversationId, replyTo } = await conversationWithReplyAddress('Zepsuty MIME');
    const garbage = [
      '\u0000\u0001\u0002 not a header',
      'Content-Type: multipart/mixed; boundary=',
      '',
      '--',
      'Content-Transfer-Encoding: base64',
      '',
      '@@@###',
      '',
    ].join('\r\n');
    const nested = [
      'From: ' + client.email,
      'Message-ID: <nested@example.test>',
      ...Array.from({ length: 2000 }, (_, i) => `Content-Type: multipart/mixed; boundary="b${i}"\r\n\r\n--b${i}`),
      '',
    ].join('\r\n');
    for (const content of [garbage, nested]) {
      const answers = await rawSmtp(listener.port, [
        'EHLO test\r\n',
        `MAIL FROM:<${client.email}>\r\n`,
        `RCPT TO:<${replyTo}>\r\n`,
        'DATA\r\n',
        `${content}\r\n.\r\n`,
        'QUIT\r\n',
      ]);
      expect(answers.slice(1, 5).map((a) => a.slice(0, 3))).toEqual(['250', '250', '250', '354']);
      expect(answers[5]).toMatch(/^550 /);
    }
    expect(await thread(conversationId)).toHaveLength(1);
    expect(
      (await inboundRows()).filter((r) => r.conversationId === conversationId).map((r) => r.reason?.split(':')[0]),
    ).toEqual(['malformed', 'malformed']);
    // Still answering.
    expect((await rawSmtp(listener.port, ['NOOP\r\n']))[1]).toMatch(/^250 /);
  });

  it('does not let someone who lost access post, and says why', async () => {
    const former = await t.factories.clientUser(company, { access: 'full' });
    const conversation = (
      await accountantBrowser.post('/api/conversations', {
        clientId: randomUUID(),
        companyId: company.id,
        channelId: accounting,
        visibility: 'company',
        subject: 'Dostęp odebrany',
        body: 'Proszę o umowę.',
      })
    ).json();
    const token = await t.db.inTenant({ officeId: office.id }, (tx) =>
      replyTokenFor(tx, office.id, conversation.id, former.id),
    );
    expect((await owner.delete(`/api/companies/${company.id}/users/${former.id}`)).statusCode).toBe(204);
    const refused = smtp().sendMail({
      from: former.email,
      to: `reply+${token}@${DOMAIN}`,
      subject: 'Re',
      text: 'Przesyłam umowę.',
    });
    await expect(refused).rejects.toMatchObject({ responseCode: 550 });
    expect(await thread(conversation.id)).toHaveLength(1);
    expect((await inboundRows()).find((r) => r.conversationId === conversation.id)).toMatchObject({
      status: 'refused',
      reason: 'no_access',
    });
  });

  it('answers 451 when the database fails, so the sending server tries again, and its retry posts once', async () => {
    const { conversationId, replyTo } = await conversationWithReplyAddress('Awaria bazy');
    const broken = await Database.connect(t.url, { maxConnections: 1 });
    const services = t.app.services;
    const failing = await startInboundListener({
      host: '127.0.0.1',
      port: 0,
      maxBytes: 1024 * 1024,
      inbound: new InboundService(broken, services.conversations, services.attachments, DOMAIN, silent),
      log: silent,
    });
    const email = [
      `From: Jan Kowalski <${client.email}>`,
      `To: ${replyTo}`,
      'Subject: Re: Awaria bazy',
      `Message-ID: <${randomUUID()}@poczta.example.test>`,
      'Content-Type: text/plain; charset=utf-8',
      '',
      'Wysyłam mimo awarii.',
      '',
    ].join('\r\n');
    const steps = [`MAIL FROM:<${client.email}>\r\n`, `RCPT TO:<${replyTo}>\r\n`, 'DATA\r\n', `${email}\r\n.\r\n`];
    try {
      // The database goes away between RCPT (answered) and the end of DATA.
      const answers = await rawSmtp(failing.port, [
        'EHLO test\r\n',
        ...steps.slice(0, 2),
        () => broken.close(),
        ...steps.slice(2),
      ]);
      expect(answers.slice(2).map((a) => a.slice(0, 3))).toEqual(['250', '250', '354', '451']);
      // A new attempt while it is still down is deferred at RCPT.
      expect((await rawSmtp(failing.port, ['EHLO test\r\n', ...steps.slice(0, 2)]))[3]).toMatch(/^451 /);
    } finally {
      await failing.stop();
    }
    expect(await thread(conversationId)).toHaveLength(1);
    // The sending server retries (twice, say): the reply is posted, once.
    for (let attempt = 0; attempt < 2; attempt++)
      expect((await rawSmtp(listener.port, ['EHLO test\r\n', ...steps]))[5]).toMatch(/^250 /);
    expect((await thread(conversationId)).map((m) => m.body)).toEqual([
      'Proszę o wyciągi za listopad.',
      'Wysyłam mimo awarii.',
    ]);
  });

  it('gives people of an inactive company, who cannot post, no reply address', async () => {
    const closed = await t.factories.company(office, { name: 'Zamknięta sp. z o.o.', status: 'inactive' });
    const former = await t.factories.clientUser(closed, { access: 'full' });
    const created = (
      await owner.post('/api/conversations', {
        clientId: randomUUID(),
        companyId: closed.id,
        channelId: accounting,
        visibility: 'company',
        subject: 'Archiwum',
        body: 'Proszę odebrać dokumenty.',
      })
    ).json();
    const [first] = (await owner.get(`/api/conversations/${created.id}/messages`)).json().items;
    await t.app.services.notifications.handleMessage({
      officeId: office.id,
      messageId: first.id,
      kind: 'conversation',
    });
    const mail = (
      await t.db.inTenant({ officeId: office.id }, (tx) =>
        tx.execute<{ headers: Record<string, string>; text_body: string }>(
          `SELECT headers, text_body FROM outbox_emails WHERE to_address = '${former.email}' AND template = 'new_message'`,
        ),
      )
    ).rows[0]!;
    expect(mail.headers['List-Unsubscribe']).toBeTruthy();
    expect(mail.headers['Reply-To']).toBeUndefined();
    expect(mail.text_body).not.toContain('answer this e-mail');
  });
});

describe('reply text', () => {
  it.each([
    ['English', 'Thanks, attached.\n\nOn Tue, 1 Dec 2026 at 10:00, Bureau <reply+abc@x.test> wrote:\n> Old text'],
    [
      'Outlook',
      'Thanks, attached.\n\n-----Original Message-----\nFrom: Bureau <reply+abc@x.test>\nSent: Tuesday\n\nOld text',
    ],
    ['Polish', 'Thanks, attached.\n\nW dniu 1.12.2026 o 10:00, Biuro Żółw <reply+abc@x.test> pisze:\n> Old text'],
    ['French', 'Thanks, attached.\n\nLe mar. 1 déc. 2026 à 10:00, Bureau <reply+abc@x.test> a écrit :\n> Old text'],
    [
      'Romanian (Gmail)',
      'Thanks, attached.\n\nÎn mar., 1 dec. 2026 la 10:00, Bureau <reply+abc@x.test> a scris:\n> Old text',
    ],
    ['Romanian', 'Thanks, attached.\n\nLa 01.12.2026 10:00, Bureau a scris:\n> Old text'],
    [
      'Polish Outlook',
      'Thanks, attached.\n\nOd: Biuro Żółw <reply+abc@x.test>\nWysłano: wtorek, 1 grudnia 2026 10:00\nDo: Jan\n\nOld text',
    ],
    ['a signature', 'Thanks, attached.\n\n-- \nJan Kowalski\ntel. 600 000 000'],
    ['quoting', '> Old text\nThanks, attached.\n> more old text'],
  ])('cuts the quoted e-mail off: %s', (_name, text) => {
    expect(replyText(text)).toBe('Thanks, attached.');
  });
});
