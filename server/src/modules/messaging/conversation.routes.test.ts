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
import { eventsAfter } from '../realtime/events.repository.js';

describe('conversations', () => {
  let t: Awaited<ReturnType<typeof createTestApp>>;
  let office: TestOffice;
  let company: TestCompany;
  let accountant: TestUser;
  let payroll: TestUser;
  let fullClient: TestUser;
  let limitedClient: TestUser;
  let owner: Session;
  let accountantBrowser: Session;
  let payrollBrowser: Session;
  let clientBrowser: Session;
  let limitedBrowser: Session;
  let channel: Record<string, string>;

  beforeAll(async () => {
    t = await createTestApp();
    office = await t.factories.office({ name: 'Biuro Rachunkowe Żółw' });
    company = await t.factories.company(office, { name: 'Piekarnia Złoty Kłos' });
    accountant = await t.factories.staff(office, { specialties: ['accounting'] });
    payroll = await t.factories.staff(office, { specialties: ['payroll'] });
    await t.factories.assign(company, accountant, 'accounting');
    await t.factories.assign(company, payroll, 'payroll');
    fullClient = await t.factories.clientUser(company, { access: 'full' });
    limitedClient = await t.factories.clientUser(company, { access: 'limited' });
    owner = await signIn(t.app, office.owner.email);
    accountantBrowser = await signIn(t.app, accountant.email);
    payrollBrowser = await signIn(t.app, payroll.email);
    clientBrowser = await signIn(t.app, fullClient.email);
    limitedBrowser = await signIn(t.app, limitedClient.email);
    const channels = (await owner.get('/api/channels')).json().items as { id: string; key: string }[];
    channel = Object.fromEntries(channels.map((c) => [c.key, c.id]));
  });
  afterAll(() => t.close());

  const start = (browser: Session, body: Record<string, unknown>) =>
    browser.post('/api/conversations', {
      clientId: randomUUID(),
      visibility: 'company',
      subject: 'VAT za październik',
      body: 'Dzień dobry, w załączeniu faktury.',
      ...body,
    });

  it('gives every office the four default channels, routed to their specialties', async () => {
    const items = (await clientBrowser.get('/api/channels')).json().items;
    expect(items.map((c: { key: string; specialty: string | null }) => [c.key, c.specialty])).toEqual([
      ['accounting', 'accounting'],
      ['payroll', 'payroll'],
      ['invoicing', 'invoicing'],
      ['admin', null],
    ]);
  });

  it('lets office admins rename a channel per language, add one and archive it; nobody else', async () => {
    const renamed = await owner.patch(`/api/channels/${channel.payroll}`, {
      names: { pl: 'Kadry i płace', ro: 'Salarizare' },
    });
    expect(renamed.json().names).toEqual({ pl: 'Kadry i płace', ro: 'Salarizare' });
    expect((await accountantBrowser.patch(`/api/channels/${channel.payroll}`, { names: { pl: 'X' } })).statusCode).toBe(
      403,
    );
    const created = (
      await owner.post('/api/channels', { names: { en: 'Audits', pl: 'Audyty' }, specialty: 'accounting' })
    ).json();
    expect(created).toMatchObject({ key: null, specialty: 'accounting', archived: false });
    await owner.patch(`/api/channels/${created.id}`, { archived: true });
    expect(
      (await clientBrowser.get('/api/channels')).json().items.some((c: { id: string }) => c.id === created.id),
    ).toBe(false);
    const refused = await start(clientBrowser, { channelId: created.id });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('channel.archived');
  });

  it('routes a client question to the assigned specialist: it needs their action, not the others’', async () => {
    const res = await start(clientBrowser, { channelId: channel.accounting, subject: 'Faktura korygująca' });
    expect(res.statusCode).toBe(201);
    const conversation = res.json();
    expect(conversation).toMatchObject({
      startedBySide: 'client',
      status: 'open',
      lastMessageSeq: 1,
      permissions: { post: true, close: true, reopen: false },
    });

    const accountantInbox = (await accountantBrowser.get('/api/conversations?needsAction=true')).json();
    expect(accountantInbox.items.map((c: { id: string }) => c.id)).toContain(conversation.id);
    expect(accountantInbox.items.find((c: { id: string }) => c.id === conversation.id)).toMatchObject({
      companyName: 'Piekarnia Złoty Kłos',
      lastMessage: 'Dzień dobry, w załączeniu faktury.',
      unread: true,
      needsAction: true,
    });
    const payrollInbox = (await payrollBrowser.get('/api/conversations?needsAction=true')).json();
    expect(payrollInbox.items.map((c: { id: string }) => c.id)).not.toContain(conversation.id);
    // Payroll still sees the conversation of a company it may see, without it counting for them.
    expect((await payrollBrowser.get(`/api/conversations/${conversation.id}`)).statusCode).toBe(200);

    const counts = (await accountantBrowser.get('/api/conversations/counts')).json();
    expect(counts.byChannel).toContainEqual({ id: channel.accounting, count: expect.any(Number) });
    expect(counts.byCompany).toContainEqual({ id: company.id, count: counts.total });
    const before = counts.total;

    // The accountant answers: the conversation now waits for the client, not for the office.
    const reply = await accountantBrowser.post(`/api/conversations/${conversation.id}/messages`, {
      clientId: randomUUID(),
      body: 'Dziękuję, sprawdzę do piątku.',
    });
    expect(reply.json()).toMatchObject({ seq: 2, author: { id: accountant.id, side: 'office' } });
    expect((await accountantBrowser.get('/api/conversations/counts')).json().total).toBe(before - 1);
    const clientInbox = (await clientBrowser.get('/api/conversations?needsAction=true')).json();
    expect(clientInbox.items.find((c: { id: string }) => c.id === conversation.id)).toMatchObject({
      needsAction: true,
      unread: true,
      lastMessage: 'Dziękuję, sprawdzę do piątku.',
    });
  });

  it('lets only the side that started a conversation close it, and only the side that closed it reopen it', async () => {
    const conversation = (await start(clientBrowser, { channelId: channel.payroll, subject: 'Umowa zlecenie' })).json();
    const refused = await payrollBrowser.post(`/api/conversations/${conversation.id}/close`);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe('conversation.close_not_allowed');
    await payrollBrowser.patch('/api/me', { locale: 'pl' });
    expect((await payrollBrowser.post(`/api/conversations/${conversation.id}/close`)).json().error.message).toBe(
      'Rozmowę może zamknąć tylko strona, która ją rozpoczęła.',
    );

    const closed = await clientBrowser.post(`/api/conversations/${conversation.id}/close`);
    expect(closed.json()).toMatchObject({
      status: 'closed',
      closedBy: { id: fullClient.id, name: fullClient.name },
      closedBySide: 'client',
      permissions: { post: false, reopen: true },
    });
    // The header answered is the row as stored: the list and a reload show the same moment.
    expect((await clientBrowser.get(`/api/conversations/${conversation.id}`)).json().closedAt).toBe(
      closed.json().closedAt,
    );
    expect((await clientBrowser.get(`/api/conversations/${conversation.id}/messages`)).json().items).toHaveLength(1);
    const late = await payrollBrowser.post(`/api/conversations/${conversation.id}/messages`, {
      clientId: randomUUID(),
      body: 'Jeszcze jedno',
    });
    expect(late.statusCode).toBe(409);
    expect(late.json().error.code).toBe('conversation.closed');
    expect((await payrollBrowser.post(`/api/conversations/${conversation.id}/reopen`)).json().error.code).toBe(
      'conversation.reopen_not_allowed',
    );
    expect((await clientBrowser.post(`/api/conversations/${conversation.id}/reopen`)).json().status).toBe('open');
    // Each event says what happened, so a browser that already shows it (the one that acted) asks nothing again.
    const events = await t.db.inTenant({ officeId: office.id }, (tx) => eventsAfter(tx, office.id, 0, 10_000));
    expect(
      events
        .filter((e) => e.type === 'conversation.updated' && e.conversationId === conversation.id)
        .map((e) => (e.payload as { status?: string }).status)
        .slice(-2),
    ).toEqual(['closed', 'open']);
    expect(
      (await clientBrowser.get('/api/conversations?status=closed'))
        .json()
        .items.some((c: { id: string }) => c.id === conversation.id),
    ).toBe(false);
  });

  it('shows a private conversation only to the client users it is meant for', async () => {
    const conversation = (
      await start(accountantBrowser, {
        companyId: company.id,
        channelId: channel.accounting,
        visibility: 'private',
        participantIds: [limitedClient.id],
        subject: 'Twoja umowa',
      })
    ).json();
    expect(conversation.participants).toEqual([{ userId: limitedClient.id, name: limitedClient.name }]);
    expect((await limitedBrowser.get(`/api/conversations/${conversation.id}`)).statusCode).toBe(200);
    const notForMe = await clientBrowser.get(`/api/conversations/${conversation.id}`);
    expect(notForMe.statusCode).toBe(404);
    expect(notForMe.body).toBe((await clientBrowser.get(`/api/conversations/${randomUUID()}`)).body);
    expect(
      (await clientBrowser.get('/api/conversations'))
        .json()
        .items.some((c: { id: string }) => c.id === conversation.id),
    ).toBe(false);
    // A limited user sees no company-wide conversation and may only start private ones.
    const limitedList = (await limitedBrowser.get('/api/conversations')).json().items;
    expect(limitedList.map((c: { id: string }) => c.id)).toEqual([conversation.id]);
    expect((await start(limitedBrowser, { channelId: channel.accounting })).statusCode).toBe(403);
    expect(
      (await start(limitedBrowser, { channelId: channel.accounting, visibility: 'private' })).json().participants,
    ).toEqual([{ userId: limitedClient.id, name: limitedClient.name }]);
    const outsider = await t.factories.clientUser(await t.factories.company(office));
    const bad = await start(accountantBrowser, {
      companyId: company.id,
      channelId: channel.accounting,
      visibility: 'private',
      participantIds: [outsider.id],
    });
    expect(bad.json().error.code).toBe('conversation.participant_invalid');
  });

  it('stores a retried send once: the same clientId returns the same message', async () => {
    const startId = randomUUID();
    const conversation = (await start(clientBrowser, { channelId: channel.invoicing, clientId: startId })).json();
    const clientId = randomUUID();
    const send = () =>
      clientBrowser.post(`/api/conversations/${conversation.id}/messages`, {
        clientId,
        body: 'Czy faktura trafiła do KSeF?',
      });
    const results = await Promise.all([send(), send(), send()]);
    expect(new Set(results.map((r) => r.json().id)).size).toBe(1);
    expect(results.every((r) => r.statusCode === 201)).toBe(true);
    // A retried start (the browser never saw the answer) finds the conversation it created.
    const retriedStart = await start(clientBrowser, { channelId: channel.invoicing, clientId: startId });
    expect(retriedStart.json().id).toBe(conversation.id);
    expect(
      (await clientBrowser.get(`/api/conversations/${conversation.id}/messages`))
        .json()
        .items.map((m: { seq: number }) => m.seq),
    ).toEqual([1, 2]);
  });

  it('lets authors edit and delete their messages within the office window, keeping every revision', async () => {
    const conversation = (await start(clientBrowser, { channelId: channel.accounting, body: 'Kwota: 1000 zł' })).json();
    const [first] = (await clientBrowser.get(`/api/conversations/${conversation.id}/messages`)).json().items;
    expect((await accountantBrowser.patch(`/api/messages/${first.id}`, { body: 'hack' })).json().error.code).toBe(
      'message.not_author',
    );
    const edited = (await clientBrowser.patch(`/api/messages/${first.id}`, { body: 'Kwota: 1200 zł' })).json();
    expect(edited).toMatchObject({ body: 'Kwota: 1200 zł', editedAt: expect.any(String) });
    expect((await clientBrowser.delete(`/api/messages/${first.id}`)).statusCode).toBe(204);
    const [marker] = (await accountantBrowser.get(`/api/conversations/${conversation.id}/messages`)).json().items;
    expect(marker).toMatchObject({ body: '', deletedAt: expect.any(String) });
    const revisions = (await owner.get(`/api/messages/${first.id}/revisions`)).json().items;
    expect(revisions.map((r: { kind: string; body: string }) => [r.kind, r.body])).toEqual([
      ['edit', 'Kwota: 1000 zł'],
      ['delete', 'Kwota: 1200 zł'],
    ]);
    // Who else reads them is the history's own rule (conversation.history.test.ts).
    // The audit view shows both, with the conversation's subject as what was changed.
    const audited = (await owner.get(`/api/audit?objectType=message&objectId=${first.id}`)).json().items;
    expect(
      audited.map((e: { action: string; before: unknown; after: unknown; objectLabel: string }) => [
        e.action,
        e.before,
        e.after,
        e.objectLabel,
      ]),
    ).toEqual([
      ['message.deleted', { body: 'Kwota: 1200 zł' }, null, 'VAT za październik'],
      ['message.edited', { body: 'Kwota: 1000 zł' }, { body: 'Kwota: 1200 zł' }, 'VAT za październik'],
    ]);
    const history = await t.db.inTenant({ officeId: office.id }, (tx) =>
      tx
        .execute(`DELETE FROM message_revisions`)
        .catch((e: Error & { cause?: Error }) => e.cause?.message ?? e.message),
    );
    expect(String(history)).toMatch(/permission denied/);

    await owner.patch('/api/office', { messageEditMinutes: 0 });
    const message = (
      await clientBrowser.post(`/api/conversations/${conversation.id}/messages`, {
        clientId: randomUUID(),
        body: 'Późno',
      })
    ).json();
    expect((await clientBrowser.patch(`/api/messages/${message.id}`, { body: 'Za późno' })).json().error.code).toBe(
      'message.edit_window_passed',
    );
    await owner.patch('/api/office', { messageEditMinutes: 15 });
  });

  it('keeps read positions per person and shows them as receipts', async () => {
    const conversation = (await start(clientBrowser, { channelId: channel.accounting })).json();
    await accountantBrowser.post(`/api/conversations/${conversation.id}/messages`, {
      clientId: randomUUID(),
      body: 'Proszę o wyciąg.',
    });
    expect((await clientBrowser.post(`/api/conversations/${conversation.id}/read`, { seq: 2 })).statusCode).toBe(204);
    // A late, smaller position never moves it back.
    await clientBrowser.post(`/api/conversations/${conversation.id}/read`, { seq: 1 });
    const readers = (await accountantBrowser.get(`/api/conversations/${conversation.id}`)).json().readers;
    expect(readers).toContainEqual(expect.objectContaining({ userId: fullClient.id, side: 'client', lastReadSeq: 2 }));
    expect(readers).toContainEqual(expect.objectContaining({ userId: accountant.id, side: 'office', lastReadSeq: 2 }));
    expect(
      (await clientBrowser.get('/api/conversations')).json().items.find((c: { id: string }) => c.id === conversation.id)
        .unread,
    ).toBe(false);
  });

  it('refuses empty and oversized messages with a translated error, storing nothing', async () => {
    const conversation = (await start(clientBrowser, { channelId: channel.accounting })).json();
    const empty = await clientBrowser.post(`/api/conversations/${conversation.id}/messages`, {
      clientId: randomUUID(),
      body: '   ',
    });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error.fields).toEqual({ body: 'This field is required.' });
    const huge = await clientBrowser.post(`/api/conversations/${conversation.id}/messages`, {
      clientId: randomUUID(),
      body: 'ż'.repeat(20_001),
    });
    expect(huge.statusCode).toBe(400);
    expect(huge.json().error.fields.body).toMatch(/20000/);
    expect((await clientBrowser.get(`/api/conversations/${conversation.id}`)).json().lastMessageSeq).toBe(1);
  });

  it('finds Polish, Romanian and French words with or without diacritics, only where the user may look', async () => {
    const turtle = (
      await start(clientBrowser, { channelId: channel.accounting, subject: 'Żółw w biurze', body: 'Zdjęcie paragonu' })
    ).json();
    const meeting = (
      await start(accountantBrowser, {
        companyId: company.id,
        channelId: channel.admin,
        subject: 'Bilanț',
        body: 'Ședința de bilanț este mâine. Réunion à 10h.',
      })
    ).json();
    const ids = async (browser: Session, q: string) =>
      (await browser.get(`/api/search?q=${encodeURIComponent(q)}`)).json().items.map((i: { id: string }) => i.id);
    expect(await ids(clientBrowser, 'zolw')).toEqual([turtle.id]);
    expect(await ids(clientBrowser, 'ŻÓŁW')).toEqual([turtle.id]);
    expect(await ids(clientBrowser, 'sedinta')).toEqual([meeting.id]);
    expect(await ids(clientBrowser, 'sedin bilant')).toEqual([meeting.id]);
    expect(await ids(accountantBrowser, 'reunion')).toEqual([meeting.id]);
    const hit = (await clientBrowser.get('/api/search?q=sedinta')).json().items[0];
    expect(hit).toMatchObject({
      subject: 'Bilanț',
      companyName: 'Piekarnia Złoty Kłos',
      match: { seq: 1, body: 'Ședința de bilanț este mâine. Réunion à 10h.' },
    });
    // A result says who wrote the matching message and when, so the screen can show it beside the snippet.
    expect(hit.match.authorName).toBe(accountant.name);
    expect(Date.parse(hit.match.createdAt)).not.toBeNaN();
    // Limited users see no company-wide conversation; another office sees nothing.
    expect(await ids(limitedBrowser, 'zolw')).toEqual([]);
    const stranger = await signIn(t.app, (await t.factories.office()).owner.email);
    expect(await ids(stranger, 'zolw')).toEqual([]);
    // A deleted message is no longer found.
    const [first] = (await clientBrowser.get(`/api/conversations/${turtle.id}/messages`)).json().items;
    await clientBrowser.delete(`/api/messages/${first.id}`);
    expect(await ids(clientBrowser, 'paragonu')).toEqual([]);
    expect((await clientBrowser.get('/api/search?q=%20%2B%2B%20')).json()).toMatchObject({ items: [], total: 0 });
  });

  it('answers 404 for another office’s conversation exactly like for a missing one', async () => {
    const conversation = (await start(clientBrowser, { channelId: channel.accounting })).json();
    const other = await t.factories.office();
    const stranger = await signIn(t.app, other.owner.email);
    const foreign = await stranger.get(`/api/conversations/${conversation.id}`);
    const missing = await stranger.get(`/api/conversations/${randomUUID()}`);
    expect(foreign.statusCode).toBe(404);
    expect(foreign.body).toBe(missing.body);
    expect(
      (await stranger.post(`/api/conversations/${conversation.id}/messages`, { clientId: randomUUID(), body: 'x' }))
        .statusCode,
    ).toBe(404);
    expect((await stranger.get('/api/conversations')).json().total).toBe(0);
  });
});
