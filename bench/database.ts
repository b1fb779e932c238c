// The database a benchmark runs on: a throwaway database on the PostgreSQL server named by
// DATABASE_URL (BENCH_DATABASE_URL is an older alias), or else a fresh embedded PostgreSQL in a
// temporary folder — the one `npm start` runs by default.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { startEmbeddedDatabase } from '../server/src/db/embedded.js';

export type DatabaseKind = 'embedded' | 'server';

export type BenchDatabase = {
  /** The owner's URL of the fresh database (seeding runs as the owner; the app logs in as bureau_app). */
  url: string;
  kind: DatabaseKind;
  /** e.g. "18.1" */
  version: string;
  label: string;
  close(): Promise<void>;
};

/** The server a run uses, if any: DATABASE_URL, or its alias BENCH_DATABASE_URL. */
export const serverUrl = (): string | undefined =>
  process.env.DATABASE_URL || process.env.BENCH_DATABASE_URL || undefined;

export const databaseKind = (): DatabaseKind => (serverUrl() ? 'server' : 'embedded');

async function serverVersion(url: string): Promise<string> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ server_version: string }>('SHOW server_version');
    return rows[0]!.server_version.split(' ')[0]!;
  } finally {
    await client.end();
  }
}

/** A fresh database for one benchmark; `close()` drops it (or stops and removes the embedded server). */
export async function openDatabase(bench: string): Promise<BenchDatabase> {
  const adminUrl = serverUrl();
  if (adminUrl) {
    const name = `bureau_bench_${bench.replace(/[^a-z0-9]/gi, '_')}_${process.pid}`;
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.query(`CREATE DATABASE "${name}"`);
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    return {
      url: url.toString(),
      kind: 'server',
      version: await serverVersion(adminUrl),
      label: `database ${name} on the server at DATABASE_URL`,
      async close() {
        await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`).catch(() => {});
        await admin.end();
      },
    };
  }
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'bureau-bench-'));
  // mkdtemp makes the folder 0700; as root the server runs as the `postgres` user and must enter it.
  await fs.chmod(dir, 0o755);
  try {
    const embedded = await startEmbeddedDatabase({ dataDir: dir, database: 'bureau_bench' });
    return {
      url: embedded.url,
      kind: 'embedded',
      version: await serverVersion(embedded.url),
      label: `embedded PostgreSQL in ${dir}`,
      async close() {
        await embedded.stop();
        await fs.rm(dir, { recursive: true, force: true });
      },
    };
  } catch (err) {
    await fs.rm(dir, { recursive: true, force: true });
    throw err;
  }
}
