// upload: how much the portal's memory grows while it receives one 200 MB file — the portal in its
// own process (ATTACHMENT_MAX_MB=256, files in a temp folder), a signed-in client user posting the
// file over real HTTP as multipart/form-data, streamed from a generator so the load generator holds
// no copy either. The portal's resident memory (VmRSS in /proc) is sampled every 5 ms from just
// before the request until its answer; the baseline is the same body posted to a bare Node handler
// in the same process that only streams it to a file. Alternating runs, the worst of each kept.
import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import fs from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { Database } from '../server/src/db/database.js';
import { startApp, type AppProcess } from './app-process.js';
import { openDatabase } from './database.js';
import { createOffice, nipFor, openSessions, type BrowserSession } from './fixtures.js';
import { printTable, record } from './results.js';

const FILE_MB = 200;
const RUNS = 3;
const CHUNK = 1024 * 1024;

/** Resident memory of a process, in bytes. */
function rss(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) * 1024 : 0;
}

/** A PDF-looking body of `mb` megabytes, made chunk by chunk (never held whole). */
async function* pdfBody(mb: number, boundary: string | null): AsyncGenerator<Buffer> {
  const noise = randomBytes(CHUNK);
  if (boundary)
    yield Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="wyciąg roczny.pdf"\r\nContent-Type: application/pdf\r\n\r\n`,
    );
  yield Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 'latin1');
  for (let i = 0; i < mb; i++) {
    noise.writeUInt32LE(i, 0);
    yield Buffer.from(noise);
  }
  yield Buffer.from('\n%%EOF\n');
  if (boundary) yield Buffer.from(`\r\n--${boundary}--\r\n`);
}

/** Posts a streamed body and reports the peak growth of the portal's memory meanwhile. */
async function measure(
  pid: number,
  port: number,
  requestPath: string,
  headers: Record<string, string>,
  boundary: string | null,
): Promise<{ growth: number; ms: number; status: number }> {
  if (global.gc) global.gc();
  await new Promise((r) => setTimeout(r, 300));
  const before = rss(pid);
  let peak = before;
  const sampler = setInterval(() => (peak = Math.max(peak, rss(pid))), 5);
  const started = performance.now();
  const status = await new Promise<number>((resolve, reject) => {
    const request = http.request(
      {
        host: '127.0.0.1',
        port,
        path: requestPath,
        method: 'POST',
        headers: { ...headers, 'transfer-encoding': 'chunked' },
      },
      (response) => {
        response.resume();
        response.on('end', () => resolve(response.statusCode ?? 0));
      },
    );
    request.on('error', reject);
    pipeline(Readable.from(pdfBody(FILE_MB, boundary)), request).catch(reject);
  });
  const ms = performance.now() - started;
  clearInterval(sampler);
  peak = Math.max(peak, rss(pid));
  return { growth: peak - before, ms, status };
}

async function seed(url: string): Promise<{ session: BrowserSession }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { officeId } = await createOffice(client);
    const companyId = randomUUID();
    const userId = randomUUID();
    await client.query(
      `INSERT INTO companies (id, office_id, name, country, tax_id) VALUES ($1, $2, 'Piekarnia Złoty Kłos sp. z o.o.', 'PL', $3)`,
      [companyId, officeId, nipFor(1)],
    );
    await client.query(
      `INSERT INTO users (id, email, name, locale) VALUES ($1, 'jan@upload.bench.example', 'Jan Kłosowski', 'pl')`,
      [userId],
    );
    await client.query(
      `INSERT INTO company_users (office_id, company_id, user_id, access) VALUES ($1, $2, $3, 'full')`,
      [officeId, companyId, userId],
    );
    const [session] = await openSessions(client, officeId, [{ userId, companyId }]);
    return { session: session! };
  } finally {
    await client.end();
  }
}

export async function run(): Promise<void> {
  const target = await openDatabase('upload');
  const filesDir = await fs.mkdtemp(path.join(os.tmpdir(), 'bureau-bench-files-'));
  let app: AppProcess | undefined;
  try {
    await (await Database.connect(target.url)).close();
    const { session } = await seed(target.url);
    app = await startApp(target.url, { FILES_DIR: filesDir, ATTACHMENT_MAX_MB: '256' });
    console.log(
      `one ${FILE_MB} MB file per run, ${RUNS} runs each, in ${target.label} (PostgreSQL ${target.version}); portal pid ${app.pid}`,
    );
    const api: { growth: number; ms: number }[] = [];
    const bare: { growth: number; ms: number }[] = [];
    for (let i = 0; i < RUNS; i++) {
      const boundary = `----bureau${randomUUID().replaceAll('-', '')}`;
      const viaApi = await measure(
        app.pid,
        app.port,
        '/api/attachments',
        {
          cookie: session.cookie,
          'x-csrf-token': session.csrfToken,
          'content-type': `multipart/form-data; boundary=${boundary}`,
        },
        boundary,
      );
      if (viaApi.status !== 201) throw new Error(`the upload was refused (${viaApi.status})`);
      api.push(viaApi);
      bare.push(await measure(app.pid, app.plainPort, '/upload', { 'content-type': 'application/octet-stream' }, null));
    }
    const worst = (list: { growth: number }[]) => Math.max(...list.map((r) => r.growth)) / (1024 * 1024);
    const mbps = (list: { ms: number }[]) => (FILE_MB / (list.reduce((n, r) => n + r.ms, 0) / list.length)) * 1000;
    printTable(
      ['', 'peak RSS growth (worst)', 'per run', 'throughput'],
      [
        [
          'POST /api/attachments',
          `${worst(api).toFixed(1)} MB`,
          api.map((r) => (r.growth / 2 ** 20).toFixed(1)).join(' / '),
          `${mbps(api).toFixed(0)} MB/s`,
        ],
        [
          'bare stream to file',
          `${worst(bare).toFixed(1)} MB`,
          bare.map((r) => (r.growth / 2 ** 20).toFixed(1)).join(' / '),
          `${mbps(bare).toFixed(0)} MB/s`,
        ],
      ],
    );
    record(target, {
      name: `upload peak RSS growth (${FILE_MB} MB file)`,
      value: worst(api),
      unit: 'MB',
      baseline: worst(bare),
    });
    record(target, {
      name: `upload throughput (${FILE_MB} MB file)`,
      value: mbps(api),
      unit: 'MB/s',
      baseline: mbps(bare),
    });
  } finally {
    await app?.stop();
    await target.close();
    await fs.rm(filesDir, { recursive: true, force: true });
  }
}
