// import: a portfolio import as staff go through it, in two cases (IMPORT_CASES=5000,50000 by default; IMPORT_CASES=50000
// runs only the second).
//
// 5,000 rows, rows/s, in-process: the upload read and kept (ImportService.upload: parse, 5,000 rows stored), the dry run
// (every row checked against the office's companies), the commit and the import job run to the end (chunks of 500: each
// company created with its status history and audit entry, every row's outcome and the counters, each chunk committed).
// Baseline, in the same run: the same 5,000 companies written by raw single-row INSERT INTO companies through `pg` in one
// transaction as the owner (no parsing, no checks, no policy, no RLS, no side effects). 2 rounds alternating, each with
// tax ids of its own, the best kept.
//
// 50,000 rows, time and memory: the portal in its own process (its V8 flags and its workers as `npm start` runs them),
// the owner going through it over real HTTP — the upload (multipart), the dry run, the commit and the import job (polled
// until done), the report as CSV and as XLSX (each read to its end). The portal's resident memory (VmRSS) is sampled
// every 5 ms; each phase prints its time and its peak above the idle portal (measured before the upload), and the end
// what is still held 3 s and 18 s after the last report. Baselines, in the same run: the idle portal's own resident
// memory (memory), and the 50,000 companies by raw single-row INSERTs (time).
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import pg from 'pg';
import { loadConfig } from '../server/src/config.js';
import { Database } from '../server/src/db/database.js';
import { loadActor } from '../server/src/modules/identity/actor.loader.js';
import type { Actor } from '../server/src/modules/identity/actor.js';
import { createServices } from '../server/src/services.js';
import { startApp, type AppProcess } from './app-process.js';
import { openDatabase, type BenchDatabase } from './database.js';
import { createOffice, nipFor, openSessions, type BrowserSession } from './fixtures.js';
import { printTable, record } from './results.js';

const ROWS = 5_000;
const BIG_ROWS = 50_000;
const ROUNDS = Number(process.env.IMPORT_ROUNDS ?? 2);
const CASES = (process.env.IMPORT_CASES ?? `${ROWS},${BIG_ROWS}`).split(',').map((n) => Number(n.trim()));
const MB = 1024 * 1024;

type Company = { name: string; nip: string; email: string; phone: string };

const companiesOf = (round: number, rows = ROWS): Company[] =>
  Array.from({ length: rows }, (_, i) => ({
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
      await client.query(
        `INSERT INTO companies (id, office_id, name, country, tax_id, emails, phones) VALUES (gen_random_uuid(), $1, $2, 'PL', $3, $4, $5)`,
        [
          officeId,
          `${c.name} (raw)`,
          `9${c.nip.slice(1)}`,
          JSON.stringify([{ email: c.email }]),
          JSON.stringify([{ phone: c.phone }]),
        ],
      );
    }
    await client.query('COMMIT');
    return (performance.now() - started) / 1000;
  } finally {
    await client.end();
  }
}

export async function run(): Promise<void> {
  const unknown = CASES.filter((n) => n !== ROWS && n !== BIG_ROWS);
  if (unknown.length > 0)
    throw new Error(`IMPORT_CASES: ${unknown.join(', ')}? The cases are ${ROWS} and ${BIG_ROWS}.`);
  const db = await openDatabase('import');
  try {
    if (CASES.includes(ROWS)) await rate(db);
    if (CASES.includes(BIG_ROWS)) await memory(db);
  } finally {
    await db.close();
  }
}

