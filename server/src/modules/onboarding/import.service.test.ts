import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { createDeflateRaw } from 'node:zlib';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DryRun, ImportView } from '@bureau/common';
import { auditLog as auditEntries, companies } from '../../db/schema.js';
import {
  createTestApp,
  makeNip,
  signIn,
  uniqueNip,
  type Session,
  type TestCompany,
  type TestOffice,
} from '../../../test/harness.js';
import type { Actor } from '../identity/actor.js';
import { loadActor } from '../identity/actor.loader.js';
import { ImportService, type InviteInput } from './import.service.js';

type TestApp = Awaited<ReturnType<typeof createTestApp>>;
const HEADER = 'Nazwa firmy;NIP;E-mail;Telefon;Kraj;Osoba kontaktowa';
const csvOf = (rows: string[][]) => Buffer.from(`${HEADER}\n${rows.map((r) => r.join(';')).join('\n')}\n`, 'utf8');
const settings = (invite = false) => ({
  mapping: { name: 0, taxId: 1, email: 2, phone: 3, country: 4, representative: 5, access: null },
  defaultCountry: 'PL',
  invite,
});

/** A stream's whole content. */
async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks);
}

/** A NIP with a wrong check digit. */
const badNip = (nip: string) => `${nip.slice(0, 9)}${(Number(nip[9]) + 1) % 10}`;

