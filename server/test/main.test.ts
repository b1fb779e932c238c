// `npm run serve` as a user runs it: the real main.ts in a child process on an empty data folder; then the
// build `npm start` runs, server/dist/main.js under plain node, on the same folder.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from './stand-in.js';

const repoRoot = path.resolve(import.meta.dirname, '../..');
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'bureau-main-'));
const children: ChildProcess[] = [];

function startPortal(port: number, smtpPort?: number, command = ['--import', 'tsx', 'server/src/main.ts']) {
  const inbound = smtpPort
    ? { INBOUND_SMTP_PORT: String(smtpPort), INBOUND_SMTP_HOST: '127.0.0.1' }
    : { INBOUND_SMTP_PORT: '' };
  const child = spawn(process.execPath, command, {
    cwd: repoRoot,
    env: {
      ...process.env,
      DATA_DIR: dataDir,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      DATABASE_URL: '',
      SMTP_URL: '',
      ...inbound,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, exited, output: () => output };
}

async function waitForHealth(port: number, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/api/health`)).ok) return;
    } catch {
      // not yet
    }
    if (Date.now() > deadline) throw new Error('the portal did not answer /api/health');
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The first line the SMTP listener answers with (it starts just after the HTTP server). */
async function smtpGreeting(port: number, timeoutMs = 10_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const socket = net.connect(port, '127.0.0.1');
    try {
      return await new Promise<string>((resolve, reject) => {
        socket.once('data', (d) => resolve(d.toString('utf8').split('\r\n')[0]!));
        socket.once('error', reject);
      });
    } catch (err) {
      if (Date.now() > deadline) throw err;
      await new Promise((r) => setTimeout(r, 100));
    } finally {
      socket.end();
    }
  }
}

afterAll(() => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

describe('the portal process', () => {
  it('starts on an empty data folder, refuses a second instance on it, and stops PostgreSQL cleanly on SIGTERM', async () => {
    const port = await freePort();
    const portal = startPortal(port);
    await waitForHealth(port);
    expect(portal.output()).toContain(`Bureau is running at http://localhost:${port}`);
    expect(existsSync(path.join(dataDir, 'postgres', 'postmaster.pid'))).toBe(true);

    const second = startPortal(await freePort());
    expect(await second.exited).toBe(1);
    expect(second.output()).toContain(
      `Another Bureau instance (pid ${portal.child.pid}) is already using the data folder ${dataDir}`,
    );

    portal.child.kill('SIGTERM');
    expect(await portal.exited).toBe(0);
    // PostgreSQL removes postmaster.pid only after a clean shutdown; the folder lock is released too.
    expect(existsSync(path.join(dataDir, 'postgres', 'postmaster.pid'))).toBe(false);
    expect(existsSync(path.join(dataDir, 'bureau.pid'))).toBe(false);

    // And it starts again on the existing folder, this time with the reply listener, which stops with it.
    const smtpPort = await freePort();
    const again = startPortal(port, smtpPort);
    await waitForHealth(port);
    expect(await smtpGreeting(smtpPort)).toMatch(/^220 /);
    again.child.kill('SIGINT');
    expect(await again.exited).toBe(0);
  }, 120_000);

  it('starts from the server build that npm start runs, finding its migrations and the web app', async () => {
    const build = spawnSync(process.execPath, ['scripts/build.mjs', '--if-changed', 'server'], {
      cwd: repoRoot,
      encoding: 'utf8',
    });
    expect(build.status, build.stderr).toBe(0);
    const port = await freePort();
    const portal = startPortal(port, undefined, ['--max-old-space-size=1024', 'server/dist/main.js']);
    await waitForHealth(port);
    expect(portal.output()).toContain(`Bureau is running at http://localhost:${port}`);
    // web/dist is found by a path relative to the source, which the bundle must still point at.
    const webBuilt = existsSync(path.join(repoRoot, 'web/dist/index.html'));
    expect((await fetch(`http://127.0.0.1:${port}/some/page`)).status).toBe(webBuilt ? 200 : 503);
    portal.child.kill('SIGTERM');
    expect(await portal.exited).toBe(0);
  }, 60_000);
});