/** The 5,000-row case: rows/s in-process beside raw INSERTs. */
async function rate(db: BenchDatabase): Promise<void> {
  let database: Database | undefined;
  let services: ReturnType<typeof createServices> | undefined;
  try {
    database = await Database.connect(db.url);
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    const { officeId, ownerId } = await createOffice(client);
    await client.end();
    const config = loadConfig({
      PUBLIC_URL: 'http://localhost:3000',
      LOG_LEVEL: 'silent',
      DATABASE_URL: db.url,
      BUREAU_SECRET_KEY: randomBytes(32).toString('base64'),
    });
    services = createServices(config, database);
    await services.jobs.start();
    const loaded = await database.inTenant({ officeId, userId: ownerId }, (tx) =>
      loadActor(tx, {
        userId: ownerId,
        officeId,
        companyId: null,
        sessionId: null,
        csrfToken: null,
        apiTokenId: null,
        ip: null,
        requestId: null,
      }),
    );
    if (!loaded.ok) throw new Error(`the owner could not act: ${loaded.reason}`);
    const owner: Actor = loaded.actor;

    const portal: { total: number; upload: number; dryRun: number; job: number }[] = [];
    const raw: number[] = [];
    for (let round = 1; round <= ROUNDS; round++) {
      const companies = companiesOf(round);
      const file = await workbook(companies);
      const started = performance.now();
      const draft = await services.imports.upload(owner, {
        fileName: `klienci-${round}.xlsx`,
        file: Readable.from([file]),
      });
      const uploaded = performance.now();
      const dry = await services.imports.dryRun(owner, draft.id, {
        mapping: draft.mapping,
        defaultCountry: 'PL',
        invite: false,
      });
      if (dry.summary.create !== ROWS) throw new Error(`dry run: ${JSON.stringify(dry.summary)}`);
      const checked = performance.now();
      await services.imports.commit(owner, draft.id);
      await services.imports.run({ officeId, importId: draft.id });
      const finished = performance.now();
      const done = await services.imports.get(owner, draft.id);
      if (done.status !== 'done' || done.created !== ROWS)
        throw new Error(`import ended ${done.status} with ${done.created} companies`);
      portal.push({
        total: (finished - started) / 1000,
        upload: (uploaded - started) / 1000,
        dryRun: (checked - uploaded) / 1000,
        job: (finished - checked) / 1000,
      });
      raw.push(await rawInserts(db.url, officeId, companies));
      const p = portal.at(-1)!;
      console.log(
        `round ${round}: import ${p.total.toFixed(2)} s (upload ${p.upload.toFixed(2)}, dry run ${p.dryRun.toFixed(2)}, commit + job ${p.job.toFixed(2)}), raw INSERTs ${raw.at(-1)!.toFixed(2)} s`,
      );
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
    record(db, {
      name: 'import (5,000-row XLSX)',
      value: ROWS / best.total,
      unit: 'rows/s',
      baseline: ROWS / baseline,
    });
  } finally {
    await services?.jobs.stop().catch(() => {});
    await database?.close().catch(() => {});
  }
}

/** Resident memory of a process, in bytes. */
function rss(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) * 1024 : 0;
}

type Phase = { seconds: number; start: number; peak: number };

/** Runs `fn` while sampling the portal's resident memory every 5 ms: its time, and its highest RSS. */
async function sampled<T>(pid: number, fn: () => Promise<T>): Promise<Phase & { result: T }> {
  const start = rss(pid);
  let peak = start;
  const sampler = setInterval(() => (peak = Math.max(peak, rss(pid))), 5);
  const started = performance.now();
  try {
    const result = await fn();
    return { result, seconds: (performance.now() - started) / 1000, start, peak: Math.max(peak, rss(pid)) };
  } finally {
    clearInterval(sampler);
  }
}

/** The portal's resident memory at rest: the median of a second of samples. */
async function settled(pid: number, ms = 1000): Promise<number> {
  const samples: number[] = [];
  for (let t = 0; t < ms; t += 50) {
    samples.push(rss(pid));
    await new Promise((r) => setTimeout(r, 50));
  }
  return samples.sort((a, b) => a - b)[Math.floor(samples.length / 2)]!;
}

/** The owner's requests over real HTTP (session cookie, CSRF token on writes). */
function owner(app: AppProcess, session: BrowserSession) {
  const send = async (method: string, path: string, body?: string | FormData, type?: string): Promise<Response> => {
    const response = await fetch(`${app.origin}${path}`, {
      method,
      headers: {
        cookie: session.cookie,
        ...(method !== 'GET' && { 'x-csrf-token': session.csrfToken }),
        ...(type && { 'content-type': type }),
      },
      body,
    });
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
    return response;
  };
  return {
    json: async <T>(method: string, path: string, body?: unknown): Promise<T> =>
      (await (
        await send(
          method,
          path,
          body === undefined ? undefined : JSON.stringify(body),
          body === undefined ? undefined : 'application/json',
        )
      ).json()) as T,
    upload: async <T>(file: Buffer, name: string): Promise<T> => {
      const form = new FormData();
      form.append('file', new Blob([file]), name);
      return (await (await send('POST', '/api/imports', form)).json()) as T;
    },
    /** Reads a download to its end without keeping it; its size in bytes. */
    download: async (path: string): Promise<number> => {
      const response = await send('GET', path);
      let bytes = 0;
      for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) bytes += chunk.length;
      return bytes;
    },
  };
}

type ImportView = { id: string; status: string; created: number; mapping: Record<string, number | null> };

