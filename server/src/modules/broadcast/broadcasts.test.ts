import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestApp,
  signIn,
  type Session,
  type TestCompany,
  type TestOffice,
  type TestUser,
} from '../../../test/harness.js';

type Broadcast = {
  id: string;
  status: string;
  total: number;
  delivered: number;
  read: number;
  mode: string;
  channelId: string;
};
type Recipient = {
  companyId: string;
  companyName: string;
  conversationId: string | null;
  deliveredAt: string | null;
  readAt: string | null;
  readByName: string | null;
};

describe('broadcasts', () => {
  let t: Awaited<ReturnType<typeof createTestApp>>;
  let office: TestOffice;
  let companies: TestCompany[];
  let romanian: TestCompany[];
  let inactive: TestCompany;
  let employee: TestUser;
  let owner: Session;
  let employeeBrowser: Session;
  let restrictedBrowser: Session;
  let reader: TestUser;
  let readerBrowser: Session;
  let channels: { id: string; key: string | null }[];

  beforeAll(async () => {
    t = await createTestApp();
    office = await t.factories.office({ name: 'Biuro Rachunkowe Żółw' });
    companies = [];
    for (let i = 0; i < 9; i++)
      companies.push(await t.factories.company(office, { name: `Firma ${String(i).padStart(2, '0')} sp. z o.o.` }));
    romanian = [];
    for (let i = 0; i < 3; i++)
      romanian.push(await t.factories.company(office, { name: `Societatea ${i} SRL`, country: 'RO' }));
    inactive = await t.factories.company(office, { name: 'Zamknięta sp. z o.o.', status: 'inactive' });
    employee = await t.factories.staff(office, { specialties: ['accounting'] });
    await t.factories.assign(companies[0]!, employee, 'accounting');
    await t.factories.assign(companies[1]!, employee, 'accounting');
    reader = await t.factories.clientUser(companies[2]!, { access: 'full', name: 'Marta Czytelniczka' });
    await t.factories.clientUser(companies[3]!, { access: 'full' });
    owner = await signIn(t.app, office.owner.email);
    employeeBrowser = await signIn(t.app, employee.email);
    readerBrowser = await signIn(t.app, reader.email);
    // The same office with "restrict employees to assigned companies" on.
    const restrictedOffice = await t.factories.office({ restrictEmployees: true });
    const restricted = await t.factories.staff(restrictedOffice);
    const mine = await t.factories.company(restrictedOffice, { name: 'Moja firma' });
    await t.factories.company(restrictedOffice, { name: 'Nie moja firma' });
    await t.factories.assign(mine, restricted, 'accounting');
    restrictedBrowser = await signIn(t.app, restricted.email);
    channels = (await owner.get('/api/channels')).json().items;
  });
  afterAll(() => t.close());

  const channel = (key: string) => channels.find((c) => c.key === key)!.id;
  const send = (browser: Session, body: Record<string, unknown>) =>
    browser.post('/api/broadcasts', {
      id: randomUUID(),
      subject: 'Zmiana terminu JPK',
      body: 'Prosimy o dokumenty do **15** grudnia.',
      mode: 'conversation',
      channelId: channel('accounting'),
      ...body,
    });
  const fanOut = (id: string, batchSize?: number) =>
    t.app.services.broadcasts.fanOut({ officeId: office.id, broadcastId: id }, batchSize);
  const owner$ = (text: string) => t.asOwner(text);
  const recipients = async (id: string) =>
    (await owner.get(`/api/broadcasts/${id}/recipients`)).json().items as Recipient[];

  it('chooses companies by filter or by hand, within what the author may see', async () => {
    const active = (
      await owner.post('/api/broadcasts/preview', { selection: { kind: 'filter', status: 'active' } })
    ).json();
    expect(active.total).toBe(12);
    expect(active.items.map((c: { name: string }) => c.name)).not.toContain('Zamknięta sp. z o.o.');
    expect(
      (
        await owner.post('/api/broadcasts/preview', { selection: { kind: 'filter', status: 'active', country: 'RO' } })
      ).json().total,
    ).toBe(3);
    expect(
      (await owner.post('/api/broadcasts/preview', { selection: { kind: 'filter', assignedTo: employee.id } })).json()
        .total,
    ).toBe(2);
    await owner.patch(`/api/companies/${companies[5]!.id}`, { tags: ['Kwartalny VAT'] });
    await owner.patch(`/api/companies/${romanian[0]!.id}`, { tags: ['kwartalny vat', 'VIP'] });
    expect(
      (await owner.post('/api/broadcasts/preview', { selection: { kind: 'filter', tag: 'KWARTALNY VAT' } }))
        .json()
        .items.map((c: { id: string }) => c.id)
        .sort(),
    ).toEqual([companies[5]!.id, romanian[0]!.id].sort());
    expect(
      (
        await owner.post('/api/broadcasts/preview', {
          selection: { kind: 'companies', companyIds: [companies[4]!.id, inactive.id] },
        })
      ).json().total,
    ).toBe(2);
    // The checklist finds companies by name or tax id beyond the first 500.
    expect(
      (await owner.post('/api/broadcasts/preview', { selection: { kind: 'filter' }, search: 'societatea 1' }))
        .json()
        .items.map((c: { name: string }) => c.name),
    ).toEqual(['Societatea 1 SRL']);
    // A restricted employee reaches only their assigned company, whatever the filter.
    const restricted = (
      await restrictedBrowser.post('/api/broadcasts/preview', { selection: { kind: 'filter' } })
    ).json();
    expect(restricted.items.map((c: { name: string }) => c.name)).toEqual(['Moja firma']);
    // Clients cannot broadcast.
    expect((await readerBrowser.post('/api/broadcasts/preview', { selection: { kind: 'filter' } })).statusCode).toBe(
      403,
    );
  });

  it('refuses an empty choice, companies of another office and a bad channel, in the user’s language', async () => {
    const none = await send(owner, { selection: { kind: 'filter', country: 'BE' } });
    expect(none.statusCode).toBe(400);
    expect(none.json().error.code).toBe('broadcast.no_companies');
    expect(none.json().error.message).toBe('No company matches this choice: choose at least one company.');
    const foreign = await t.factories.company(await t.factories.office(), { name: 'Obca firma' });
    expect(
      (await send(owner, { selection: { kind: 'companies', companyIds: [companies[0]!.id, foreign.id] } })).statusCode,
    ).toBe(404);
    expect(
      (await send(owner, { channelId: randomUUID(), selection: { kind: 'companies', companyIds: [companies[0]!.id] } }))
        .statusCode,
    ).toBe(400);
    // An id written as a URN is no id here: a clear 400, never a database error.
    expect(
      (await send(owner, { selection: { kind: 'companies', companyIds: [`urn:uuid:${companies[0]!.id}`] } }))
        .statusCode,
    ).toBe(400);
    expect(
      (
        await owner.post('/api/broadcasts/preview', {
          selection: { kind: 'filter', assignedTo: `urn:uuid:${employee.id}` },
        })
      ).statusCode,
    ).toBe(400);
  });

  it('fans one message out to every company in batches, survives a restart mid-way, and never writes a company twice', async () => {
    const created = await send(owner, { selection: { kind: 'filter', status: 'active' } });
    expect(created.statusCode).toBe(201);
    const broadcast = created.json() as Broadcast;
    expect(broadcast).toMatchObject({ status: 'sending', total: 12, delivered: 0 });
    // A repeated send (a double click) is the same broadcast.
    expect(
      (
        await owner.post('/api/broadcasts', {
          id: broadcast.id,
          subject: 'Zmiana terminu JPK',
          body: 'x',
          mode: 'conversation',
          channelId: channel('accounting'),
          selection: { kind: 'filter' },
        })
      ).json().id,
    ).toBe(broadcast.id);

    // One batch, then the worker "crashes"; a new worker finishes the rest.
    expect(await t.app.services.broadcasts.fanOutBatch({ officeId: office.id, broadcastId: broadcast.id }, 5)).toBe(
      false,
    );
    expect((await owner.get(`/api/broadcasts/${broadcast.id}`)).json()).toMatchObject({
      status: 'sending',
      delivered: 5,
    });
    await fanOut(broadcast.id, 5);
    await fanOut(broadcast.id, 5);
    expect((await owner.get(`/api/broadcasts/${broadcast.id}`)).json()).toMatchObject({
      status: 'done',
      delivered: 12,
      read: 0,
    });

    const counts = await t.db.inTenant({ officeId: office.id }, (tx) =>
      tx.execute<{ conversations: number; companies: number; messages: number; jobs: number }>(`
        SELECT count(*)::int AS conversations, count(DISTINCT c.company_id)::int AS companies,
               (SELECT count(*)::int FROM messages m JOIN conversations c2 ON c2.id = m.conversation_id WHERE c2.subject = 'Zmiana terminu JPK') AS messages,
               0 AS jobs
          FROM conversations c WHERE c.subject = 'Zmiana terminu JPK'`),
    );
    expect(counts.rows[0]).toMatchObject({ conversations: 12, companies: 12, messages: 12 });
    const jobs = await owner$(
      `SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'notify' AND data->>'kind' = 'conversation' AND data->>'messageId' IN (SELECT message_id::text FROM broadcast_recipients WHERE broadcast_id = '${broadcast.id}')`,
    );
    expect(jobs.rows[0]).toEqual({ n: 12 });

    // Each company finds it as a conversation from the office, in the chosen channel.
    const list = (await readerBrowser.get('/api/conversations')).json().items as {
      id: string;
      subject: string;
      channelId: string;
    }[];
    const mine = list.find((c) => c.subject === 'Zmiana terminu JPK')!;
    expect(mine.channelId).toBe(channel('accounting'));

    // The client reads it: the report shows the read time and the reader; the others unread.
    const thread = (await readerBrowser.get(`/api/conversations/${mine.id}/messages`)).json();
    expect(thread.items[0].body).toBe('Prosimy o dokumenty do **15** grudnia.');
    await readerBrowser.post(`/api/conversations/${mine.id}/read`, { seq: 1 });
    const rows = await recipients(broadcast.id);
    const read = rows.find((r) => r.companyId === companies[2]!.id)!;
    expect(read.readAt).toBeTruthy();
    expect(read.readByName).toBe('Marta Czytelniczka');
    expect(rows.filter((r) => r.readAt)).toHaveLength(1);
    expect(rows.every((r) => r.deliveredAt && r.conversationId)).toBe(true);
    // A second read does not move the first read time.
    await readerBrowser.post(`/api/conversations/${mine.id}/read`, { seq: 1 });
    expect((await recipients(broadcast.id)).find((r) => r.companyId === companies[2]!.id)!.readAt).toBe(read.readAt);
    expect((await owner.get(`/api/broadcasts/${broadcast.id}`)).json().read).toBe(1);

    // The client answers in their own conversation: it waits for the office.
    await readerBrowser.post(`/api/conversations/${mine.id}/messages`, {
      clientId: randomUUID(),
      body: 'Dokumenty wyślemy jutro.',
    });
    const waiting = (await owner.get('/api/conversations?needsAction=true')).json().items as { id: string }[];
    expect(waiting.map((c) => c.id)).toContain(mine.id);

    // The report as CSV and XLSX.
    const csv = await owner.get(`/api/broadcasts/${broadcast.id}/report?format=csv`);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.headers['content-disposition']).toMatch(
      /^attachment; filename="?broadcast-\d{4}-\d\d-\d\d-[0-9a-f]{8}\.csv"?$/,
    );
    const lines = csv.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines).toHaveLength(13);
    expect(lines.find((l) => l.startsWith(companies[2]!.name))).toMatch(
      /,\d{4}-\d\d-\d\d \d\d:\d\d,\d{4}-\d\d-\d\d \d\d:\d\d,Marta Czytelniczka$/,
    );
    expect(lines.filter((l) => l.includes('Marta'))).toHaveLength(1);
    // Tax ids as Polish readers write them (946-446-71-78), not as stored.
    expect(lines.find((l) => l.startsWith(companies[2]!.name))).toMatch(/^[^,]+,\d{3}-\d{3}-\d\d-\d\d,/);
    const xlsx = await owner.get(`/api/broadcasts/${broadcast.id}/report?format=xlsx`);
    expect(xlsx.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.rowCount).toBe(13);
    const readRow = sheet.getRows(2, 12)!.find((r) => r.getCell(1).value === companies[2]!.name)!;
    expect(readRow.getCell(4).value).toBeInstanceOf(Date);
    expect(readRow.getCell(5).value).toBe('Marta Czytelniczka');
  });

  it('gives every company its own copy of the files, which its people can open, and drops the upload', async () => {
    const pdf = Buffer.from(
      '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
      'latin1',
    );
    const uploaded = await owner.upload(
      `/api/attachments?companyId=${companies[2]!.id}`,
      'Terminarz 2027.pdf',
      pdf,
      'application/pdf',
    );
    expect(uploaded.statusCode, uploaded.body).toBe(201);
    const created = (
      await send(owner, {
        subject: 'Terminarz na 2027',
        attachmentIds: [uploaded.json().id],
        selection: { kind: 'companies', companyIds: [companies[2]!.id, companies[3]!.id, companies[4]!.id] },
      })
    ).json() as Broadcast;
    await fanOut(created.id);
    const mine = (
      (await readerBrowser.get('/api/conversations')).json().items as { id: string; subject: string }[]
    ).find((c) => c.subject === 'Terminarz na 2027')!;
    const [message] = (await readerBrowser.get(`/api/conversations/${mine.id}/messages`)).json().items;
    expect(message.attachments).toHaveLength(1);
    expect(message.attachments[0]).toMatchObject({ name: 'Terminarz 2027.pdf', mime: 'application/pdf' });
    const file = await readerBrowser.get(`/api/attachments/${message.attachments[0].id}`);
    expect(file.statusCode).toBe(200);
    expect(file.rawPayload.equals(pdf)).toBe(true);
    const rows = await owner$(
      `SELECT count(*)::int AS n, count(DISTINCT company_id)::int AS companies, count(DISTINCT sha256)::int AS files FROM attachments WHERE name = 'Terminarz 2027.pdf'`,
    );
    // One row per company, one stored file, and no upload left waiting.
    expect(rows.rows[0]).toEqual({ n: 3, companies: 3, files: 1 });
    // Another company's file is not the reader's to open.
    const foreign = (
      await owner$(
        `SELECT id FROM attachments WHERE name = 'Terminarz 2027.pdf' AND company_id = '${companies[3]!.id}'`,
      )
    ).rows[0]!.id as string;
    expect((await readerBrowser.get(`/api/attachments/${foreign}`)).statusCode).toBe(404);
  });

  it('sends an announcement into each company’s Admin channel as a critical notice', async () => {
    await t.db.inTenant({ officeId: office.id }, (tx) =>
      tx.execute(
        `UPDATE companies SET emails = '[{"label":"Biuro","email":"biuro@firma02.pl"},{"label":"Administracja","email":"administracja@firma02.pl"}]' WHERE id = '${companies[2]!.id}'`,
      ),
    );
    const created = (
      await send(owner, {
        mode: 'announcement',
        channelId: undefined,
        subject: 'Biuro zamknięte 24 grudnia',
        selection: { kind: 'companies', companyIds: [companies[2]!.id, companies[3]!.id] },
      })
    ).json() as Broadcast;
    expect(created.channelId).toBe(channel('admin'));
    await fanOut(created.id);
    const messageId = (
      await owner$(
        `SELECT message_id FROM broadcast_recipients WHERE broadcast_id = '${created.id}' AND company_id = '${companies[2]!.id}'`,
      )
    ).rows[0]!.message_id as string;
    await t.app.services.notifications.handleMessage({ officeId: office.id, messageId, kind: 'announcement' });
    const bell = (await readerBrowser.get('/api/notifications')).json();
    expect(bell.items[0]).toMatchObject({ kind: 'announcement', title: 'Biuro zamknięte 24 grudnia', critical: true });
    // The company's administrator e-mail gets a copy, once (a repeated job adds none).
    const copies = async () =>
      ((await owner.get('/api/outbox?pageSize=100')).json().items as { template: string; toAddress: string }[]).filter(
        (e) => e.template === 'critical_notice' && e.toAddress === 'administracja@firma02.pl',
      );
    expect(await copies()).toHaveLength(1);
    await t.app.services.notifications.handleMessage({ officeId: office.id, messageId, kind: 'announcement' });
    expect(await copies()).toHaveLength(1);

    // A company without portal users hears of it too: its administrator e-mail is the only way.
    await t.db.inTenant({ officeId: office.id }, (tx) =>
      tx.execute(`UPDATE companies SET emails = '[{"email":"szef@firma08.pl"}]' WHERE id = '${companies[8]!.id}'`),
    );
    const lonely = (
      await send(owner, {
        mode: 'announcement',
        channelId: undefined,
        subject: 'Nowy cennik',
        selection: { kind: 'companies', companyIds: [companies[8]!.id] },
      })
    ).json() as Broadcast;
    await fanOut(lonely.id);
    const lonelyMessage = (
      await owner$(`SELECT message_id FROM broadcast_recipients WHERE broadcast_id = '${lonely.id}'`)
    ).rows[0]!.message_id as string;
    await t.app.services.notifications.handleMessage({
      officeId: office.id,
      messageId: lonelyMessage,
      kind: 'announcement',
      broadcast: true,
    });
    const outbox = (await owner.get('/api/outbox?pageSize=100')).json().items as {
      template: string;
      toAddress: string;
    }[];
    expect(outbox.filter((e) => e.template === 'critical_notice' && e.toAddress === 'szef@firma08.pl')).toHaveLength(1);
  });

  it('shows staff their own broadcasts and admins all of them; nobody else', async () => {
    const own = (
      await send(employeeBrowser, { selection: { kind: 'companies', companyIds: [companies[0]!.id] } })
    ).json() as Broadcast;
    const ownerList = (await owner.get('/api/broadcasts')).json();
    expect(ownerList.items.map((b: Broadcast) => b.id)).toContain(own.id);
    const employeeList = (await employeeBrowser.get('/api/broadcasts')).json();
    expect(employeeList.items.map((b: Broadcast) => b.id)).toEqual([own.id]);
    const ownersBroadcast = ownerList.items.find((b: Broadcast) => b.id !== own.id) as Broadcast;
    expect((await employeeBrowser.get(`/api/broadcasts/${ownersBroadcast.id}`)).statusCode).toBe(404);
    expect((await readerBrowser.get(`/api/broadcasts/${own.id}`)).statusCode).toBe(403);
    // Announcements (critical, unmutable, copied to each company's administrator) are for admins only,
    // and Admin is no channel for a broadcast conversation.
    expect(
      (
        await send(employeeBrowser, {
          mode: 'announcement',
          channelId: undefined,
          selection: { kind: 'companies', companyIds: [companies[0]!.id] },
        })
      ).statusCode,
    ).toBe(403);
    expect(
      (
        await send(owner, {
          channelId: channel('admin'),
          selection: { kind: 'companies', companyIds: [companies[0]!.id] },
        })
      ).statusCode,
    ).toBe(400);
    expect((await restrictedBrowser.get(`/api/broadcasts/${own.id}`)).statusCode).toBe(404);
  });
});
