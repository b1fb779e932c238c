// Starts the test PostgreSQL once per run — the embedded one by default, or the server named by
// TEST_DATABASE_URL — and migrates a template database that each test file copies.
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { runMigrations } from '../src/db/database.js';
import { startEmbeddedDatabase, type EmbeddedDatabase } from '../src/db/embedded.js';

let embedded: EmbeddedDatabase | undefined;

declare module 'vitest' {
  export interface ProvidedContext {
    adminUrl: string;
    templateDb: string;
  }
}

export default async function setup(project: TestProject) {
  let adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) {
    embedded = await startEmbeddedDatabase({ dataDir: path.resolve('.tmp/test-postgres'), database: 'postgres' });
    adminUrl = embedded.url;
  }
  const templateDb = `bureau_template_${process.pid}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  // Databases left by an interrupted run.
  const stale = await admin.query(`SELECT datname FROM pg_database WHERE datname LIKE 'bureau\\_template\\_%' OR datname LIKE 'bureau\\_test\\_%'`);
  for (const { datname } of stale.rows) await admin.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`).catch(() => {});
  await admin.query(`CREATE DATABASE "${templateDb}"`);
  const url = new URL(adminUrl);
  url.pathname = `/${templateDb}`;
  await runMigrations(url.toString());
  project.provide('adminUrl', adminUrl);
  project.provide('templateDb', templateDb);
  return async () => {
    await admin.query(`DROP DATABASE IF EXISTS "${templateDb}" WITH (FORCE)`).catch(() => {});
    await admin.end();
    await embedded?.stop();
  };
}
