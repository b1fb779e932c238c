// The company's own e-mail address as a recipient: when the office sets one on the company, the office's messages in
// conversations open to the whole company also reach that address — through a real SMTP server, in the office's
// language, with no link and no reply address (it is nobody's account). Private conversations and the client's own
// messages stay out of it.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signIn, type Session, type TestCompany, type TestOffice } from '../../../test/harness.js';
import { startSmtp } from '../../../test/smtp-server.js';
import { startWorkers } from '../../workers.js';

const ADDRESS = 'biuro@kwiaciarnia-rozana.example';

describe("the company's own address", () => {
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let t: Awaited<ReturnType<typeof createTestApp>>;
  let workers: Awaited<ReturnType<typeof startWorkers>>;
  let office: TestOffice;
  let company: TestCompany;
  let owner: Session;
  let employee: Session;
  let client: Session;
  let outsider: Session;
  let accounting: string;

  beforeAll(async () => {
    smtp = await startSmtp({ security: 'none', username: 'instance', password: 'instance-pass' });
    t = await createTestApp({
      SMTP_URL: `smtp://instance:instance-pass@127.0.0.1:${smtp.port}`,
      MAIL_FROM: 'Bureau <no-reply@bureau.test>',
      OUTBOUND_ALLOW_PRIVATE: 'true',
    });
    workers = await startWorkers(t.app.services, t.app.config);
    office = await t.factories.office({ name: 'Biuro Rachunkowe Żółw' });
    company = await t.factories.company(office, { name: 'Kwiaciarnia Różana' });
    const staff = await t.factories.staff(office, { specialties: ['accounting'] });
    await t.factories.assign(company, staff, 'accounting');
    owner = await signIn(t.app, office.owner.email);
    await owner.patch('/api/office', { defaultLocale: 'pl' });
    employee = await signIn(t.app, staff.email);
    client = await signIn(t.app, (await t.factories.clientUser(company, { access: 'full' })).email);
    outsider = await signIn(t.app, (await t.factories.office()).owner.email);
    accounting = ((await owner.get('/api/channels')).json().items as { id: string; key: string }[]).find(
      (c) => c.key === 'accounting',
    )!.id;
  });
  afterAll(async () => {
    await workers.stop();
    await t.close();
    await smtp.close();
  });

  const toCompany = () => smtp.received.filter((m) => m.to.includes(ADDRESS));

  it('is set by the office staff who may edit the company, validated, and by nobody else', async () => {
    const bad = await employee.patch(`/api/companies/${company.id}`, { notificationEmail: 'not an address' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields).toHaveProperty('notificationEmail');
    expect((await client.patch(`/api/companies/${company.id}`, { notificationEmail: ADDRESS })).statusCode).toBe(403);
    expect((await outsider.patch(`/api/companies/${company.id}`, { notificationEmail: ADDRESS })).statusCode).toBe(404);
    const res = await employee.patch(`/api/companies/${company.id}`, {
      notificationEmail: ` ${ADDRESS.toUpperCase()} `,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().notificationEmail).toBe(ADDRESS);
    const audit = (await owner.get(`/api/audit?objectId=${company.id}`)).json().items;
    expect(audit[0]).toMatchObject({ action: 'company.updated', after: { notificationEmail: ADDRESS } });
  });

  it("receives the office's message to the whole company in the office's language, with no link", async () => {
    const started = await employee.post('/api/conversations', {
      clientId: randomUUID(),
      companyId: company.id,
      channelId: accounting,
      subject: 'Deklaracja VAT za listopad',
      body: 'Do zapłaty 1 234 zł do 25 grudnia.',
      visibility: 'company',
    });
    expect(started.statusCode, started.body).toBe(201);
    await expect.poll(() => toCompany().length, { timeout: 20_000 }).toBe(1);
    const mail = toCompany()[0]!.data;
    expect(mail).toContain('Deklaracja VAT za listopad');
    expect(mail).not.toMatch(/https?:\/\/localhost:3000/);
    expect(mail).not.toMatch(/^Reply-To:/im);
    // Polish, the office's language (the subject line is encoded; the body says "Dzień dobry").
    expect(mail).toMatch(/Dzie(ń|=C5=84) dobry/);
  });

  it("leaves out the client's own messages and conversations meant for some people only", async () => {
    const before = toCompany().length;
    const own = await client.post('/api/conversations', {
      clientId: randomUUID(),
      channelId: accounting,
      subject: 'Pytanie klienta',
      body: 'Czy mogę zapłacić później?',
      visibility: 'company',
    });
    expect(own.statusCode, own.body).toBe(201);
    const reply = await employee.post(`/api/conversations/${own.json().id}/messages`, {
      clientId: randomUUID(),
      body: 'Tak, do końca miesiąca.',
    });
    expect(reply.statusCode, reply.body).toBeLessThan(300);
    // Then a conversation the client opened for themself only, answered by the office.
    const mine = await client.post('/api/conversations', {
      clientId: randomUUID(),
      channelId: accounting,
      subject: 'Sprawa prywatna',
      body: 'Tylko do mnie, proszę.',
      visibility: 'private',
    });
    expect(mine.statusCode, mine.body).toBe(201);
    const privately = await employee.post(`/api/conversations/${mine.json().id}/messages`, {
      clientId: randomUUID(),
      body: 'Odpowiadam tylko Panu.',
    });
    expect(privately.statusCode, privately.body).toBeLessThan(300);
    await expect.poll(() => toCompany().length, { timeout: 20_000 }).toBe(before + 1);
    expect(toCompany().at(-1)!.data).toContain('Pytanie klienta');
    // However often its job runs, the private answer is queued for no company address.
    await t.app.services.notifications.handleMessage({
      officeId: office.id,
      messageId: privately.json().id,
      kind: 'message',
    });
    const queued = await t.asOwner(`SELECT text_body FROM outbox_emails WHERE to_address = '${ADDRESS}'`);
    expect(queued.rows.map((r) => r.text_body).join(' ')).toContain('Pytanie klienta');
    expect(queued.rows.map((r) => r.text_body).join(' ')).not.toContain('Sprawa prywatna');
    expect(toCompany().some((m) => m.data.includes('Sprawa prywatna'))).toBe(false);
    expect(smtp.received.some((m) => m.to.includes(ADDRESS) && m.data.includes('Czy mog'))).toBe(false);
  });

  it('stops when the office clears the address', async () => {
    const res = await owner.patch(`/api/companies/${company.id}`, { notificationEmail: null });
    expect(res.json().notificationEmail).toBeNull();
  });
});