/** The 50,000-row case: time and the portal's peak memory above idle, phase by phase, over real HTTP. */
async function memory(db: BenchDatabase): Promise<void> {
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  let app: AppProcess | undefined;
  try {
    await (await Database.connect(db.url)).close();
    const { officeId, ownerId } = await createOffice(client);
    const [session] = await openSessions(client, officeId, [{ userId: ownerId, companyId: null }]);
    const companies = companiesOf(9, BIG_ROWS);
    const file = await workbook(companies);
    app = await startApp(db.url, { BENCH_APP_WORKERS: '1' });
    const api = owner(app, session!);
    console.log(
      `\none ${BIG_ROWS.toLocaleString('en')}-row XLSX (${(file.length / MB).toFixed(1)} MB) through the portal's HTTP API, portal pid ${app.pid}`,
    );
    // Warm: the routes, the session check and the database pool have been used once.
    await api.json('GET', '/api/imports');
    const idle = await settled(app.pid);
    const idleHeap = await app.memory();
    const pid = app.pid;

    const upload = await sampled(pid, () => api.upload<ImportView>(file, `klienci-${BIG_ROWS}.xlsx`));
    const draft = upload.result;
    const dryRun = await sampled(pid, () =>
      api.json<{ summary: { create: number }; rows: unknown[] }>('PUT', `/api/imports/${draft.id}`, {
        mapping: draft.mapping,
        defaultCountry: 'PL',
        invite: false,
      }),
    );
    if (dryRun.result.summary.create !== BIG_ROWS) throw new Error(`dry run: ${JSON.stringify(dryRun.result.summary)}`);
    const job = await sampled(pid, async () => {
      await api.json('POST', `/api/imports/${draft.id}/commit`, {});
      for (;;) {
        const view = await api.json<ImportView>('GET', `/api/imports/${draft.id}`);
        if (view.status === 'done' || view.status === 'failed') return view;
        await new Promise((r) => setTimeout(r, 250));
      }
    });
    if (job.result.status !== 'done' || job.result.created !== BIG_ROWS)
      throw new Error(`import ended ${job.result.status} with ${job.result.created} companies`);
    const csv = await sampled(pid, () => api.download(`/api/imports/${draft.id}/report?format=csv`));
    const xlsx = await sampled(pid, () => api.download(`/api/imports/${draft.id}/report?format=xlsx`));
    await new Promise((r) => setTimeout(r, 2000));
    const soon = await settled(pid);
    // V8 gives memory back once the process has been quiet a while (its memory reducer starts after 8 s).
    await new Promise((r) => setTimeout(r, 14_000));
    const after = await settled(pid);
    const afterHeap = await app.memory();
    const raw = await rawInserts(db.url, officeId, companies);

    const above = (bytes: number) => `${((bytes - idle) / MB).toFixed(0)} MB`;
    const phases: [string, Phase, string][] = [
      ['upload (POST /api/imports: parse, rows kept)', upload, ''],
      ['dry run (PUT /api/imports/:id)', dryRun, `${dryRun.result.rows.length} rows shown`],
      ['commit + import job (polled until done)', job, ''],
      ['CSV report (GET …/report?format=csv)', csv, `${(csv.result / MB).toFixed(1)} MB`],
      ['XLSX report (GET …/report?format=xlsx)', xlsx, `${(xlsx.result / MB).toFixed(1)} MB`],
    ];
    const peak = Math.max(...phases.map(([, p]) => p.peak));
    const total = upload.seconds + dryRun.seconds + job.seconds;
    const heap = (m: NodeJS.MemoryUsage) =>
      `JS heap ${(m.heapUsed / MB).toFixed(0)} MB used of ${(m.heapTotal / MB).toFixed(0)} MB, external ${(m.external / MB).toFixed(0)} MB`;
    console.log(
      `idle portal: ${(idle / MB).toFixed(0)} MB RSS, ${heap(idleHeap)}; 18 s after the last report: ${(after / MB).toFixed(0)} MB RSS, ${heap(afterHeap)}`,
    );
    printTable(
      ['', 'seconds', 'RSS above idle at start', 'peak RSS above idle', ''],
      [
        ...phases.map(([name, p, note]) => [name, p.seconds.toFixed(2), above(p.start), above(p.peak), note]),
        ['the whole import and both reports', (total + csv.seconds + xlsx.seconds).toFixed(2), '', above(peak), ''],
        ['held 3 s after the last report', '', '', above(soon), ''],
        ['held 18 s after the last report', '', '', above(after), ''],
        ['baseline: the idle portal (RSS)', '', '', `${(idle / MB).toFixed(0)} MB`, ''],
        [
          'import (upload + dry run + job)',
          total.toFixed(2),
          '',
          '',
          `${Math.round(BIG_ROWS / total).toLocaleString('en')} rows/s`,
        ],
        [
          'baseline: raw single-row INSERT INTO companies, one transaction',
          raw.toFixed(2),
          '',
          '',
          `${Math.round(BIG_ROWS / raw).toLocaleString('en')} rows/s`,
        ],
      ],
    );
    const rows = BIG_ROWS.toLocaleString('en');
    // Memory beside the idle portal's own resident memory, measured just before the upload.
    record(db, {
      name: `import peak RSS above idle (${rows}-row XLSX, import and reports)`,
      value: (peak - idle) / MB,
      unit: 'MB',
      baseline: idle / MB,
    });
    record(db, {
      name: `import RSS held afterwards (${rows}-row XLSX)`,
      value: (after - idle) / MB,
      unit: 'MB',
      baseline: idle / MB,
    });
    record(db, {
      name: `import (${rows}-row XLSX)`,
      value: BIG_ROWS / total,
      unit: 'rows/s',
      baseline: BIG_ROWS / raw,
    });
  } finally {
    await app?.stop();
    await client.end();
  }
}
