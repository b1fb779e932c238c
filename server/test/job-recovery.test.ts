// A portal killed with SIGKILL in the middle of a portfolio import: the next portal process (main.ts in a
// child process, on the same database) finishes the import within a minute, doing nothing twice — or, when
// that was the import's last attempt, marks it failed.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportView } from '@bureau/common';
import { auditLog, companies } from '../src/db/schema.js';
import { freePort } from './stand-in.js';
import {
  createTestApp,
  NO_REGISTRIES,
  signIn,
  TEST_SECRET_KEY,
  uniqueNip,
  type Session,
  type TestOffice,
} from './harness.js';

const repoRoot = path.resolve(import.meta.dirname, '../..');
const HEARTBEAT_SECONDS = 10;
const ROWS = 4000;
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'bureau-recovery-'));
const children: ChildProcess[] = [];

/** `npm run serve` on the test's database: HTTP and every worker, as a restarted portal would run. */
async function startPortal(databaseUrl: string, filesDir: string) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
    cwd: repoRoot,
    env: {
      ...process.env,
      ...NO_REGISTRIES,
      DATABASE_URL: databaseUrl,
      DATA_DIR: dataDir,
      FILES_DIR: filesDir,
      BUREAU_SECRET_KEY: TEST_SECRET_KEY,
      PORT: String(await freePort()),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      SMTP_URL: '',
      INBOUND_SMTP_PORT: '',
      JOB_HEARTBEAT_SECONDS: String(HEARTBEAT_SECONDS),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return { child, exited, output: () => output };
}

const csvOf = (nips: string[]) =>
  Buffer.from(`Nazwa firmy;NIP\n${nips.map((nip, i) => `Odzyskana ${i} sp. z o.o.;${nip}`).join('\n')}\n`, 'utf8');
const settings = {
  mapping: { name: 0, taxId: 1, email: null, phone: null, country: null, representative: null, access: null },
  defaultCountry: 'PL',
  invite: false,
};

describe('a portal killed in the middle of a job', () => {
  let t: Awaited<ReturnType<typeof createTestApp>>;
  let office: TestOffice;
  let owner: Session;
  beforeAll(async () => {
    t = await createTestApp({ JOB_HEARTBEAT_SECONDS: String(HEARTBEAT_SECONDS) });
    office = await t.factories.office();
    owner = await signIn(t.app, office.owner.email);
  });
  afterAll(async () => {
    for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await t.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('leaves its import to the next portal, which finishes it within a minute of the kill and creates every company once', async () => {
    const nips = Array.from({ length: ROWS }, () => uniqueNip());
    const upload = await owner.upload('/api/imports', 'klienci.csv', csvOf(nips));
    expect(upload.statusCode, upload.body).toBe(201);
    const id = (upload.json() as ImportView).id;
    expect((await owner.put(`/api/imports/${id}`, settings)).statusCode).toBe(200);
    expect((await owner.post(`/api/imports/${id}/commit`)).statusCode).toBe(202);
    const view = async () => (await owner.get(`/api/imports/${id}`)).json() as ImportView;

    const first = await startPortal(t.url, t.filesDir);
    let seen = await view();
    for (const deadline = Date.now() + 90_000; seen.processed === 0; seen = await view()) {
      if (Date.now() > deadline) throw new Error(`the first portal never started the import:\n${first.output()}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    first.child.kill('SIGKILL');
    await first.exited;
    const killedAt = Date.now();
    const halfway = await view();
    expect(halfway.status).toBe('running');
    expect(halfway.processed).toBeLessThan(ROWS);

    const second = await startPortal(t.url, t.filesDir);
    let done = await view();
    for (; done.status !== 'done'; done = await view()) {
      if (Date.now() - killedAt > 90_000)
        throw new Error(`the import was not finished (${done.status}, ${done.processed} rows):\n${second.output()}`);
      await new Promise((r) => setTimeout(r, 250));
    }
    // The heartbeat window, half a window until the supervisor looks, the import's retry delay (10–20 s),
    // a poll and the second portal's start — not the queue's hour of expireInSeconds.
    expect(Date.now() - killedAt).toBeLessThan(60_000);
    expect(done).toMatchObject({ processed: ROWS, created: ROWS, skipped: 0 });

    const created = await t.db.inTenant({ officeId: office.id }, (tx) =>
      tx
        .select({ id: companies.id, taxId: companies.taxId })
        .from(companies)
        .where(and(eq(companies.officeId, office.id), inArray(companies.taxId, nips))),
    );
    expect(created).toHaveLength(ROWS);
    expect(new Set(created.map((c) => c.taxId)).size).toBe(ROWS);
    const audits = await t.db.inTenant({ officeId: office.id }, (tx) =>
      tx
        .select({ action: auditLog.action })
        .from(auditLog)
        .where(
          and(eq(auditLog.officeId, office.id), inArray(auditLog.action, ['company.created', 'company.imported'])),
        ),
    );
    expect(audits.filter((a) => a.action === 'company.created')).toHaveLength(ROWS);
    expect(audits.filter((a) => a.action === 'company.imported')).toHaveLength(1);
    const jobs = await t.asOwner(
      `SELECT state, retry_count, heartbeat_seconds FROM pgboss.job WHERE name = 'import' AND data->>'importId' = '${id}'`,
    );
    expect(jobs.rows).toEqual([{ state: 'completed', retry_count: 1, heartbeat_seconds: HEARTBEAT_SECONDS }]);

    second.child.kill('SIGTERM');
    await second.exited;
  }, 240_000);

  it('says an import failed when its last attempt was the one killed, instead of leaving it running', async () => {
    const nips = Array.from({ length: ROWS }, () => uniqueNip());
    const upload = await owner.upload('/api/imports', 'klienci.csv', csvOf(nips));
    const id = (upload.json() as ImportView).id;
    expect((await owner.put(`/api/imports/${id}`, settings)).statusCode).toBe(200);
    expect((await owner.post(`/api/imports/${id}/commit`)).statusCode).toBe(202);
    const view = async () => (await owner.get(`/api/imports/${id}`)).json() as ImportView & { error: string | null };
    // As if its earlier attempts had all failed: the next one is the last.
    await t.asOwner(`UPDATE pgboss.job SET retry_limit = 0 WHERE name = 'import' AND data->>'importId' = '${id}'`);

    const first = await startPortal(t.url, t.filesDir);
    for (const deadline = Date.now() + 90_000; (await view()).processed === 0;) {
      if (Date.now() > deadline) throw new Error(`the first portal never started the import:\n${first.output()}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    first.child.kill('SIGKILL');
    await first.exited;
    const killedAt = Date.now();
    const second = await startPortal(t.url, t.filesDir);
    let seen = await view();
    for (; seen.status === 'running'; seen = await view()) {
      if (Date.now() - killedAt > 90_000) throw new Error(`the import still says running:\n${second.output()}`);
      await new Promise((r) => setTimeout(r, 250));
    }
    expect(Date.now() - killedAt).toBeLessThan(60_000);
    expect(seen).toMatchObject({ status: 'failed', error: 'internal' });
    expect(seen.processed).toBeLessThan(ROWS);
    const jobs = await t.asOwner(`SELECT name, state FROM pgboss.job WHERE data->>'importId' = '${id}' ORDER BY name`);
    expect(jobs.rows).toEqual([
      { name: 'import', state: 'failed' },
      { name: 'import-failed', state: 'completed' },
    ]);

    second.child.kill('SIGTERM');
    await second.exited;
  }, 240_000);
});
