// import: rows/s of a portfolio import of a 5,000-row XLSX, as staff go through it — the upload read and kept
// (ImportService.upload: parse, 5,000 rows stored), the dry run (every row checked against the office's companies), the
// commit and the import job run to the end (chunks of 500: each company created with its status history and audit entry,
// every row's outcome and the counters, each chunk committed).
//
// Baseline, in the same run: the same 5,000 companies written by raw single-row INSERT INTO companies through `pg` in one
// transaction as the owner (no parsing, no checks, no policy, no RLS, no side effects). 2 rounds alternating, each with
// tax ids of its own, the best kept.
import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import pg from 'pg';
import { loadConfig } from '../server/src/config.js';
import { Database } from '../server/src/db/database.js';
import { loadActor } from '../server/src/modules/identity/actor.loader.js';
import type { Actor } from '../server/src/modules/identity/actor.js';
import { createServices } from '../server/src/services.js';
import { openDatabase } from './database.js';
import { createOffice, nipFor } from './fixtures.js';
import { printTable, record } from './results.js';

const ROWS = 5_000;
const ROUNDS = Number(process.env.IMPORT_ROUNDS ?? 2);

type Company = { name: string; nip: string; email: string; phone: string };

const companiesOf = (round: number): Company[] =>
  Array.from({ length: ROWS }, (_, i) => ({
    name: `Firma ${round}-${String(i).padStart(5, '0')} sp. z o.o.`,
    nip: nipFor(round * 100_000 + i + 1),
    email: `biuro${i}@firma${round}.pl`,
    phone: `+48 600 ${String(100_000 + i).slice(0, 3)} ${String(100_000 + i).slice(3)}`,
  }));

async function workbook(companies: Company[]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('Klienci');
  sheet.addRow(['Nazwa firmy', 'NIP', 'E-mail', 'Telefon', 'Kraj']);
  for (const c of companies) sheet.addRow([c.name, c.nip, c.email, c.phone, 'PL']);
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** The baseline: the same companies, one INSERT each, one transaction, as the owner. */
async function rawInserts(url: string, officeId: string, companies: Company[]): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const started = performance.now();
    await client.query('BEGIN');
    for (const c of companies) {
      await client.query(`INSERT INTO companies (id, office_id, name, country, tax_id, emails, phones) VALUES (gen_random_uuid(), $1, $2, 'PL', $3, $4, $5)`, [
        officeId,
        `${c.name} (raw)`,
        `9${c.nip.slice(1)}`,
        JSON.stringify([{ email: c.email }]),
        JSON.stringify([{ phone: c.phone }]),
      ]);
    }
    await client.query('COMMIT');
    return (performance.now() - started) / 1000;
  } finally {
    await client.end();
  }
}

export async function run(): Promise<void> {
  const db = await openDatabase('import');
  let database: Database | undefined;
  let services: ReturnType<typeof createServices> | undefined;
  try {
    database = await Database.connect(db.url);
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    const { officeId, ownerId } = await createOffice(client);
    await client.end();
    const config = loadConfig({ PUBLIC_URL: 'http://localhost:3000', LOG_LEVEL: 'silent', DATABASE_URL: db.url, BUREAU_SECRET_KEY: randomBytes(32).toString('base64') });
    services = createServices(config, database);
    await services.jobs.start();
    const loaded = await database.inTenant({ officeId, userId: ownerId }, (tx) =>
      loadActor(tx, { userId: ownerId, officeId, companyId: null, sessionId: null, csrfToken: null, apiTokenId: null, ip: null, requestId: null }),
    );
    if (!loaded.ok) throw new Error(`the owner could not act: ${loaded.reason}`);
    const owner: Actor = loaded.actor;

    const portal: { total: number; upload: number; dryRun: number; job: number }[] = [];
    const raw: number[] = [];
    for (let round = 1; round <= ROUNDS; round++) {
      const companies = companiesOf(round);
      const file = await workbook(companies);
      const started = performance.now();
      const draft = await services.imports.upload(owner, { fileName: `klienci-${round}.xlsx`, file: Readable.from([file]) });
      const uploaded = performance.now();
      const dry = await services.imports.dryRun(owner, draft.id, { mapping: draft.mapping, defaultCountry: 'PL', invite: false });
      if (dry.summary.create !== ROWS) throw new Error(`dry run: ${JSON.stringify(dry.summary)}`);
      const checked = performance.now();
      await services.imports.commit(owner, draft.id);
      await services.imports.run({ officeId, importId: draft.id });
      const finished = performance.now();
      const done = await services.imports.get(owner, draft.id);
      if (done.status !== 'done' || done.created !== ROWS) throw new Error(`import ended ${done.status} with ${done.created} companies`);
      portal.push({ total: (finished - started) / 1000, upload: (uploaded - started) / 1000, dryRun: (checked - uploaded) / 1000, job: (finished - checked) / 1000 });
      raw.push(await rawInserts(db.url, officeId, companies));
      const p = portal.at(-1)!;
      console.log(`round ${round}: import ${p.total.toFixed(2)} s (upload ${p.upload.toFixed(2)}, dry run ${p.dryRun.toFixed(2)}, commit + job ${p.job.toFixed(2)}), raw INSERTs ${raw.at(-1)!.toFixed(2)} s`);
    }
    const best = portal.reduce((a, b) => (b.total < a.total ? b : a));
    const baseline = Math.min(...raw);
    const perSecond = (s: number) => Math.round(ROWS / s).toLocaleString('en');
    printTable(
      ['', 'seconds (best of 2)', 'rows/s'],
      [
        ['import of a 5,000-row XLSX (upload + dry run + commit + job)', best.total.toFixed(2), perSecond(best.total)],
        ['  upload (parse + rows kept)', best.upload.toFixed(2), perSecond(best.upload)],
        ['  dry run', best.dryRun.toFixed(2), perSecond(best.dryRun)],
        ['  commit + job', best.job.toFixed(2), perSecond(best.job)],
        ['raw single-row INSERT INTO companies in one transaction', baseline.toFixed(2), perSecond(baseline)],
        ['ratio (import time / baseline time)', (best.total / baseline).toFixed(2), ''],
      ],
    );
    record(db, { name: 'import (5,000-row XLSX)', value: ROWS / best.total, unit: 'rows/s', baseline: ROWS / baseline });
  } finally {
    await services?.jobs.stop().catch(() => {});
    await database?.close().catch(() => {});
    await db.close();
  }
}
