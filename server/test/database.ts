// A fresh database per test file, copied from the migrated template (fast), dropped afterwards.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { Database } from '../src/db/database.js';

export async function createTestDatabase(): Promise<{ db: Database; url: string; drop: () => Promise<void> }> {
  const adminUrl = inject('adminUrl');
  // vitest.config.ts puts a file in the database tier by what it imports; one that got here otherwise has no database.
  if (!adminUrl)
    throw new Error('no test database was provided: this test file is not in the database tier (see vitest.config.ts)');
  const name = `bureau_test_${inject('runPid')}_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}" TEMPLATE "${inject('templateDb')}"`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const db = await Database.connect(url.toString(), { maxConnections: 5 });
  return {
    db,
    url: url.toString(),
    async drop() {
      await db.close();
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await client.end();
    },
  };
}
