// The office's own ways to be done with a client's conversation: handled, snoozed, assigned. Office-side state only.
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signIn, type Session, type TestCompany, type TestOffice } from '../../../test/harness.js';
import { eventsAfter } from '../realtime/events.repository.js';

describe('conversation triage', () => {
  let t: Awaited<ReturnType<typeof createTestApp>>;
  let office: TestOffice;
  let company: TestCompany;
  let otherCompany: TestCompany;
  let owner: Session;
  let accountant: Session;
  let accountantId: string;
  let payroll: Session;
  let payrollId: string;
  let outsiderId: string;
  let client: Session;
  let otherOfficeOwner: Session;
  let accounting: string;

  beforeAll(async () => {
    t = await createTestApp();
    office = await t.factories.office({ restrictEmployees: true });
    company = await t.factories.company(office, { name: 'Piekarnia Złoty Kłos' });
    otherCompany = await t.factories.company(office, { name: 'Cofetăria Dulce' });
    const accountantUser = await t.factories.staff(office, { specialties: ['accounting'] });
    const payrollUser = await t.factories.staff(office, { specialties: ['payroll'] });
    // A restricted employee who works only for the other company: the conversation is not theirs to see.
    const outsider = await t.factories.staff(office, { specialties: ['accounting'] });
    await t.factories.assign(company, accountantUser, 'accounting');
    await t.factories.assign(company, payrollUser, 'payroll');
    await t.factories.assign(otherCompany, outsider, 'accounting');
    accountantId = accountantUser.id;
    payrollId = payrollUser.id;
    outsiderId = outsider.id;
    const clientUser = await t.factories.clientUser(company, { access: 'full' });
    owner = await signIn(t.app, office.owner.email);
    accountant = await signIn(t.app, accountantUser.email);
    payroll = await signIn(t.app, payrollUser.email);
    client = await signIn(t.app, clientUser.email);
    const otherOffice = await t.factories.office();
    otherOfficeOwner = await signIn(t.app, otherOffice.owner.email);
    const channels = (await owner.get('/api/channels')).json().items as { id: string; key: string }[];
    accounting = channels.find((c) => c.key === 'accounting')!.id;
  });
  afterAll(() => t.close());

  /** A client's question in the accounting channel: it waits for the accountant (and the admins). */
  const question = async (subject = 'VAT za listopad') => {
    const res = await client.post('/api/conversations', {
      clientId: randomUUID(),
      visibility: 'company',
      channelId: accounting,
      subject,
      body: 'Dzień dobry, czy faktury doszły?',
    });
    expect(res.statusCode).toBe(201);
    return res.json().id as string;
  };
  const clientWrites = (id: string) =>
    client.post(`/api/conversations/${id}/messages`, { clientId: randomUUID(), body: 'Jeszcze jedno pytanie' });
  const waitsFor = async (browser: Session, id: string) =>
    (await browser.get('/api/conversations?needsAction=true&pageSize=100'))
      .json()
      .items.some((c: { id: string }) => c.id === id);
  const countFor = async (browser: Session) => (await browser.get('/api/conversations/counts')).json().total as number;

  it('offers staff handled, snooze and assign on a client-started conversation, but not close', async () => {
    const id = await question();
    const seen = (await accountant.get(`/api/conversations/${id}`)).json();
    expect(seen.permissions).toMatchObject({ close: false, handle: true, snooze: true, assign: true });
    expect(seen.triage).toEqual({ handledAt: null, handledBy: null, snoozedUntil: null, assignee: null });
  });

  it('takes a handled conversation out of "needs my action" until the client writes again', async () => {
    const id = await question('Handled until the client writes');
    expect(await waitsFor(accountant, id)).toBe(true);
    const before = await countFor(accountant);
    const handled = await accountant.post(`/api/conversations/${id}/handled`, { handled: true });
    expect(handled.statusCode).toBe(200);
    expect(handled.json().triage.handledBy).toEqual({ id: accountantId, name: expect.any(String) });
    expect(await waitsFor(accountant, id)).toBe(false);
    expect(await waitsFor(owner, id)).toBe(false);
    expect(await countFor(accountant)).toBe(before - 1);
    expect((await clientWrites(id)).statusCode).toBe(201);
    expect(await waitsFor(accountant, id)).toBe(true);
    expect((await accountant.get(`/api/conversations/${id}`)).json().triage.handledAt).toBeNull();
    // Other staff browsers hear of both changes; the client's never hear of the office's own state.
    const events = await t.db.inTenant({ officeId: office.id }, (tx) => eventsAfter(tx, office.id, 0, 10_000));
    expect(
      events.filter(
        (e) =>
          e.type === 'conversation.updated' &&
          e.conversationId === id &&
          (e.payload as { officeOnly?: boolean }).officeOnly,
      ),
    ).toHaveLength(2);
  });

  it('undoes "handled" and records both in the audit log', async () => {
    const id = await question('Handled by mistake');
    await accountant.post(`/api/conversations/${id}/handled`, { handled: true });
    const undone = await accountant.post(`/api/conversations/${id}/handled`, { handled: false });
    expect(undone.json().triage.handledAt).toBeNull();
    expect(await waitsFor(accountant, id)).toBe(true);
    const log = (await owner.get(`/api/audit?objectId=${id}`)).json().items as {
      action: string;
      objectId: string;
    }[];
    expect(log.filter((e) => e.objectId === id).map((e) => e.action)).toEqual(
      expect.arrayContaining(['conversation.handled', 'conversation.unhandled']),
    );
  });

  it('snoozes a conversation until a moment to come, or until the client writes again, whichever first', async () => {
    const id = await question('Snoozed');
    const until = new Date(Date.now() + 3 * 86_400_000).toISOString();
    const snoozed = await accountant.post(`/api/conversations/${id}/snooze`, { until });
    expect(snoozed.statusCode).toBe(200);
    expect(snoozed.json().triage.snoozedUntil).toBe(until);
    expect(await waitsFor(accountant, id)).toBe(false);
    // The moment passes: it waits again with no one doing anything.
    await t.db.inTenant({ officeId: office.id }, (tx) =>
      tx.execute(sql`UPDATE conversations SET snoozed_until = now() - interval '1 minute' WHERE id = ${id}`),
    );
    expect(await waitsFor(accountant, id)).toBe(true);
    expect((await accountant.get(`/api/conversations/${id}`)).json().triage.snoozedUntil).toBeNull();
    await accountant.post(`/api/conversations/${id}/snooze`, { until });
    expect((await clientWrites(id)).statusCode).toBe(201);
    expect(await waitsFor(accountant, id)).toBe(true);
  });

  it('unsnoozes, and refuses a snooze into the past', async () => {
    const id = await question('Unsnoozed');
    await accountant.post(`/api/conversations/${id}/snooze`, { until: new Date(Date.now() + 3_600_000).toISOString() });
    const woken = await accountant.post(`/api/conversations/${id}/snooze`, { until: null });
    expect(woken.json().triage.snoozedUntil).toBeNull();
    expect(await waitsFor(accountant, id)).toBe(true);
    const past = await accountant.post(`/api/conversations/${id}/snooze`, { until: '2020-01-01T00:00:00.000Z' });
    expect(past.statusCode).toBe(400);
  });

  it('refuses handled and snooze on a closed conversation', async () => {
    const id = await question('Closed');
    await client.post(`/api/conversations/${id}/close`);
    const seen = (await accountant.get(`/api/conversations/${id}`)).json();
    expect(seen.permissions).toMatchObject({ handle: false, snooze: false, assign: true });
    expect((await accountant.post(`/api/conversations/${id}/handled`, { handled: true })).statusCode).toBe(409);
  });

  it('makes an assigned conversation need the assignee’s action, not the routed colleague’s; admins keep seeing it', async () => {
    const id = await question('Assigned to payroll');
    expect(await waitsFor(payroll, id)).toBe(false);
    const assigned = await accountant.post(`/api/conversations/${id}/assign`, { assigneeId: payrollId });
    expect(assigned.statusCode).toBe(200);
    expect(assigned.json().triage.assignee).toEqual({ id: payrollId, name: expect.any(String) });
    expect(await waitsFor(payroll, id)).toBe(true);
    expect(await waitsFor(accountant, id)).toBe(false);
    expect(await waitsFor(owner, id)).toBe(true);
    // The inbox filtered by a colleague shows what is theirs: assigned to them, or unassigned and routed to them.
    const ofPayroll = (await owner.get(`/api/conversations?assigneeId=${payrollId}&pageSize=100`)).json().items;
    expect(ofPayroll.map((c: { id: string }) => c.id)).toContain(id);
    // The assignee is told, live, in their bell.
    const bell = (await payroll.get('/api/notifications')).json().items as { kind: string; conversationId: string }[];
    expect(bell).toContainEqual(expect.objectContaining({ kind: 'assigned', conversationId: id }));
    const unassigned = await owner.post(`/api/conversations/${id}/assign`, { assigneeId: null });
    expect(unassigned.json().triage.assignee).toBeNull();
    expect(await waitsFor(accountant, id)).toBe(true);
    expect(await waitsFor(payroll, id)).toBe(false);
  });

  it('assigns only to colleagues who may see the conversation: a restricted employee of another company is refused', async () => {
    const id = await question('Who may take it');
    const choices = (await accountant.get(`/api/conversations/${id}/assignees`)).json().items as { id: string }[];
    expect(choices.map((c) => c.id)).toEqual(expect.arrayContaining([accountantId, payrollId, office.owner.id]));
    expect(choices.map((c) => c.id)).not.toContain(outsiderId);
    const refused = await accountant.post(`/api/conversations/${id}/assign`, { assigneeId: outsiderId });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.fields).toHaveProperty('assigneeId');
    const stranger = await accountant.post(`/api/conversations/${id}/assign`, { assigneeId: randomUUID() });
    expect(stranger.statusCode).toBe(400);
  });

  it('answers 404 to a restricted employee of another company and to another office', async () => {
    const id = await question('Not yours');
    const outsider = await signIn(
      t.app,
      (
        await t.db.inTenant({ officeId: office.id }, (tx) =>
          tx.execute<{ email: string }>(sql`SELECT email FROM users WHERE id = ${outsiderId}`),
        )
      ).rows[0]!.email,
    );
    for (const browser of [outsider, otherOfficeOwner]) {
      expect((await browser.post(`/api/conversations/${id}/handled`, { handled: true })).statusCode).toBe(404);
      expect((await browser.post(`/api/conversations/${id}/snooze`, { until: null })).statusCode).toBe(404);
      expect((await browser.post(`/api/conversations/${id}/assign`, { assigneeId: null })).statusCode).toBe(404);
      expect((await browser.get(`/api/conversations/${id}/assignees`)).statusCode).toBe(404);
    }
  });

  it('refuses the client and never shows them the office’s own state', async () => {
    const id = await question('Client side');
    await accountant.post(`/api/conversations/${id}/assign`, { assigneeId: accountantId });
    await accountant.post(`/api/conversations/${id}/handled`, { handled: true });
    expect((await client.post(`/api/conversations/${id}/handled`, { handled: true })).statusCode).toBe(403);
    expect((await client.post(`/api/conversations/${id}/snooze`, { until: null })).statusCode).toBe(403);
    expect((await client.post(`/api/conversations/${id}/assign`, { assigneeId: null })).statusCode).toBe(403);
    expect((await client.get(`/api/conversations/${id}/assignees`)).statusCode).toBe(403);
    const seen = (await client.get(`/api/conversations/${id}`)).json();
    expect(seen).not.toHaveProperty('triage');
    expect(seen.permissions).toMatchObject({ handle: false, snooze: false, assign: false });
    const listed = (await client.get('/api/conversations?pageSize=100'))
      .json()
      .items.find((c: { id: string }) => c.id === id);
    expect(listed).not.toHaveProperty('triage');
    // The client wrote last: nothing waits for them, whatever the office's own state.
    expect(await waitsFor(client, id)).toBe(false);
  });
});
