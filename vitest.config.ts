import { existsSync, globSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { defineConfig } from 'vitest/config';

const TEST_FILES = ['common/src/**/*.test.ts', 'server/src/**/*.test.ts', 'server/test/**/*.test.ts'];
/** The modules that hand a test the run's PostgreSQL (the embedded one or TEST_DATABASE_URL's server). */
const DATABASE_MODULES = new Set(['server/test/database.ts', 'server/test/harness.ts'].map((f) => path.resolve(f)));

/**
 * Whether a file reaches the run's PostgreSQL: it imports a database module, directly or through other local modules,
 * or reads what the global setup provides. Decided from the source, so a new test lands in the right tier by itself.
 */
function usesTestDatabase(file: string, seen = new Set<string>()): boolean {
  if (DATABASE_MODULES.has(file)) return true;
  if (seen.has(file)) return false;
  seen.add(file);
  const source = readFileSync(file, 'utf8');
  if (/\binject\(\s*['"](adminUrl|templateDb|runPid)['"]/.test(source)) return true;
  for (const [, relative] of source.matchAll(/(?:from|import)\s*\(?\s*['"](\.{1,2}\/[^'"]+)\.js['"]/g)) {
    const target = path.resolve(path.dirname(file), `${relative}.ts`);
    if (existsSync(target) && usesTestDatabase(target, seen)) return true;
  }
  return false;
}

const databaseTests = globSync(TEST_FILES).filter((file) => usesTestDatabase(path.resolve(file)));
/**
 * Tests that start processes of their own (an embedded PostgreSQL, the portal itself) and need no database of the run:
 * the slowest files, engine-independent, run once. A process test that uses the run's database (job recovery) stays in
 * `database`.
 */
const startsProcesses = (file: string) =>
  /\b(spawn|fork|execFile)\(|startEmbeddedDatabase\(/.test(readFileSync(file, 'utf8'));
const processTests = globSync(TEST_FILES).filter((file) => !databaseTests.includes(file) && startsProcesses(file));
/** The web app's pure logic (cache updates, Markdown, formatting): Node by default, a file may ask for jsdom. */
const WEB_TEST_FILES = ['web/src/**/*.test.ts'];

const shared = {
  testTimeout: 30_000,
  hookTimeout: 60_000,
  pool: 'forks',
  // Files of a worker share one module graph: loading the whole app once per worker instead of once per file took the
  // database tier from 183 s to 150 s (import time 120 s → 25 s, 32 files). No test mocks modules or leans on a fresh
  // module state; each file gets its own database and app.
  isolate: false,
} as const;

/**
 * Four projects in two tiers. `database`: every file on the run's PostgreSQL — CI repeats it on the server. The rest
 * no database engine changes, and runs once (CI's second run asks for `--project database` only): `unit` (pure
 * functions, adapters against local HTTP servers), `process` (tests that start an embedded PostgreSQL or the portal of
 * their own) and `web` (the web app's pure logic). A unit file that reached for the database would fail: its tier has no
 * global setup, so nothing is provided.
 */
export default defineConfig({
  test: {
    // Most files wait on PostgreSQL, not the CPU: three at once on a 2-core machine halve the run (383 s → 174 s).
    maxWorkers: 3,
    projects: [
      { test: { ...shared, name: 'database', include: databaseTests, globalSetup: ['server/test/global-setup.ts'] } },
      { test: { ...shared, name: 'unit', include: TEST_FILES, exclude: [...databaseTests, ...processTests] } },
      { test: { ...shared, name: 'process', include: processTests } },
      {
        resolve: { alias: { '@common': path.resolve('common/src') } },
        test: { ...shared, name: 'web', include: WEB_TEST_FILES, environment: 'node' },
      },
    ],
  },
});
