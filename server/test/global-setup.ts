// Starts the test PostgreSQL once per run — the embedded one by default, or the server named by
// TEST_DATABASE_URL — and migrates a template database that each test file copies.
import fs from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { runMigrations } from '../src/db/database.js';
import { startEmbeddedDatabase, type EmbeddedDatabase } from '../src/db/embedded.js';

let embedded: EmbeddedDatabase | undefined;

const isAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

declare module 'vitest' {
  export interface ProvidedContext {
    adminUrl: string;
    templateDb: string;
    runPid: number;
  }
}

export default async function setup(project: TestProject) {
  let adminUrl = process.env.TEST_DATABASE_URL;
  let dataDir: string | undefined;
  if (!adminUrl) {
    // One cluster per run, so that several runs (and developers) never share one.
    const root = path.resolve('.tmp');
    await fs.mkdir(root, { recursive: true });
    for (const entry of await fs.readdir(root)) {
      const pid = Number(/^test-postgres-(\d+)$/.exec(entry)?.[1]);
      if (pid && !isAlive(pid)) await fs.rm(path.join(root, entry), { recursive: true, force: true });
    }
    dataDir = path.join(root, `test-postgres-${process.pid}`);
    embedded = await startEmbeddedDatabase({ dataDir, database: 'postgres' });
    adminUrl = embedded.url;
  }
  const templateDb = `bureau_template_${process.pid}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  // Databases left by an interrupted run (named after its process, which is gone).
  const stale = await admin.query(`SELECT datname FROM pg_database WHERE datname ~ '^bureau_(template|test)_[0-9]+'`);
  for (const { datname } of stale.rows) {
    const pid = Number(/^bureau_(?:template|test)_(\d+)/.exec(datname)?.[1]);
    if (!isAlive(pid)) await admin.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`).catch(() => {});
  }
  await admin.query(`CREATE DATABASE "${templateDb}"`);
  const url = new URL(adminUrl);
  url.pathname = `/${templateDb}`;
  await runMigrations(url.toString());
  project.provide('adminUrl', adminUrl);
  project.provide('templateDb', templateDb);
  project.provide('runPid', process.pid);
  return async () => {
    await admin.query(`DROP DATABASE IF EXISTS "${templateDb}" WITH (FORCE)`).catch(() => {});
    await admin.end();
    await embedded?.stop();
    if (dataDir) await fs.rm(dataDir, { recursive: true, force: true });
  };
}
