// What a thread tells about itself beyond its messages: who closed it and when, the earlier texts of a message (and
// who may read them), and whom a private conversation may include.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signIn, type Session, type TestCompany, type TestUser } from '../../../test/harness.js';

describe('a thread’s history and people', () => {
  let t: Awaited<ReturnType<typeof createTestApp>>;
  let company: TestCompany;
  let accountant: TestUser;
  let fullClient: TestUser;
  let colleague: TestUser;
  let limitedClient: TestUser;
  let owner: Session;
  let accountantBrowser: Session;
  let clientBrowser: Session;
  let colleagueBrowser: Session;
  let limitedBrowser: Session;
  let otherCompanyBrowser: Session;
  let otherOfficeBrowser: Session;
  let accounting: string;

  beforeAll(async () => {
    t = await createTestApp();
    const office = await t.factories.office({ name: 'Biuro Rachunkowe Żółw' });
    company = await t.factories.company(office, { name: 'Piekarnia Złoty Kłos' });
    accountant = await t.factories.staff(office, { specialties: ['accounting'], name: 'Anna Nowak' });
    await t.factories.assign(company, accountant, 'accounting');
    fullClient = await t.factories.clientUser(company, { access: 'full' });
    colleague = await t.factories.clientUser(company, { access: 'full' });
    limitedClient = await t.factories.clientUser(company, { access: 'limited' });
    const otherCompany = await t.factories.company(office, { name: 'Stolarnia Lis' });
    const otherCompanyClient = await t.factories.clientUser(otherCompany, { access: 'full' });
    const otherOffice = await t.factories.office();
    owner = await signIn(t.app, office.owner.email);
    accountantBrowser = await signIn(t.app, accountant.email);
    clientBrowser = await signIn(t.app, fullClient.email);
    colleagueBrowser = await signIn(t.app, colleague.email);
    limitedBrowser = await signIn(t.app, limitedClient.email);
    otherCompanyBrowser = await signIn(t.app, otherCompanyClient.email);
    otherOfficeBrowser = await signIn(t.app, otherOffice.owner.email);
    const channels = (await owner.get('/api/channels')).json().items as { id: string; key: string }[];
    accounting = channels.find((c) => c.key === 'accounting')!.id;
  });
  afterAll(() => t.close());

  const start = (browser: Session, body: Record<string, unknown> = {}) =>
    browser.post('/api/conversations', {
      clientId: randomUUID(),
      channelId: accounting,
      visibility: 'company',
      subject: 'VAT za listopad',
      body: 'Kwota: 1000 zł',
      ...body,
    });
  const firstMessage = async (browser: Session, conversationId: string) =>
    (await browser.get(`/api/conversations/${conversationId}/messages`)).json().items[0] as { id: string };

  it('tells who closed a conversation and when, in its header and in every list', async () => {
    const conversation = (await start(accountantBrowser, { companyId: company.id })).json();
    const closed = (await accountantBrowser.post(`/api/conversations/${conversation.id}/close`)).json();
    expect(closed).toMatchObject({ closedBy: { id: accountant.id, name: 'Anna Nowak' }, closedAt: expect.any(String) });
    // The client sees the same closer, in the thread and in their list.
    expect((await clientBrowser.get(`/api/conversations/${conversation.id}`)).json().closedBy).toEqual({
      id: accountant.id,
      name: 'Anna Nowak',
    });
    const line = (await clientBrowser.get('/api/conversations?status=closed')).json().items[0];
    expect(line).toMatchObject({ id: conversation.id, closedAt: closed.closedAt, closedBy: { name: 'Anna Nowak' } });
    // Reopened, it names nobody.
    await accountantBrowser.post(`/api/conversations/${conversation.id}/reopen`);
    expect((await clientBrowser.get(`/api/conversations/${conversation.id}`)).json()).toMatchObject({
      closedBy: null,
      closedAt: null,
    });
  });

  it('shows an edited message’s earlier texts to everyone who sees the message: staff and the company’s clients', async () => {
    const conversation = (await start(clientBrowser)).json();
    const message = await firstMessage(clientBrowser, conversation.id);
    await clientBrowser.patch(`/api/messages/${message.id}`, { body: 'Kwota: 1200 zł' });
    for (const browser of [owner, accountantBrowser, clientBrowser, colleagueBrowser]) {
      const answer = await browser.get(`/api/messages/${message.id}/revisions`);
      expect(answer.statusCode).toBe(200);
      expect(answer.json().items).toEqual([
        { kind: 'edit', body: 'Kwota: 1000 zł', revisedAt: expect.any(String), revisedBy: expect.any(Object) },
      ]);
      expect(answer.json().items[0].revisedBy).toEqual({ id: fullClient.id, name: fullClient.name });
    }
    // Whoever may not see the message is told it does not exist, like for a missing one.
    const missing = (await limitedBrowser.get(`/api/messages/${randomUUID()}/revisions`)).body;
    for (const stranger of [limitedBrowser, otherCompanyBrowser, otherOfficeBrowser]) {
      const answer = await stranger.get(`/api/messages/${message.id}/revisions`);
      expect(answer.statusCode).toBe(404);
      expect(answer.body).toBe(missing);
    }
  });

  it('keeps a deleted message’s text for the office: clients, its author too, no longer read it', async () => {
    const conversation = (await start(clientBrowser)).json();
    const message = await firstMessage(clientBrowser, conversation.id);
    await clientBrowser.delete(`/api/messages/${message.id}`);
    const staffView = await accountantBrowser.get(`/api/messages/${message.id}/revisions`);
    expect(staffView.json().items.map((r: { kind: string; body: string }) => [r.kind, r.body])).toEqual([
      ['delete', 'Kwota: 1000 zł'],
    ]);
    for (const client of [clientBrowser, colleagueBrowser])
      expect((await client.get(`/api/messages/${message.id}/revisions`)).statusCode).toBe(403);
    // The thread tells each side whether it may ask, so neither offers what the other would refuse.
    expect((await accountantBrowser.get(`/api/conversations/${conversation.id}`)).json().permissions).toMatchObject({
      readDeletedText: true,
    });
    expect((await clientBrowser.get(`/api/conversations/${conversation.id}`)).json().permissions).toMatchObject({
      readDeletedText: false,
    });
  });

  it('lets a client user, a limited one too, write privately to chosen colleagues of their company', async () => {
    const names = async (browser: Session, query = '') =>
      ((await browser.get(`/api/conversations/participants${query}`)).json().items as { userId: string }[]).map(
        (p) => p.userId,
      );
    // Names only, the asker left out.
    expect((await limitedBrowser.get('/api/conversations/participants')).json().items).toEqual(
      expect.arrayContaining([{ userId: fullClient.id, name: fullClient.name }]),
    );
    expect(new Set(await names(limitedBrowser))).toEqual(new Set([fullClient.id, colleague.id]));
    expect(new Set(await names(accountantBrowser, `?companyId=${company.id}`))).toEqual(
      new Set([fullClient.id, colleague.id, limitedClient.id]),
    );
    // Another company's or office's people are not theirs to list.
    expect((await otherCompanyBrowser.get(`/api/conversations/participants?companyId=${company.id}`)).statusCode).toBe(
      404,
    );
    expect((await otherOfficeBrowser.get(`/api/conversations/participants?companyId=${company.id}`)).statusCode).toBe(
      404,
    );
    expect((await owner.get('/api/conversations/participants')).statusCode).toBe(400);

    const conversation = (
      await start(limitedBrowser, { visibility: 'private', participantIds: [colleague.id], subject: 'Moja umowa' })
    ).json();
    expect(conversation.participants.map((p: { userId: string }) => p.userId).sort()).toEqual(
      [limitedClient.id, colleague.id].sort(),
    );
    expect((await colleagueBrowser.get(`/api/conversations/${conversation.id}`)).statusCode).toBe(200);
    expect((await clientBrowser.get(`/api/conversations/${conversation.id}`)).statusCode).toBe(404);
    // A person of another company cannot be slipped in.
    const outsider = (await otherCompanyBrowser.get('/api/me')).json().user.id as string;
    const bad = await start(limitedBrowser, { visibility: 'private', participantIds: [outsider] });
    expect(bad.json().error.code).toBe('conversation.participant_invalid');
  });
});