async function xlsxOf(rows: (string | number)[][]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Klienci');
  sheet.addRow(HEADER.split(';'));
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** A ZIP (named .xlsx) with one entry of `size` zero bytes, deflated as it streams: a few hundred kB that unpack to `size`. */
async function zipBomb(size: number): Promise<Buffer> {
  const deflate = createDeflateRaw({ level: 9 });
  const parts: Buffer[] = [];
  deflate.on('data', (c: Buffer) => parts.push(c));
  const done = new Promise((resolve) => deflate.on('end', resolve));
  const block = Buffer.alloc(1024 * 1024);
  for (let written = 0; written < size; written += block.length)
    if (!deflate.write(block)) await new Promise((r) => deflate.once('drain', r));
  deflate.end();
  await done;
  const data = Buffer.concat(parts);
  const name = Buffer.from('xl/worksheets/sheet1.xml');
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt16LE(8, 8);
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(size, 22);
  local.writeUInt16LE(name.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 6);
  central.writeUInt16LE(8, 10);
  central.writeUInt32LE(data.length, 20);
  central.writeUInt32LE(size, 24);
  central.writeUInt16LE(name.length, 28);
  central.writeUInt32LE(0, 42);
  const cdOffset = local.length + name.length + data.length;
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(1, 8);
  eocd.writeUInt16LE(1, 10);
  eocd.writeUInt32LE(central.length + name.length, 12);
  eocd.writeUInt32LE(cdOffset, 16);
  return Buffer.concat([local, name, data, central, name, eocd]);
}

describe('portfolio import', () => {
  let t: TestApp;
  let office: TestOffice;
  let owner: Session;
  let employee: Session;
  let otherOwner: Session;
  let existing: TestCompany;
  let existingNip: string;
  let member: TestCompany;
  let memberNip: string;

  beforeAll(async () => {
    t = await createTestApp();
    office = await t.factories.office({ name: 'Biuro Rachunkowe Żółw' });
    existingNip = uniqueNip();
    existing = await t.factories.company(office, { name: 'Stara Firma sp. z o.o.', taxId: existingNip });
    memberNip = uniqueNip();
    member = await t.factories.company(office, { name: 'Członek sp. z o.o.', taxId: memberNip });
    await t.factories.clientUser(member, { email: 'szef@czlonek.pl' });
    owner = await signIn(t.app, office.owner.email);
    employee = await signIn(t.app, (await t.factories.staff(office, { role: 'employee' })).email);
    const other = await t.factories.office();
    otherOwner = await signIn(t.app, other.owner.email);
  });
  afterAll(() => t.close());

  const upload = async (file: Buffer, name = 'klienci.csv', as = owner) => as.upload('/api/imports', name, file);
  const uploaded = async (file: Buffer, name = 'klienci.csv') => {
    const res = await upload(file, name);
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as ImportView;
  };
  const job = (importId: string) => ({ officeId: office.id, importId });
  const view = async (id: string) =>
    (await owner.get(`/api/imports/${id}`)).json() as ImportView & { error: string | null };
  const owner$ = (text: string) => t.asOwner(text);
  const officeCompanies = () =>
    t.db.inTenant({ officeId: office.id }, (tx) =>
      tx.select().from(companies).where(eq(companies.officeId, office.id)),
    );
  const auditCount = (action: string) =>
    t.db.inTenant(
      { officeId: office.id },
      async (tx) =>
        (
          await tx
            .select()
            .from(auditEntries)
            .where(and(eq(auditEntries.officeId, office.id), eq(auditEntries.action, action)))
        ).length,
    );
  /** Upload, settings, commit and the job, as the web app and the worker would. */
  const importFile = async (file: Buffer, invite = false) => {
    const draft = await uploaded(file);
    expect((await owner.put(`/api/imports/${draft.id}`, settings(invite))).statusCode).toBe(200);
    expect((await owner.post(`/api/imports/${draft.id}/commit`)).statusCode).toBe(202);
    await t.app.services.imports.run(job(draft.id));
    return view(draft.id);
  };

  it('keeps every row of an uploaded CSV and guesses the mapping from its header', async () => {
    const rows = Array.from({ length: 7 }, (_, i) => [`Firma ${i}`, makeNip(1000 + i), '', '', 'PL', '']);
    const draft = await uploaded(csvOf(rows));
    expect(draft).toMatchObject({
      fileName: 'klienci.csv',
      status: 'draft',
      rowCount: 7,
      defaultCountry: 'PL',
      invite: false,
      processed: 0,
    });
    expect(draft.headers).toEqual(HEADER.split(';'));
    expect(draft.sample).toEqual(rows.slice(0, 5));
    expect(draft.mapping).toEqual({
      name: 0,
      taxId: 1,
      email: 2,
      phone: 3,
      country: 4,
      representative: 5,
      access: null,
    });
    expect((await owner.get('/api/imports')).json().items[0].id).toBe(draft.id);
    expect((await view(draft.id)).sample).toHaveLength(5);
  });

  it('reads an XLSX workbook (numbers as typed, diacritics intact)', async () => {
    const draft = await uploaded(
      await xlsxOf([
        ['Żółta Łódź sp. z o.o.', Number(makeNip(2000)), 'biuro@zolta.pl', '600 100 200', 'Polska', 'Ścibor'],
      ]),
      'klienci.xlsx',
    );
    expect(draft.rowCount).toBe(1);
    expect(draft.sample[0]).toEqual([
      'Żółta Łódź sp. z o.o.',
      makeNip(2000),
      'biuro@zolta.pl',
      '600 100 200',
      'Polska',
      'Ścibor',
    ]);
  });

  it('refuses a file it cannot import as a whole, with a translated reason, and keeps nothing of it', async () => {
    const before = (await owner.get('/api/imports')).json().items.length;
    const refused = async (file: Buffer, name: string, code: string) => {
      const res = await upload(file, name);
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().error.code).toBe(code);
      expect(res.json().error.message).not.toBe(code);
    };
    await refused(Buffer.from(`${HEADER}\n`), 'empty.csv', 'import.file_empty');
    await refused(
      Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0]),
      'old.xls',
      'import.file_unsupported',
    );
    await refused(Buffer.from('not a workbook at all'), 'broken.xlsx', 'import.file_malformed');
    await refused(
      Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.alloc(100)]),
      'truncated.xlsx',
      'import.file_malformed',
    );
    const many = `${HEADER}\n${Array.from({ length: 50_001 }, (_, i) => `F${i};1`).join('\n')}\n`;
    await refused(Buffer.from(many), 'many.csv', 'import.file_too_many_rows');
    await refused(Buffer.alloc(20 * 1024 * 1024 + 10, 'a'), 'huge.csv', 'import.file_too_large');
    // ~200 kB that would unpack to 256 MB.
    const bomb = await zipBomb(256 * 1024 * 1024);
    expect(bomb.length).toBeLessThan(1024 * 1024);
    await refused(bomb, 'bomb.xlsx', 'import.file_too_large');
    const missing = await owner.request('POST', '/api/imports', {});
    expect(missing.statusCode).toBe(400);
    expect((await owner.get('/api/imports')).json().items.length).toBe(before);
  });

  it('refuses a mapping without name and tax id, with a column the file lacks, or with a column used twice', async () => {
    const draft = await uploaded(csvOf([['Firma', makeNip(3000), '', '', '', '']]));
    const put = (mapping: Record<string, number | null>) =>
      owner.put(`/api/imports/${draft.id}`, { ...settings(), mapping: { ...settings().mapping, ...mapping } });
    let res = await put({ taxId: null });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('import.mapping_missing');
    expect(Object.keys(res.json().error.fields)).toEqual(['mapping.taxId']);
    res = await put({ phone: 6 });
    expect(res.json().error.code).toBe('import.mapping_column_invalid');
    expect(Object.keys(res.json().error.fields)).toEqual(['mapping.phone']);
    res = await put({ email: 0 });
    expect(res.json().error.code).toBe('import.mapping_column_reused');
    expect((await put({ email: 'x' as unknown as number })).statusCode).toBe(400);
  });

  it('shows in a dry run what each row would become, and why a row is skipped', async () => {
    const fresh = uniqueNip();
    const draft = await uploaded(
      csvOf([
        ['Nowa Firma', fresh, 'Nowa@Firma.pl', '600 100 200', '', 'Jan Nowak'],
        ['Stara Firma sp. z o.o.', existingNip, '', '', 'PL', ''],
        ['Członek S.A.', memberNip, 'szef@czlonek.pl', '', 'PL', ''],
        ['Zła Firma', badNip(uniqueNip()), '', '', '', ''],
        ['Druga Nowa', fresh, '', '', '', ''],
        ['', uniqueNip(), 'nie-email', '123', 'Niemcy', ''],
      ]),
    );
    const res = await owner.put(`/api/imports/${draft.id}`, settings(true));
    expect(res.statusCode, res.body).toBe(200);
    const dry = res.json() as DryRun;
    expect(dry.summary).toEqual({ create: 1, update: 1, unchanged: 1, skip: 3, invite: 1, warn: 0 });
    expect(dry.import.invite).toBe(true);
    // Rows to fix first.
    expect(dry.rows.map((r) => [r.line, r.action])).toEqual([
      [5, 'skip'],
      [6, 'skip'],
      [7, 'skip'],
      [2, 'create'],
      [3, 'unchanged'],
      [4, 'update'],
    ]);
    const line = (n: number) => dry.rows.find((r) => r.line === n)!;
    expect(line(2)).toMatchObject({
      name: 'Nowa Firma',
      country: 'PL',
      taxId: fresh,
      email: 'Nowa@firma.pl',
      invite: true,
      changes: [],
    });
    // A name change and an e-mail; the company's client user already has that e-mail, so nobody is invited.
    expect(line(4)).toMatchObject({ changes: ['name', 'email'], invite: false });
    expect(line(5).errors).toEqual([{ field: 'taxId', code: 'tax_id_checksum' }]);
    expect(line(6).errors).toEqual([{ field: 'taxId', code: 'duplicate_in_file' }]);
    expect(
      line(7)
        .errors.map((e) => e.code)
        .sort(),
    ).toEqual(['country_unsupported', 'required']);
    // What would only be left out is said too, so the row is fixed whole.
    expect(
      line(7)
        .warnings.map((e) => e.code)
        .sort(),
    ).toEqual(['email_invalid', 'phone_invalid']);
    // A dry run changes nothing.
    expect((await officeCompanies()).find((c) => c.id === member.id)!.name).toBe('Członek sp. z o.o.');
  });

  it('imports through the job: creates, updates, skips, audits once, and a second commit queues nothing', async () => {
    const fresh = uniqueNip();
    const draft = await uploaded(
      csvOf([
        ['Świeża Firma sp. z o.o.', fresh, 'biuro@swieza.pl', '600 100 200', '', ''],
        ['Stara Firma sp. z o.o.', existingNip, 'kontakt@stara.pl', '', '', ''],
        ['Zła Firma', badNip(uniqueNip()), '', '', '', ''],
      ]),
    );
    expect((await owner.put(`/api/imports/${draft.id}`, settings())).statusCode).toBe(200);
    const first = await owner.post(`/api/imports/${draft.id}/commit`);
    expect(first.statusCode).toBe(202);
    expect(first.json().status).toBe('queued');
    const second = await owner.post(`/api/imports/${draft.id}/commit`);
    expect(second.statusCode).toBe(202);
    const jobs = await owner$(
      `SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'import' AND data->>'importId' = '${draft.id}'`,
    );
    expect(jobs.rows[0].n).toBe(1);
    const late = await owner.put(`/api/imports/${draft.id}`, settings());
    expect(late.statusCode).toBe(409);
    expect(late.json().error.code).toBe('import.not_draft');
    const importedBefore = await auditCount('company.imported');

    await t.app.services.imports.run(job(draft.id));
    const done = await view(draft.id);
    expect(done).toMatchObject({
      status: 'done',
      processed: 3,
      created: 1,
      updated: 1,
      unchanged: 0,
      skipped: 1,
      invited: 0,
    });
    expect(done.finishedAt).not.toBeNull();
    const all = await officeCompanies();
    const created = all.find((c) => c.taxId === fresh)!;
    expect(created).toMatchObject({
      name: 'Świeża Firma sp. z o.o.',
      country: 'PL',
      status: 'active',
      emails: [{ email: 'biuro@swieza.pl' }],
      phones: [{ phone: '+48600100200' }],
    });
    expect(all.find((c) => c.id === existing.id)!.emails).toEqual([{ email: 'kontakt@stara.pl' }]);
    expect(await auditCount('company.imported')).toBe(importedBefore + 1);
    const createdAudit = await t.db.inTenant({ officeId: office.id }, (tx) =>
      tx
        .select()
        .from(auditEntries)
        .where(and(eq(auditEntries.action, 'company.created'), eq(auditEntries.objectId, created.id))),
    );
    expect(createdAudit).toHaveLength(1);
    // Running the job again (a retry after the last chunk) does nothing more.
    await t.app.services.imports.run(job(draft.id));
    expect(await auditCount('company.imported')).toBe(importedBefore + 1);
  });

  it('changes nothing when the same file is imported again', async () => {
    const rows = [
      ['Powtórka A sp. z o.o.', uniqueNip(), 'a@powtorka.pl', '600 200 300', '', ''],
      ['Powtórka B sp. z o.o.', uniqueNip(), '', '', '', ''],
      ['Zła', badNip(uniqueNip()), '', '', '', ''],
    ];
    const first = await importFile(csvOf(rows));
    expect(first).toMatchObject({ created: 2, skipped: 1 });
    const before = await officeCompanies();
    const again = await uploaded(csvOf(rows));
    const dry = (await owner.put(`/api/imports/${again.id}`, settings())).json() as DryRun;
    expect(dry.summary).toEqual({ create: 0, update: 0, unchanged: 2, skip: 1, invite: 0, warn: 0 });
    await owner.post(`/api/imports/${again.id}/commit`);
    await t.app.services.imports.run(job(again.id));
    expect(await view(again.id)).toMatchObject({ status: 'done', created: 0, updated: 0, unchanged: 2, skipped: 1 });
    expect(await officeCompanies()).toEqual(before);
  });

  it('goes on where it stopped after a crash between chunks, doing nothing twice', async () => {
    const nips = Array.from({ length: 7 }, () => uniqueNip());
    const draft = await uploaded(csvOf(nips.map((nip, i) => [`Wznowiona ${i}`, nip, '', '', '', ''])));
    await owner.put(`/api/imports/${draft.id}`, settings());
    await owner.post(`/api/imports/${draft.id}/commit`);
    // The first chunk commits, then the worker dies.
    expect(await t.app.services.imports.processChunk(job(draft.id), 3)).toBe(false);
    expect(await view(draft.id)).toMatchObject({ status: 'running', processed: 3, created: 3 });
    // The retry.
    await t.app.services.imports.run(job(draft.id), 3);
    expect(await view(draft.id)).toMatchObject({ status: 'done', processed: 7, created: 7 });
    const mine = (await officeCompanies()).filter((c) => nips.includes(c.taxId));
    expect(mine).toHaveLength(7);
    const audits = await t.db.inTenant({ officeId: office.id }, (tx) =>
      tx.select().from(auditEntries).where(eq(auditEntries.action, 'company.created')),
    );
    expect(audits.filter((a) => mine.some((c) => c.id === a.objectId))).toHaveLength(7);
  });

  it('sends an invitation per new e-mail, once, and records it on the row', async () => {
    const calls: InviteInput[] = [];
    const imports = new ImportService(t.db, t.app.services.jobs, async (_tx, actor, input) => {
      expect(actor.userId).toBe(office.owner.id);
      calls.push(input);
      return randomUUID();
    });
    const draft = await uploaded(
      csvOf([
        ['Zaproszona sp. z o.o.', uniqueNip(), 'szef@zaproszona.pl', '', '', 'Anna Szefowa'],
        ['Członek sp. z o.o.', memberNip, 'szef@czlonek.pl', '', '', ''],
        ['Bez maila', uniqueNip(), '', '', '', ''],
      ]),
    );
    await owner.put(`/api/imports/${draft.id}`, settings(true));
    await owner.post(`/api/imports/${draft.id}/commit`);
    await imports.run(job(draft.id));
    await imports.run(job(draft.id));
    expect(calls).toEqual([
      expect.objectContaining({
        email: 'szef@zaproszona.pl',
        name: 'Anna Szefowa',
        access: 'full',
        importId: draft.id,
      }),
    ]);
    expect(await view(draft.id)).toMatchObject({ status: 'done', created: 2, invited: 1 });
  });

  it('invites through the real invitation service: an e-mail with a link per new representative, none again on re-import', async () => {
    const file = csvOf([
      ['Zaproszenie Prawdziwe sp. z o.o.', uniqueNip(), 'prawdziwy@zaproszenie.pl', '', '', 'Olga Prawdziwa'],
    ]);
    const first = await uploaded(file);
    await owner.put(`/api/imports/${first.id}`, settings(true));
    await owner.post(`/api/imports/${first.id}/commit`);
    await t.app.services.imports.run(job(first.id));
    expect(await view(first.id)).toMatchObject({ status: 'done', created: 1, invited: 1 });
    const invitations = (await owner.get('/api/invitations?status=sent')).json().items as {
      email: string;
      name: string;
      companyName: string;
    }[];
    expect(invitations.filter((i) => i.email === 'prawdziwy@zaproszenie.pl')).toEqual([
      expect.objectContaining({ name: 'Olga Prawdziwa', companyName: 'Zaproszenie Prawdziwe sp. z o.o.' }),
    ]);
    const outbox = (await owner.get('/api/outbox?pageSize=100')).json().items as {
      toAddress: string;
      template: string;
    }[];
    expect(outbox.filter((m) => m.toAddress === 'prawdziwy@zaproszenie.pl').map((m) => m.template)).toEqual([
      'invitation',
    ]);

    const again = await uploaded(file);
    const dry = (await owner.put(`/api/imports/${again.id}`, settings(true))).json();
    expect(dry.summary).toMatchObject({ unchanged: 1, invite: 0 });
    await owner.post(`/api/imports/${again.id}/commit`);
    await t.app.services.imports.run(job(again.id));
    expect(await view(again.id)).toMatchObject({ status: 'done', unchanged: 1, invited: 0 });
    expect(
      (await owner.get('/api/outbox?pageSize=100'))
        .json()
        .items.filter((m: { toAddress: string }) => m.toAddress === 'prawdziwy@zaproszenie.pl'),
    ).toHaveLength(1);
  });

  it('refuses to commit settings other than those of the dry run the person saw', async () => {
    const draft = await uploaded(csvOf([['Ustawienia sp. z o.o.', uniqueNip(), 'a@ustawienia.pl', '', '', '']]));
    await owner.put(`/api/imports/${draft.id}`, settings(true));
    // Meanwhile, in another tab, invitations were switched off.
    await owner.put(`/api/imports/${draft.id}`, settings(false));
    const stale = await owner.post(`/api/imports/${draft.id}/commit`, { settings: settings(true) });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('import.settings_changed');
    expect((await owner.post(`/api/imports/${draft.id}/commit`, { settings: settings(false) })).statusCode).toBe(202);
  });

  it('acts in the name of whoever committed the import, not of who uploaded the file', async () => {
    const admin = await t.factories.staff(office, { role: 'admin', name: 'Beata Zatwierdzająca' });
    const adminSession = await signIn(t.app, admin.email);
    const draft = await uploaded(csvOf([['Zatwierdzona sp. z o.o.', uniqueNip(), '', '', '', '']]));
    await adminSession.put(`/api/imports/${draft.id}`, settings());
    await adminSession.post(`/api/imports/${draft.id}/commit`);
    await t.app.services.imports.run(job(draft.id));
    const entries = await t.db.inTenant({ officeId: office.id }, (tx) =>
      tx
        .select()
        .from(auditEntries)
        .where(and(eq(auditEntries.action, 'company.imported'), eq(auditEntries.objectId, draft.id))),
    );
    expect(entries.map((e) => e.actorUserId)).toEqual([admin.id]);
  });

  it('gives the report of a finished import as CSV and XLSX, translated', async () => {
    const fresh = uniqueNip();
    const bad = badNip(uniqueNip());
    const draft = await uploaded(
      csvOf([
        ['Raportowa sp. z o.o.', fresh, '', '', '', ''],
        ['Zła', bad, '', '', '', ''],
      ]),
    );
    await owner.put(`/api/imports/${draft.id}`, settings());
    const early = await owner.get(`/api/imports/${draft.id}/report?format=csv`);
    expect(early.statusCode).toBe(409);
    expect(early.json().error.code).toBe('import.not_done');
    await owner.post(`/api/imports/${draft.id}/commit`);
    await t.app.services.imports.run(job(draft.id));

    const csv = await owner.get(`/api/imports/${draft.id}/report?format=csv`);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.headers['content-disposition']).toContain('.csv');
    expect(csv.body.replace('\uFEFF', '').split('\r\n').filter(Boolean)).toEqual([
      'Line,Company,Tax ID,Country,Outcome,Reasons,Left out,Invitation sent',
      `2,Raportowa sp. z o.o.,${fresh},PL,created,,,no`,
      `3,Zła,${bad},PL,skipped,Tax ID: the check digit does not match,,no`,
    ]);

    const xlsx = await owner.get(`/api/imports/${draft.id}/report?format=xlsx`);
    expect(xlsx.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.getRow(1).values).toEqual([
      undefined,
      'Line',
      'Company',
      'Tax ID',
      'Country',
      'Outcome',
      'Reasons',
      'Left out',
      'Invitation sent',
    ]);
    expect(sheet.getRow(3).values).toEqual([
      undefined,
      3,
      'Zła',
      bad,
      'PL',
      'skipped',
      'Tax ID: the check digit does not match',
      undefined,
      'no',
    ]);

    // In the reader's language.
    await owner.patch('/api/me', { locale: 'pl' });
    try {
      const pl = await owner.get(`/api/imports/${draft.id}/report?format=csv`);
      expect(pl.body).toContain(
        'Wiersz;Firma;"Numer podatkowy (NIP, CUI…)";Kraj;Wynik;Przyczyny;Pominięte dane;Wysłano zaproszenie',
      );
      // A Polish spreadsheet splits on semicolons (the comma is its decimal mark).
      expect(pl.body).toContain('pominięta;Numer podatkowy: cyfra kontrolna się nie zgadza;;nie');
    } finally {
      await owner.patch('/api/me', { locale: 'en' });
    }
  });

  it('reads a Windows-1250 export as it is, says so, and reads it again in the encoding, header row or sheet a person picks', async () => {
    const nip = uniqueNip();
    const text = `Eksport z programu księgowego\r\n\r\n${HEADER}\r\nZakład Usług Źródło sp. z o.o.;${nip};Biuro@Zrodlo.pl;600 100 200;PL;Łucja Żak\r\n`;
    const draft = await uploaded(iconv.encode(text, 'windows-1250'));
    expect(draft.reading).toMatchObject({
      format: 'csv',
      encoding: 'windows-1250',
      encodingDetected: true,
      headerRow: 3,
      headerDetected: true,
    });
    expect(draft.headers).toEqual(HEADER.split(';'));
    expect(draft.sample).toEqual([
      ['Zakład Usług Źródło sp. z o.o.', nip, 'Biuro@Zrodlo.pl', '600 100 200', 'PL', 'Łucja Żak'],
    ]);
    expect(draft.mapping).toMatchObject({ name: 0, taxId: 1, email: 2 });

    // Read as Western European, the letters go wrong, and the person sees it.
    let res = await owner.put(`/api/imports/${draft.id}/reading`, { encoding: 'windows-1252' });
    expect(res.statusCode, res.body).toBe(200);
    expect((res.json() as ImportView).sample[0]![0]).toBe('Zak³ad Us³ug \u008fród³o sp. z o.o.');
    expect((res.json() as ImportView).reading).toMatchObject({ encoding: 'windows-1252', encodingDetected: false });
    // The title line as header: the person's choice stands, and the columns are what that row says.
    res = await owner.put(`/api/imports/${draft.id}/reading`, { encoding: 'windows-1250', headerRow: 1 });
    expect((res.json() as ImportView).headers[0]).toBe('Eksport z programu księgowego');
    expect((res.json() as ImportView).rowCount).toBe(2);
    res = await owner.put(`/api/imports/${draft.id}/reading`, { headerRow: 3 });
    const back = res.json() as ImportView;
    expect(back).toMatchObject({
      rowCount: 1,
      reading: { encoding: 'windows-1250', encodingDetected: false, headerRow: 3 },
    });
    expect(back.sample[0]![0]).toBe('Zakład Usług Źródło sp. z o.o.');
    res = await owner.put(`/api/imports/${draft.id}/reading`, { headerRow: 2 });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('import.file_no_such_row');
    expect((await owner.put(`/api/imports/${draft.id}/reading`, { encoding: 'koi8-r' })).statusCode).toBe(400);
    expect((await otherOwner.put(`/api/imports/${draft.id}/reading`, {})).statusCode).toBe(404);
    expect((await employee.put(`/api/imports/${draft.id}/reading`, {})).statusCode).toBe(403);

    // The rows line up with the file's lines, and the e-mail keeps its local part as written.
    const dry = (await owner.put(`/api/imports/${draft.id}`, settings())).json() as DryRun;
    expect(dry.rows).toEqual([
      expect.objectContaining({
        line: 4,
        action: 'create',
        name: 'Zakład Usług Źródło sp. z o.o.',
        email: 'Biuro@zrodlo.pl',
      }),
    ]);
    await owner.post(`/api/imports/${draft.id}/commit`);
    // Once committed the upload is not kept, and the file can no longer be read again.
    expect(
      (await owner$(`SELECT source IS NULL AS gone FROM portfolio_imports WHERE id = '${draft.id}'`)).rows[0].gone,
    ).toBe(true);
    res = await owner.put(`/api/imports/${draft.id}/reading`, {});
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('import.not_draft');
    await t.app.services.imports.run(job(draft.id));
    const created = (await officeCompanies()).find((c) => c.taxId === nip)!;
    expect(created).toMatchObject({ name: 'Zakład Usług Źródło sp. z o.o.', emails: [{ email: 'Biuro@zrodlo.pl' }] });
  });

  it('reads the list under the title rows of a workbook, and its total is neither a company nor an error', async () => {
    const nips = [uniqueNip(), uniqueNip()];
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('Info').addRow(['Biuro Rachunkowe Żółw — eksport']);
    const sheet = workbook.addWorksheet('Klienci');
    sheet.addRow(['Lista klientów']);
    sheet.mergeCells('A1:F1');
    sheet.addRow([]);
    sheet.addRow(['Firma', null, null, 'Kontakt']);
    sheet.addRow(HEADER.split(';'));
    sheet.addRow(['Tytułowa A sp. z o.o.', Number(nips[0]), '', '', 'PL', '']);
    sheet.addRow(['Tytułowa B sp. z o.o.', Number(nips[1]), '', '', 'PL', '']);
    sheet.addRow(['Razem: 2 klientów']);
    sheet.mergeCells('A7:F7');
    const draft = await uploaded(Buffer.from(await workbook.xlsx.writeBuffer()), 'klienci.xlsx');
    expect(draft.reading).toMatchObject({
      format: 'xlsx',
      sheets: ['Info', 'Klienci'],
      sheet: 1,
      headerRow: 4,
      footers: [{ row: 7, text: 'Razem: 2 klientów' }],
    });
    expect(draft.rowCount).toBe(2);
    const dry = (await owner.put(`/api/imports/${draft.id}`, settings())).json() as DryRun;
    expect(dry.summary).toMatchObject({ create: 2, skip: 0 });
    expect(dry.rows.map((r) => r.line)).toEqual([5, 6]);
    // The first sheet, asked for, has no list: its single row is the header, and nothing is left to import.
    const res = await owner.put(`/api/imports/${draft.id}/reading`, { sheet: 0 });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('import.file_empty');
  });

  it('imports a company with a doubtful phone or e-mail without them, and lists what it left out', async () => {
    const nip = uniqueNip();
    const draft = await uploaded(
      csvOf([['Ostrzeżona sp. z o.o.', nip, '"szef@ostrzezona.pl; Biuro@Ostrzezona.pl"', '123', 'PL', '']]),
    );
    const dry = (await owner.put(`/api/imports/${draft.id}`, settings(true))).json() as DryRun;
    expect(dry.summary).toMatchObject({ create: 1, skip: 0, warn: 1, invite: 1 });
    expect(dry.rows[0]!.warnings).toEqual([
      { field: 'email', code: 'email_secondary' },
      { field: 'phone', code: 'phone_invalid' },
    ]);
    await owner.post(`/api/imports/${draft.id}/commit`);
    await t.app.services.imports.run(job(draft.id));
    expect(await view(draft.id)).toMatchObject({ created: 1, skipped: 0 });
    const created = (await officeCompanies()).find((c) => c.taxId === nip)!;
    expect(created.emails).toEqual([{ email: 'szef@ostrzezona.pl' }, { email: 'Biuro@ostrzezona.pl' }]);
    expect(created.phones).toEqual([]);
    const csv = await owner.get(`/api/imports/${draft.id}/report?format=csv`);
    expect(csv.body).toContain(
      `created,,"E-mail: further addresses kept as secondary e-mails; Phone: not a phone number, left out",yes`,
    );
  });

  it("keeps an office's imports from another office (404) and from employees (403)", async () => {
    const draft = await uploaded(csvOf([['Cudza sp. z o.o.', uniqueNip(), '', '', '', '']]));
    for (const res of [
      await otherOwner.get(`/api/imports/${draft.id}`),
      await otherOwner.put(`/api/imports/${draft.id}`, settings()),
      await otherOwner.post(`/api/imports/${draft.id}/commit`),
      await otherOwner.get(`/api/imports/${draft.id}/report?format=csv`),
    ])
      expect(res.statusCode, res.body).toBe(404);
    expect((await otherOwner.get('/api/imports')).json().items.map((i: ImportView) => i.id)).not.toContain(draft.id);
    expect((await view(draft.id)).status).toBe('draft');
    for (const res of [
      await upload(csvOf([['X', uniqueNip(), '', '', '', '']]), 'x.csv', employee),
      await employee.get('/api/imports'),
      await employee.get(`/api/imports/${draft.id}`),
    ])
      expect(res.statusCode).toBe(403);
  });

  it('fails the import instead of acting when whoever committed it may no longer import', async () => {
    const admin = await t.factories.staff(office, { role: 'admin' });
    const adminBrowser = await signIn(t.app, admin.email);
    const draft = (
      await adminBrowser.upload('/api/imports', 'a.csv', csvOf([['Po degradacji', uniqueNip(), '', '', '', '']]))
    ).json() as ImportView;
    await adminBrowser.post(`/api/imports/${draft.id}/commit`);
    expect((await owner.patch(`/api/staff/${admin.id}`, { role: 'employee' })).statusCode).toBe(200);
    await t.app.services.imports.run(job(draft.id));
    expect(await view(draft.id)).toMatchObject({ status: 'failed', error: 'forbidden', created: 0 });
  });

  it('finds a French company however its tax id is written: in the file, and against one the office added by VAT number', async () => {
    const added = await owner.post('/api/companies', {
      name: 'Atelier Vélo SARL',
      country: 'FR',
      taxId: 'FR83404833048',
    });
    expect(added.json()).toMatchObject({ taxId: '404833048', siret: null });
    const draft = await uploaded(
      csvOf([
        ['Atelier Vélo SARL', '404 833 048', '', '', 'FR', ''],
        ['Fromagerie du Jura', '552 032 534', '', '', 'FR', ''],
        ['Fromagerie du Jura, atelier', '55203253400018', '', '', 'FR', ''],
        ['Cycles Martin', '383 474 814 00019', '', '', 'FR', ''],
      ]),
    );
    const dry = (await owner.put(`/api/imports/${draft.id}`, settings())).json() as DryRun;
    expect(dry.summary).toEqual({ create: 2, update: 0, unchanged: 1, skip: 1, invite: 0, warn: 0 });
    const line = (n: number) => dry.rows.find((r) => r.line === n)!;
    expect([line(2).action, line(3).action, line(4).action, line(5).action]).toEqual([
      'unchanged',
      'create',
      'skip',
      'create',
    ]);
    expect(line(4).errors).toEqual([{ field: 'taxId', code: 'duplicate_in_file' }]);
    await owner.post(`/api/imports/${draft.id}/commit`);
    await t.app.services.imports.run(job(draft.id));
    expect(await view(draft.id)).toMatchObject({ status: 'done', created: 2, unchanged: 1, skipped: 1 });
    const french = (await officeCompanies()).filter((c) => c.country === 'FR').map((c) => [c.taxId, c.siret]);
    expect(french.sort()).toEqual([
      ['383474814', '38347481400019'],
      ['404833048', null],
      ['552032534', null],
    ]);
  });

  it('gives a French company known by its SIREN the SIRET a later file names, and keeps one it has', async () => {
    const added = await owner.post('/api/companies', { name: 'Boulangerie Noël', country: 'FR', taxId: '732 829 320' });
    expect(added.json()).toMatchObject({ taxId: '732829320', siret: null });
    const first = await importFile(csvOf([['Boulangerie Noël', '732 829 320 00074', '', '', 'FR', '']]));
    expect(first).toMatchObject({ updated: 1, created: 0 });
    const stored = () =>
      officeCompanies().then((all) => all.find((c) => c.country === 'FR' && c.taxId === '732829320')!);
    expect((await stored()).siret).toBe('73282932000074');
    // Another establishment of the same company changes nothing: the SIRET the office keeps stays.
    const luhn = (body: string) =>
      String(
        (10 -
          ([...body]
            .reverse()
            .reduce(
              (acc, ch, i) =>
                acc + (i % 2 === 0 ? (Number(ch) * 2 > 9 ? Number(ch) * 2 - 9 : Number(ch) * 2) : Number(ch)),
              0,
            ) %
            10)) %
          10,
      );
    const other = `7328293200008${luhn('7328293200008')}`;
    const again = await importFile(csvOf([['Boulangerie Noël', other, '', '', 'FR', '']]));
    expect(again).toMatchObject({ updated: 0, unchanged: 1 });
    expect((await stored()).siret).toBe('73282932000074');
  });

  describe('a file read a page at a time', () => {
    /** The service the app runs, with pages of `pageSize` rows (the app's are 1,000) and invitations sent nowhere. */
    const paged = (pageSize: number) =>
      new ImportService(t.db, t.app.services.jobs, async () => randomUUID(), pageSize);
    const ownerActor = async (): Promise<Actor> => {
      const loaded = await t.db.inTenant({ officeId: office.id, userId: office.owner.id }, (tx) =>
        loadActor(tx, {
          userId: office.owner.id,
          officeId: office.id,
          companyId: null,
          sessionId: null,
          csrfToken: null,
          apiTokenId: null,
          ip: null,
          requestId: null,
        }),
      );
      if (!loaded.ok) throw new Error(loaded.reason);
      return loaded.actor;
    };
    // Lines 2–11: a tax id of line 2 again on line 9 (another page), one repeated on the same page (lines 5 and 6), a bad
    // check digit whose id still claims it (lines 7 and 11), and an existing company on line 10.
    const fileRows = () => {
      const [a, b, c] = [uniqueNip(), uniqueNip(), uniqueNip()];
      const bad = badNip(uniqueNip());
      return [
        ['Pierwsza', a, '', '', '', ''],
        ['Druga', uniqueNip(), 'druga@firma.pl', '', '', ''],
        ['Trzecia', b, '', '', '', ''],
        ['Trzecia bis', b, '', '', '', ''],
        ['Zła', c, 'nie-email', '', '', ''],
        ['Szósta', uniqueNip(), '', '', '', ''],
        ['Siódma', uniqueNip(), '', '', '', ''],
        ['Pierwsza znowu', a, '', '', '', ''],
        ['Stara Firma sp. z o.o.', existingNip, '', '', '', ''],
        ['Zła znowu', c, '', '', '', ''],
      ].concat([['Błędna', bad, '', '', '', '']]);
    };

    it('finds a tax id repeated on a later page and answers the same dry run as one page', async () => {
      const draft = await uploaded(csvOf(fileRows()));
      const actor = await ownerActor();
      const inPages = await paged(2).dryRun(actor, draft.id, settings() as Parameters<ImportService['dryRun']>[2]);
      const whole = (await owner.put(`/api/imports/${draft.id}`, settings())).json() as DryRun;
      expect(inPages.summary).toEqual({ create: 6, update: 0, unchanged: 1, skip: 4, invite: 0, warn: 1 });
      expect(JSON.parse(JSON.stringify(inPages))).toEqual(whole);
      const line = (n: number) => inPages.rows.find((r) => r.line === n)!;
      expect(line(5).errors).toEqual([{ field: 'taxId', code: 'duplicate_in_file' }]);
      expect(line(6)).toMatchObject({
        action: 'create',
        errors: [],
        warnings: [{ field: 'email', code: 'email_invalid' }],
      });
      expect(line(9).errors).toEqual([{ field: 'taxId', code: 'duplicate_in_file' }]);
      expect(line(11).errors).toEqual([{ field: 'taxId', code: 'duplicate_in_file' }]);
      expect(inPages.rows.map((r) => r.line)).toEqual([5, 9, 11, 12, 6, 2, 3, 4, 7, 8, 10]);
    });

    it('imports across pages and chunks exactly what one page would, and reports every row in file order', async () => {
      const rows = fileRows();
      const draft = await uploaded(csvOf(rows));
      await owner.put(`/api/imports/${draft.id}`, settings());
      await owner.post(`/api/imports/${draft.id}/commit`);
      const imports = paged(2);
      // A chunk, a crash, then the retry: every chunk straddles pages.
      expect(await imports.processChunk(job(draft.id), 3)).toBe(false);
      await imports.run(job(draft.id), 3);
      expect(await view(draft.id)).toMatchObject({
        status: 'done',
        processed: 11,
        created: 6,
        unchanged: 1,
        skipped: 4,
      });

      const actor = await ownerActor();
      const csv = (await readAll((await imports.report(actor, draft.id, 'csv')).body)).toString('utf8');
      expect(csv).toBe((await owner.get(`/api/imports/${draft.id}/report?format=csv`)).body);
      const lines = csv.replace('\uFEFF', '').split('\r\n').filter(Boolean);
      expect(lines.map((l) => Number(l.split(',')[0]))).toEqual([Number.NaN, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
      expect(lines[8]).toBe(`9,Pierwsza znowu,${rows[7]![1]},PL,skipped,Tax ID: appears earlier in the file,,no`);

      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(
        (await readAll((await imports.report(actor, draft.id, 'xlsx')).body)) as unknown as ArrayBuffer,
      );
      const sheet = workbook.worksheets[0]!;
      expect(sheet.rowCount).toBe(12);
      expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
      expect(sheet.getRow(1).font).toMatchObject({ bold: true });
      expect(Array.from({ length: 11 }, (_, i) => sheet.getRow(i + 2).getCell(1).value)).toEqual([
        2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12,
      ]);
      // No reasons: an empty cell.
      expect(sheet.getRow(10).values).toEqual([
        undefined,
        10,
        'Stara Firma sp. z o.o.',
        existingNip,
        'PL',
        'unchanged',
        undefined,
        undefined,
        'no',
      ]);
    });

    it('counts every row of a long file but shows the first 1,000, rows to fix first', async () => {
      const rows = Array.from({ length: 1_050 }, (_, i) => [
        `Długa ${i}`,
        i % 100 === 99 ? badNip(uniqueNip()) : uniqueNip(),
        '',
        '',
        '',
        '',
      ]);
      const draft = await uploaded(csvOf(rows));
      const dry = (await owner.put(`/api/imports/${draft.id}`, settings())).json() as DryRun;
      expect(dry.summary).toEqual({ create: 1_040, update: 0, unchanged: 0, skip: 10, invite: 0, warn: 0 });
      expect(dry.rows).toHaveLength(1_000);
      expect(dry.rows.slice(0, 10).map((r) => r.line)).toEqual([101, 201, 301, 401, 501, 601, 701, 801, 901, 1001]);
      expect(dry.rows.slice(10, 13).map((r) => r.line)).toEqual([2, 3, 4]);
      // 990 rows to create follow: lines 2–1000 without the nine bad ones among them.
      expect(dry.rows.at(-1)!.line).toBe(1_000);
    });
  });
});
