// `npm run demo` as an office tries it: the script in a child process on a fresh database, then every sign-in its
// table prints, through the real sign-in route. A demo that loads but whose printed passwords fail is worse than none.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymous, createTestApp, NO_REGISTRIES, NO_SMS_PROVIDERS, TEST_SECRET_KEY } from './harness.js';

const repoRoot = path.resolve(import.meta.dirname, '../..');

type Printed = { role: string; email: string; password: string; note: string | null };

/** Runs `npm run demo`'s script on the database and resolves with its exit code and output. */
function runDemo(databaseUrl: string, filesDir: string): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/scripts/demo.ts'], {
    cwd: repoRoot,
    env: {
      ...process.env,
      ...NO_REGISTRIES,
      ...NO_SMS_PROVIDERS,
      DATABASE_URL: databaseUrl,
      FILES_DIR: filesDir,
      BUREAU_SECRET_KEY: TEST_SECRET_KEY,
      PUBLIC_URL: 'http://localhost:3000',
      LOG_LEVEL: 'warn',
      SMTP_URL: '',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, output })));
}

/** The sign-in table's rows: the columns are separated by two spaces or more, the password may carry a note. */
function signInsOf(output: string): Printed[] {
  return output
    .split('\n')
    .filter((line) => /\S+@\S+\.example\s/.test(line))
    .map((line) => {
      const [role, , email, rest] = line.trim().split(/\s{2,}/);
      const note = /\((.+)\)/.exec(line)?.[1] ?? null;
      return { role: role!, email: email!, password: rest!.split(/\s/)[0]!, note };
    });
}

describe('npm run demo', () => {
  let t: Awaited<ReturnType<typeof createTestApp>>;
  let run: { code: number | null; output: string };
  beforeAll(async () => {
    t = await createTestApp();
    run = await runDemo(t.url, t.filesDir);
  }, 180_000);
  afterAll(async () => {
    await t.close();
  });

  it('loads the demo office into a fresh database and prints its sign-ins', () => {
    expect(run.code, run.output).toBe(0);
    expect(run.output).toContain('Loaded the demo office');
    const printed = signInsOf(run.output);
    expect(printed.map((p) => p.role)).toEqual(expect.arrayContaining(['Owner']));
    expect(printed.length).toBeGreaterThanOrEqual(8);
    expect(printed.filter((p) => p.note?.startsWith('cannot sign in'))).toHaveLength(1);
  });

  it('lets every person it prints sign in with the printed password, and refuses the one it says cannot', async () => {
    const printed = signInsOf(run.output);
    for (const person of printed) {
      const res = await anonymous(t.app).post('/api/auth/sign-in', { email: person.email, password: person.password });
      if (person.note?.startsWith('cannot sign in')) expect(res.statusCode, person.email).not.toBe(200);
      else expect(res.statusCode, `${person.role} ${person.email}: ${res.body}`).toBe(200);
    }
  });

  it('refuses to load twice into the same database, and says how to start afresh', async () => {
    const again = await runDemo(t.url, t.filesDir);
    expect(again.code).toBe(1);
    expect(again.output).toContain('already set up');
  }, 60_000);
});
