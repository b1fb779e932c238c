import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestApp,
  signIn,
  type Session,
  type TestCompany,
  type TestOffice,
  type TestUser,
} from '../../../test/harness.js';
import { startWorkers } from '../../workers.js';
import { mentionedIn, nextLocalTime } from './notification.service.js';

type Notification = {
  id: string;
  kind: string;
  title: string;
  excerpt: string;
  conversationId: string;
  readAt: string | null;
};

describe('notifications', () => {
  let t: Awaited<ReturnType<typeof createTestApp>>;
  let office: TestOffice;
  let company: TestCompany;
  let accountant: TestUser;
  let fullClient: TestUser;
  let owner: Session;
  let accountantBrowser: Session;
  let unassignedBrowser: Session;
  let clientBrowser: Session;
  let limitedBrowser: Session;
  let accounting: string;

  beforeAll(async () => {
    t = await createTestApp();
    office = await t.factories.office({ name: 'Biuro Rachunkowe Żółw' });
    company = await t.factories.company(office, { name: 'Piekarnia Złoty Kłos' });
    accountant = await t.factories.staff(office, { specialties: ['accounting'] });
    const unassigned = await t.factories.staff(office, { specialties: ['accounting'] });
    await t.factories.assign(company, accountant, 'accounting');
    fullClient = await t.factories.clientUser(company, { access: 'full' });
    const limitedClient = await t.factories.clientUser(company, { access: 'limited' });
    owner = await signIn(t.app, office.owner.email);
    accountantBrowser = await signIn(t.app, accountant.email);
    unassignedBrowser = await signIn(t.app, unassigned.email);
    clientBrowser = await signIn(t.app, fullClient.email);
    limitedBrowser = await signIn(t.app, limitedClient.email);
    accounting = ((await owner.get('/api/channels')).json().items as { id: string; key: string }[]).find(
      (c) => c.key === 'accounting',
    )!.id;
  });
  afterAll(() => t.close());

  const bell = async (browser: Session) =>
    (await browser.get('/api/notifications')).json() as { items: Notification[]; unread: number };
  const start = async (
    browser: Session,
    subject: string,
    body = 'Dzień dobry, w załączeniu **faktury** za październik.',
  ) =>
    (
      await browser.post('/api/conversations', {
        clientId: randomUUID(),
        companyId: company.id,
        channelId: accounting,
        visibility: 'company',
        subject,
        body,
      })
    ).json();
  /** Runs the queued jobs with the real workers until `done` holds. */
  async function runJobs(done: () => Promise<boolean>) {
    const workers = await startWorkers(t.app.services, t.app.config);
    try {
      await expect.poll(done, { timeout: 20_000, interval: 200 }).toBe(true);
    } finally {
      await workers.stop();
      await t.app.services.jobs.start();
    }
  }

  it("tells the staff routed to the conversation's channel, not the author, other staff or the admins", async () => {
    const conversation = await start(clientBrowser, 'Faktury za październik');
    await runJobs(async () => (await bell(accountantBrowser)).unread === 1);
    const { items } = await bell(accountantBrowser);
    expect(items[0]).toMatchObject({
      kind: 'conversation',
      title: 'Faktury za październik',
      conversationId: conversation.id,
      readAt: null,
    });
    // The excerpt is plain text: no Markdown marks.
    expect(items[0]!.excerpt).toBe('Dzień dobry, w załączeniu faktury za październik.');
    expect((await bell(owner)).unread).toBe(0);
    expect((await bell(unassignedBrowser)).unread).toBe(0);
    expect((await bell(clientBrowser)).unread).toBe(0);

    // The office answers: the full-access client hears of it; the limited one (who may not see it) does not.
    await accountantBrowser.post(`/api/conversations/${conversation.id}/messages`, {
      clientId: randomUUID(),
      body: 'Dziękuję, zaksięgowane.',
    });
    await runJobs(async () => (await bell(clientBrowser)).unread === 1);
    expect((await bell(clientBrowser)).items[0]).toMatchObject({ kind: 'message', excerpt: 'Dziękuję, zaksięgowane.' });
    expect((await bell(limitedBrowser)).unread).toBe(0);

    // Reading the conversation reads its notifications.
    const thread = (await clientBrowser.get(`/api/conversations/${conversation.id}/messages`)).json();
    await clientBrowser.post(`/api/conversations/${conversation.id}/read`, { seq: thread.items.at(-1).seq });
    expect((await bell(clientBrowser)).unread).toBe(0);
  });

  it('marks one, or all, read — only the person’s own', async () => {
    await start(clientBrowser, 'Pytanie 1');
    await start(clientBrowser, 'Pytanie 2');
    await runJobs(async () => (await bell(accountantBrowser)).unread >= 2);
    const before = await bell(accountantBrowser);
    // Someone else's notification: nothing changes, and nothing says it exists.
    expect((await clientBrowser.post('/api/notifications/read', { ids: [before.items[0]!.id] })).json()).toMatchObject({
      read: 0,
    });
    expect((await accountantBrowser.post('/api/notifications/read', { ids: [before.items[0]!.id] })).json()).toEqual({
      read: 1,
      unread: before.unread - 1,
    });
    expect((await accountantBrowser.post('/api/notifications/read', { all: true })).json()).toMatchObject({
      unread: 0,
    });
    expect((await accountantBrowser.post('/api/notifications/read', {})).statusCode).toBe(200);
  });

  it('delivers each notification exactly once, even when a job runs again or the workers restart mid-batch', async () => {
    const conversation = await start(clientBrowser, 'Wiele wiadomości');
    for (let i = 0; i < 20; i++)
      await clientBrowser.post(`/api/conversations/${conversation.id}/messages`, {
        clientId: randomUUID(),
        body: `Wiadomość ${i}`,
      });
    const count = async () =>
      (
        await t.db.inTenant({ officeId: office.id }, (tx) =>
          tx.execute<{ n: number; distinct: number }>(
            `SELECT count(*)::int AS n, count(DISTINCT message_id)::int AS distinct FROM notifications WHERE conversation_id = '${conversation.id}' AND user_id = '${accountant.id}'`,
          ),
        )
      ).rows[0]!;
    // Stop the workers as soon as some jobs ran, then start them again: the rest still arrives, once.
    let workers = await startWorkers(t.app.services, t.app.config);
    await expect.poll(async () => (await count()).n, { timeout: 20_000, interval: 50 }).toBeGreaterThan(0);
    await workers.stop();
    await t.app.services.jobs.start();
    workers = await startWorkers(t.app.services, t.app.config);
    await expect.poll(async () => (await count()).n, { timeout: 30_000, interval: 200 }).toBe(21);
    await workers.stop();
    await t.app.services.jobs.start();
    // A job repeated after its work committed (a crash before the queue heard of it) adds nothing.
    const [first] = (await clientBrowser.get(`/api/conversations/${conversation.id}/messages`)).json().items;
    await t.app.services.notifications.handleMessage({
      officeId: office.id,
      messageId: first.id,
      kind: 'conversation',
    });
    expect(await count()).toEqual({ n: 21, distinct: 21 });
  });

  it('e-mails one digest of what stayed unread past the delay, without what was read meanwhile', async () => {
    const read = await start(clientBrowser, 'Przeczytana wcześniej');
    const unread = await start(clientBrowser, 'Czeka na odpowiedź');
    await runJobs(async () => (await bell(accountantBrowser)).items.some((n) => n.conversationId === unread.id));
    const thread = (await accountantBrowser.get(`/api/conversations/${read.id}/messages`)).json();
    await accountantBrowser.post(`/api/conversations/${read.id}/read`, { seq: thread.items.at(-1).seq });
    // The office's delay passes.
    await t.db.inTenant({ officeId: office.id }, (tx) =>
      tx.execute(`UPDATE notifications SET created_at = now() - interval '16 minutes'`),
    );
    await t.app.services.notifications.sendDigest({ officeId: office.id, userId: accountant.id });
    const outbox = (await owner.get('/api/outbox')).json().items as {
      id: string;
      template: string;
      toAddress: string;
    }[];
    const digests = outbox.filter((e) => e.template === 'unread_digest' && e.toAddress === accountant.email);
    expect(digests).toHaveLength(1);
    const mail = (await owner.get(`/api/outbox/${digests[0]!.id}`)).json();
    expect(mail.textBody).toContain('Czeka na odpowiedź');
    expect(mail.textBody).not.toContain('Przeczytana wcześniej');
    expect(mail.textBody).toContain('http://localhost:3000/account/notifications');
    // A second run finds nothing new: no second e-mail.
    await t.app.services.notifications.sendDigest({ officeId: office.id, userId: accountant.id });
    expect(
      (await owner.get('/api/outbox'))
        .json()
        .items.filter(
          (e: { template: string; toAddress: string }) =>
            e.template === 'unread_digest' && e.toAddress === accountant.email,
        ),
    ).toHaveLength(1);
  });

  it('leaves out of the digest a conversation the person may no longer see, and still sends the rest', async () => {
    const other = await t.factories.company(office, { name: 'Kwiaciarnia Bratek' });
    await t.factories.assign(other, accountant, 'accounting');
    const otherClient = await signIn(t.app, (await t.factories.clientUser(other, { access: 'full' })).email);
    const gone = (
      await otherClient.post('/api/conversations', {
        clientId: randomUUID(),
        companyId: other.id,
        channelId: accounting,
        visibility: 'company',
        subject: 'Po zmianie opiekuna',
        body: 'Pytanie.',
      })
    ).json();
    const kept = await start(clientBrowser, 'Nadal moja sprawa');
    await runJobs(
      async () =>
        (await bell(accountantBrowser)).items.filter(
          (n) => n.conversationId === gone.id || n.conversationId === kept.id,
        ).length === 2,
    );
    // The company gets another accountant before the delay passes.
    expect((await owner.put(`/api/companies/${other.id}/assignments`, { items: [] })).statusCode).toBe(200);
    await t.db.inTenant({ officeId: office.id }, (tx) =>
      tx.execute(
        `UPDATE notifications SET created_at = now() - interval '16 minutes', digest_due = (conversation_id IN ('${gone.id}', '${kept.id}'))`,
      ),
    );
    await t.app.services.notifications.sendDigest({ officeId: office.id, userId: accountant.id });
    const digests = (
      (await owner.get('/api/outbox')).json().items as { id: string; template: string; toAddress: string }[]
    ).filter((e) => e.template === 'unread_digest' && e.toAddress === accountant.email);
    const mail = (await owner.get(`/api/outbox/${digests[0]!.id}`)).json();
    expect(mail.textBody).toContain('Nadal moja sprawa');
    expect(mail.textBody).not.toContain('Po zmianie opiekuna');
    const waiting = await t.db.inTenant({ officeId: office.id }, (tx) =>
      tx.execute(`SELECT 1 FROM notifications WHERE digest_due AND user_id = '${accountant.id}'`),
    );
    expect(waiting.rows).toHaveLength(0);
  });

  it('gathers what a person wants once a day into one morning e-mail, without what they read meanwhile', async () => {
    const daily = await signIn(
      t.app,
      (await t.factories.clientUser(company, { access: 'full', name: 'Dzienny Czytelnik' })).email,
    );
    await daily.put('/api/notifications/preferences', {
      message: { inApp: true, email: 'digest', sms: false, push: false },
      conversation: { inApp: true, email: 'digest', sms: false, push: false },
    });
    const first = await start(accountantBrowser, 'Raport miesięczny', 'Raport w załączeniu.');
    const second = await start(accountantBrowser, 'Wezwanie do zapłaty', 'Termin mija w piątek.');
    const me = (await daily.get('/api/me')).json().user.id as string;
    const waiting = async () =>
      (
        await t.db.inTenant({ officeId: office.id }, (tx) =>
          tx.execute(`SELECT 1 FROM notifications WHERE user_id = '${me}' AND daily_due AND NOT digest_due`),
        )
      ).rows.length;
    await runJobs(async () => (await waiting()) === 2);
    // Read one in the app before the morning: it leaves the digest.
    await daily.post(`/api/conversations/${first.id}/read`, { seq: 1 });
    await t.app.services.notifications.sendDailyDigest({ officeId: office.id, userId: me });
    const find = async () =>
      ((await owner.get('/api/outbox')).json().items as { id: string; template: string; toName: string }[]).filter(
        (e) => e.template === 'daily_digest' && e.toName === 'Dzienny Czytelnik',
      );
    expect(await find()).toHaveLength(1);
    const mail = (await owner.get(`/api/outbox/${(await find())[0]!.id}`)).json();
    expect(mail.textBody).toContain('Wezwanie do zapłaty');
    expect(mail.textBody).not.toContain('Raport miesięczny');
    expect(second.id).toBeTruthy();
    // Nothing waits any more: a second run sends nothing.
    expect(await waiting()).toBe(0);
    await t.app.services.notifications.sendDailyDigest({ officeId: office.id, userId: me });
    expect(await find()).toHaveLength(1);
  });

  it('lets office admins set the defaults everyone starts from (critical notices keep the bell), and the digest delay', async () => {
    const fresh = await signIn(t.app, (await t.factories.clientUser(company, { access: 'full' })).email);
    const saved = await owner.patch('/api/office', {
      unreadDigestMinutes: 60,
      notificationDefaults: {
        document: { inApp: false, email: 'digest', sms: false, push: false },
        announcement: { inApp: false, email: 'off', sms: false, push: false },
      },
    });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({
      unreadDigestMinutes: 60,
      notificationDefaults: { announcement: { inApp: true, email: 'off' } },
    });
    const prefs = (await fresh.get('/api/notifications/preferences')).json().items;
    expect(prefs.document).toEqual({ inApp: false, email: 'digest', sms: false, push: false });
    expect(prefs.announcement.inApp).toBe(true);
    expect((await accountantBrowser.patch('/api/office', { unreadDigestMinutes: 5 })).statusCode).toBe(403);
    expect((await owner.patch('/api/office', { unreadDigestMinutes: 0 })).statusCode).toBe(400);
    await owner.patch('/api/office', { unreadDigestMinutes: 15, notificationDefaults: {} });
  });

  it('tells the people a message names with @, on either side, as a mention', async () => {
    const conversation = await start(clientBrowser, 'Pytanie o VAT');
    await runJobs(async () => (await bell(accountantBrowser)).items.some((n) => n.conversationId === conversation.id));
    // The accountant asks the owner (a colleague, who is not routed here) in the client's conversation.
    const posted = (
      await accountantBrowser.post(`/api/conversations/${conversation.id}/messages`, {
        clientId: randomUUID(),
        body: `@${office.owner.name} czy możesz spojrzeć? @${office.owner.name}owski nie istnieje.`,
      })
    ).json();
    await t.app.services.notifications.handleMessage({ officeId: office.id, messageId: posted.id, kind: 'message' });
    const ownerBell = await bell(owner);
    expect(ownerBell.items.find((n) => n.conversationId === conversation.id)).toMatchObject({ kind: 'mention' });
    // The client hears of the message as usual; the author is never told of their own words.
    expect((await bell(clientBrowser)).items.find((n) => n.conversationId === conversation.id)).toMatchObject({
      kind: 'message',
    });
    expect(
      (await bell(accountantBrowser)).items.filter((n) => n.conversationId === conversation.id && n.kind === 'mention'),
    ).toHaveLength(0);
  });

  it('finds whole names after @, in any case', () => {
    const person = (name: string) =>
      ({
        userId: name,
        name,
        email: '',
        locale: 'pl',
        side: 'office',
        routed: false,
        isAdmin: false,
        companyActive: true,
        phone: null,
      }) as Parameters<typeof mentionedIn>[1][number];
    const anna = person('Anna Nowak');
    const annaK = person('Anna Nowakowska');
    expect(mentionedIn('Proszę, @anna nowak, sprawdź.', [anna, annaK])).toEqual([anna]);
    expect(mentionedIn('@Anna Nowakowska', [anna, annaK])).toEqual([annaK]);
    expect(mentionedIn('anna.nowak@biuro.pl pisała', [anna])).toEqual([]);
    expect(mentionedIn('Bez wzmianki', [anna])).toEqual([]);
    expect(mentionedIn('@Anna Nowakowska i @Anna Nowak', [anna])).toEqual([anna]);
  });

  it('plans the daily digest for the next morning in the office’s time zone', () => {
    // 06:30 in Warsaw (05:30 UTC in winter): today at 07:00 local, 06:00 UTC.
    expect(nextLocalTime(7, 'Europe/Warsaw', new Date('2026-12-03T05:30:00Z')).toISOString()).toBe(
      '2026-12-03T06:00:00.000Z',
    );
    // 09:00 in Bucharest: tomorrow 07:00 local, 05:00 UTC.
    expect(nextLocalTime(7, 'Europe/Bucharest', new Date('2026-12-03T07:00:00Z')).toISOString()).toBe(
      '2026-12-04T05:00:00.000Z',
    );
    // Summer time in Paris (UTC+2).
    expect(nextLocalTime(7, 'Europe/Paris', new Date('2026-07-01T12:00:00Z')).toISOString()).toBe(
      '2026-07-02T05:00:00.000Z',
    );
    // Across the changes of the clocks: the evening before, in the old offset, for the morning in the new one.
    expect(nextLocalTime(7, 'Europe/Warsaw', new Date('2026-10-24T20:00:00Z')).toISOString()).toBe(
      '2026-10-25T06:00:00.000Z',
    );
    expect(nextLocalTime(7, 'Europe/Warsaw', new Date('2027-03-27T20:00:00Z')).toISOString()).toBe(
      '2027-03-28T05:00:00.000Z',
    );
  });

  it('follows each person’s preferences over the office defaults; critical kinds keep the bell', async () => {
    const defaults = (await clientBrowser.get('/api/notifications/preferences')).json();
    expect(defaults.items.message).toEqual({ inApp: true, email: 'now', sms: false, push: true });
    const saved = (
      await clientBrowser.put('/api/notifications/preferences', {
        message: { inApp: false, email: 'off', sms: false, push: false },
        due_date: { inApp: false, email: 'off', sms: false, push: false },
      })
    ).json();
    expect(saved.items.message).toEqual({ inApp: false, email: 'off', sms: false, push: false });
    expect(saved.items.due_date.inApp).toBe(true);
    expect(
      (
        await clientBrowser.put('/api/notifications/preferences', {
          message: { inApp: true, email: 'sometimes', sms: false, push: false },
        })
      ).statusCode,
    ).toBe(400);

    // With messages switched off, an office message adds nothing to the bell and queues no e-mail.
    const conversation = await start(accountantBrowser, 'Od biura', 'Proszę o wyciąg.');
    const posted = (
      await accountantBrowser.post(`/api/conversations/${conversation.id}/messages`, {
        clientId: randomUUID(),
        body: 'Przypominam.',
      })
    ).json();
    await t.app.services.notifications.handleMessage({ officeId: office.id, messageId: posted.id, kind: 'message' });
    expect((await bell(clientBrowser)).items.some((n) => n.excerpt === 'Przypominam.')).toBe(false);
    const rows = await t.db.inTenant({ officeId: office.id }, (tx) =>
      tx.execute(`SELECT 1 FROM notifications WHERE message_id = '${posted.id}' AND user_id = '${fullClient.id}'`),
    );
    expect(rows.rows).toHaveLength(0);

    // Switched back on, the next one arrives.
    await clientBrowser.put('/api/notifications/preferences', {
      message: { inApp: true, email: 'now', sms: false, push: true },
    });
    const again = (
      await accountantBrowser.post(`/api/conversations/${conversation.id}/messages`, {
        clientId: randomUUID(),
        body: 'Przypominam ponownie.',
      })
    ).json();
    await t.app.services.notifications.handleMessage({ officeId: office.id, messageId: again.id, kind: 'message' });
    expect((await bell(clientBrowser)).items.some((n) => n.excerpt === 'Przypominam ponownie.')).toBe(true);
  });

  it('reaches the people of an inactive company by e-mail at once, with a link to their preferences', async () => {
    const closedCompany = await t.factories.company(office, { name: 'Zamknięta sp. z o.o.', status: 'inactive' });
    const former = await t.factories.clientUser(closedCompany, { access: 'full', email: 'byly@zamknieta.pl' });
    // The owner writes in the inactive company's conversation.
    const created = (
      await owner.post('/api/conversations', {
        clientId: randomUUID(),
        companyId: closedCompany.id,
        channelId: accounting,
        visibility: 'company',
        subject: 'Dokumenty do archiwum',
        body: 'Proszę odebrać dokumenty.',
      })
    ).json();
    expect(created.id).toBeTruthy();
    const find = async () =>
      ((await owner.get('/api/outbox')).json().items as { template: string; toAddress: string; id: string }[]).find(
        (e) => e.template === 'new_message' && e.toAddress === former.email,
      );
    await runJobs(async () => !!(await find()));
    const mail = (await owner.get(`/api/outbox/${(await find())!.id}`)).json();
    expect(mail.subject).toContain('Dokumenty do archiwum');
    expect(mail.textBody).toContain('Proszę odebrać dokumenty.');
    const headers = (
      await t.db.inTenant({ officeId: office.id }, (tx) =>
        tx.execute<{ headers: Record<string, string> }>(`SELECT headers FROM outbox_emails WHERE id = '${mail.id}'`),
      )
    ).rows[0]!.headers;
    expect(headers['List-Unsubscribe']).toBe('<http://localhost:3000/account/notifications>');
    const rows = (
      await t.db.inTenant({ officeId: office.id }, (tx) =>
        tx.execute<{ in_app: boolean }>(`SELECT in_app FROM notifications WHERE user_id = '${former.id}'`),
      )
    ).rows;
    expect(rows).toEqual([{ in_app: false }]);
  });
});
