// Deleting a company: it leaves every list, search and counter, and its client users' access, at once; an office admin
// may restore it for 30 days; then the purge job removes its conversations, files and forgotten people, and keeps the
// audit log and the company's identity.
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pdf } from '../../../test/fixtures/files.js';
import {
  anonymous,
  createTestApp,
  PASSWORD,
  signIn,
  type Session,
  type TestCompany,
  type TestOffice,
  type TestUser,
} from '../../../test/harness.js';

describe('deleting a company', () => {
  let t: Awaited<ReturnType<typeof createTestApp>>;
  let office: TestOffice;
  let owner: Session;
  let employee: Session;
  let company: TestCompany;
  let other: TestCompany;
  let client: TestUser;
  let clientSession: Session;
  /** A client user of both companies: keeps their account when the deleted one is purged. */
  let shared: TestUser;
  let outsider: Session;
  let conversationId: string;
  let fileSha: string;

  beforeAll(async () => {
    t = await createTestApp();
    office = await t.factories.office();
    owner = await signIn(t.app, office.owner.email);
    employee = await signIn(t.app, (await t.factories.staff(office, { role: 'employee' })).email);
    company = await t.factories.company(office, { name: 'Kwiaciarnia Różana sp. z o.o.' });
    other = await t.factories.company(office, { name: 'Stolarnia Dębowa s.c.' });
    client = await t.factories.clientUser(company, { access: 'full' });
    shared = await t.factories.clientUser(company, { access: 'full' });
    await t.factories.clientUser(other, { access: 'full', user: shared });
    clientSession = await signIn(t.app, client.email);
    outsider = await signIn(t.app, (await t.factories.office()).owner.email);
    const channels = (await owner.get('/api/channels')).json().items as { id: string; key: string }[];
    const uploaded = (await clientSession.upload('/api/attachments', 'faktura-różana.pdf', pdf())).json();
    const started = await clientSession.post('/api/conversations', {
      clientId: randomUUID(),
      channelId: channels.find((c) => c.key === 'accounting')!.id,
      subject: 'Faktury różane',
      body: 'Przesyłam fakturę za tulipany.',
      visibility: 'company',
    });
    expect(started.statusCode, started.body).toBe(201);
    conversationId = started.json().id;
    const sent = await clientSession.post(`/api/conversations/${conversationId}/messages`, {
      clientId: randomUUID(),
      body: 'I jeszcze jedna.',
      attachmentIds: [uploaded.id],
    });
    expect(sent.statusCode, sent.body).toBeLessThan(300);
    fileSha = (await t.asOwner(`SELECT sha256 FROM attachments WHERE id = '${uploaded.id}'`)).rows[0].sha256;
  });
  afterAll(() => t.close());

  const companyIds = async (session: Session, query = '') =>
    ((await session.get(`/api/companies?pageSize=100${query}`)).json().items as { id: string }[]).map((c) => c.id);

  it('is offered to office admins only, from the company’s own permissions', async () => {
    expect((await owner.get(`/api/companies/${company.id}`)).json().permissions.delete).toBe(true);
    expect((await employee.get(`/api/companies/${company.id}`)).json().permissions.delete).toBe(false);
    expect((await owner.get('/api/me')).json().can.restoreCompanies).toBe(true);
    expect((await employee.get('/api/me')).json().can.restoreCompanies).toBe(false);
  });

  it('cannot be done, nor seen, by another office, nor done by an employee or the company’s client', async () => {
    expect((await outsider.delete(`/api/companies/${company.id}`)).statusCode).toBe(404);
    expect((await employee.delete(`/api/companies/${company.id}`)).statusCode).toBe(403);
    expect((await clientSession.delete(`/api/companies/${company.id}`)).statusCode).toBe(403);
    expect((await outsider.post(`/api/companies/${company.id}/restore`)).statusCode).toBe(404);
    expect((await companyIds(owner)).includes(company.id)).toBe(true);
  });

  it('takes the company from every list, search and counter, and its client out of it, at once — audited', async () => {
    expect((await owner.get('/api/conversations/counts')).json().byCompany).toContainEqual(
      expect.objectContaining({ id: company.id }),
    );
    const res = await owner.delete(`/api/companies/${company.id}`);
    expect(res.statusCode, res.body).toBe(204);

    expect(await companyIds(owner)).not.toContain(company.id);
    expect(await companyIds(owner, '&search=rozana')).toEqual([]);
    expect(await companyIds(employee)).not.toContain(company.id);
    expect((await owner.get(`/api/companies/${company.id}`)).statusCode).toBe(404);
    expect((await owner.get(`/api/conversations/${conversationId}`)).statusCode).toBe(404);
    const counts = (await owner.get('/api/conversations/counts')).json();
    expect(counts.byCompany.map((c: { id: string }) => c.id)).not.toContain(company.id);
    const list = (await owner.get('/api/conversations')).json().items as { id: string }[];
    expect(list.map((c) => c.id)).not.toContain(conversationId);
    expect((await owner.get('/api/search?q=tulipany')).json().total).toBe(0);
    const portfolio = (await owner.get('/api/portfolio')).json();
    expect(JSON.stringify(portfolio)).not.toContain(company.id);

    // The client's session in it has ended; signing in again finds no company to enter.
    expect((await clientSession.get('/api/me')).statusCode).toBe(401);
    const again = await anonymous(t.app).post('/api/auth/sign-in', { email: client.email, password: PASSWORD });
    expect(again.statusCode).not.toBe(200);
    // A colleague who also works for another company signs into that one.
    const sharedSession = await signIn(t.app, shared.email);
    expect((await sharedSession.get('/api/me')).json().company.id).toBe(other.id);

    const audit = (await owner.get(`/api/audit?objectId=${company.id}`)).json().items;
    expect(audit[0]).toMatchObject({ action: 'company.deleted', actor: { id: office.owner.id } });
  });

  it('lists it under "Recently deleted" for the office’s admins only, with the date it may be restored until', async () => {
    const items = (await owner.get('/api/companies/deleted')).json().items;
    expect(items).toEqual([
      expect.objectContaining({ id: company.id, name: 'Kwiaciarnia Różana sp. z o.o.', deletedBy: expect.anything() }),
    ]);
    const until = new Date(items[0].restorableUntil).getTime() - new Date(items[0].deletedAt).getTime();
    expect(until).toBe(30 * 24 * 3600_000);
    expect((await employee.get('/api/companies/deleted')).statusCode).toBe(403);
    expect((await outsider.get('/api/companies/deleted')).json().items).toEqual([]);
  });

  it('queues its purge for 30 days after the deletion', async () => {
    const job = await t.asOwner(
      `SELECT start_after FROM pgboss.job WHERE name = 'company-purge' AND data->>'companyId' = '${company.id}'`,
    );
    expect(job.rows).toHaveLength(1);
    const days = (new Date(job.rows[0].start_after).getTime() - Date.now()) / (24 * 3600_000);
    expect(days).toBeGreaterThan(29.9);
    expect(days).toBeLessThanOrEqual(30);
  });

  it('brings everything back when restored within 30 days: lists, conversations and the client’s access', async () => {
    const res = await owner.post(`/api/companies/${company.id}/restore`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ id: company.id, status: 'active' });
    expect(await companyIds(owner)).toContain(company.id);
    expect((await owner.get(`/api/conversations/${conversationId}`)).statusCode).toBe(200);
    expect((await owner.get('/api/search?q=tulipany')).json().total).toBeGreaterThan(0);
    const back = await signIn(t.app, client.email);
    expect((await back.get('/api/me')).json().company.id).toBe(company.id);
    expect((await back.get(`/api/conversations/${conversationId}`)).statusCode).toBe(200);
    expect((await owner.get('/api/companies/deleted')).json().items).toEqual([]);
    const audit = (await owner.get(`/api/audit?objectId=${company.id}`)).json().items;
    expect(audit[0]).toMatchObject({ action: 'company.restored' });
    // The purge queued by the deletion finds nothing to do.
    await t.app.services.companies.purge({ officeId: office.id, companyId: company.id });
    expect((await owner.get(`/api/conversations/${conversationId}`)).statusCode).toBe(200);
  });

  it('cannot be restored after 30 days', async () => {
    const late = await t.factories.company(office);
    await t.asOwner(`UPDATE companies SET deleted_at = now() - interval '31 days' WHERE id = '${late.id}'`);
    expect((await owner.post(`/api/companies/${late.id}/restore`)).statusCode).toBe(404);
    expect((await owner.get('/api/companies/deleted')).json().items).toEqual([]);
  });

  it('is purged by the job after 30 days: conversations, files and people of nothing else go, the audit log stays', async () => {
    expect((await owner.delete(`/api/companies/${company.id}`)).statusCode).toBe(204);
    // Not before its 30 days.
    await t.app.services.companies.purge({ officeId: office.id, companyId: company.id });
    expect((await t.asOwner(`SELECT 1 FROM conversations WHERE id = '${conversationId}'`)).rows).toHaveLength(1);

    await t.asOwner(`UPDATE companies SET deleted_at = now() - interval '30 days 1 minute' WHERE id = '${company.id}'`);
    await t.app.services.companies.purge({ officeId: office.id, companyId: company.id });

    const count = async (sql: string) => (await t.asOwner(sql)).rows.length;
    expect(await count(`SELECT 1 FROM conversations WHERE company_id = '${company.id}'`)).toBe(0);
    expect(await count(`SELECT 1 FROM attachments WHERE company_id = '${company.id}'`)).toBe(0);
    expect(await count(`SELECT 1 FROM company_users WHERE company_id = '${company.id}'`)).toBe(0);
    const [row] = (await t.asOwner(`SELECT name, emails, purged_at, tax_id FROM companies WHERE id = '${company.id}'`))
      .rows;
    expect(row).toMatchObject({ name: 'Kwiaciarnia Różana sp. z o.o.', emails: [] });
    expect(row.purged_at).not.toBeNull();
    // The client of this company only is forgotten; the one who also works for another company keeps their account.
    const [forgotten] = (await t.asOwner(`SELECT name, email, password_hash FROM users WHERE id = '${client.id}'`))
      .rows;
    expect(forgotten).toMatchObject({ name: '—', password_hash: null });
    expect(forgotten.email).not.toBe(client.email);
    const [kept] = (await t.asOwner(`SELECT email FROM users WHERE id = '${shared.id}'`)).rows;
    expect(kept.email).toBe(shared.email);
    expect((await signIn(t.app, shared.email).then((s) => s.get('/api/me'))).json().company.id).toBe(other.id);

    // Its file goes with the next sweep, since nothing refers to it any more.
    const file = path.join(t.filesDir, 'offices', office.id, fileSha.slice(0, 2), fileSha);
    expect(existsSync(file)).toBe(true);
    await t.app.services.attachments.sweep(0, 0);
    expect(existsSync(file)).toBe(false);

    // The audit log keeps every entry about the company, and says what the purge removed.
    const audit = (await owner.get(`/api/audit?objectId=${company.id}`)).json().items as { action: string }[];
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining(['company.purged', 'company.deleted', 'company.restored']),
    );
    expect(audit[0]).toMatchObject({ action: 'company.purged', after: { conversations: 1, forgottenPeople: 1 } });
    expect((await owner.post(`/api/companies/${company.id}/restore`)).statusCode).toBe(404);
  });
});
