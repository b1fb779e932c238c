// Starts bench/app-server.ts (the portal) in a child process on a loopback port and stops it.
import { fork } from 'node:child_process';
import path from 'node:path';

export type AppStats = { cpuMs: number; statements: number };

export type AppProcess = {
  /** http://127.0.0.1:PORT */
  origin: string;
  port: number;
  /** The bare `ws` broadcaster of the same process (deliver's baseline); POST /upload streams a body to a file (upload's). */
  plainPort: number;
  /** The portal's process id (its memory can be read in /proc). */
  pid: number;
  /** CPU time the portal's process has used so far (ms), and the statements it has sent PostgreSQL. */
  stats(): Promise<AppStats>;
  /** The portal's process.memoryUsage(): how much of its resident memory is JavaScript heap. */
  memory(): Promise<NodeJS.MemoryUsage>;
  stop(): Promise<void>;
};

/**
 * The portal's V8 flags, as `npm run serve` starts it: with the default limit of a machine with much memory V8 lets
 * garbage reach four times the live heap before a full collection; under 1 GB it collects at about 1.6 times.
 */
export const PORTAL_NODE_FLAGS = ['--max-old-space-size=1024'];

export async function startApp(databaseUrl: string, env: Record<string, string> = {}): Promise<AppProcess> {
  const child = fork(path.join(import.meta.dirname, 'app-server.ts'), [], {
    // BENCH_PROFILE=DIR writes a CPU profile of the portal's process there (open it in Chrome's DevTools).
    execArgv: [
      ...PORTAL_NODE_FLAGS,
      '--import',
      'tsx',
      ...(process.env.BENCH_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}`] : []),
    ],
    env: { ...process.env, ...env, BENCH_APP_DATABASE_URL: databaseUrl },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const ready = await new Promise<{ port: number; plainPort: number; pid: number }>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`the portal's process exited (${code}) before it was ready`)));
    child.once('message', (message: { type: string; port: number; plainPort: number; pid: number }) =>
      resolve(message),
    );
  });
  child.removeAllListeners('exit');
  return {
    origin: `http://127.0.0.1:${ready.port}`,
    port: ready.port,
    plainPort: ready.plainPort,
    pid: ready.pid,
    stats: () =>
      new Promise((resolve) => {
        const onMessage = (message: { type: string; cpu?: NodeJS.CpuUsage; statements?: number }) => {
          if (message.type !== 'stats' || !message.cpu) return;
          child.off('message', onMessage);
          resolve({ cpuMs: (message.cpu.user + message.cpu.system) / 1000, statements: message.statements ?? 0 });
        };
        child.on('message', onMessage);
        child.send({ type: 'stats' });
      }),
    memory: () =>
      new Promise((resolve) => {
        const onMessage = (message: { type: string; memory?: NodeJS.MemoryUsage }) => {
          if (message.type !== 'memory' || !message.memory) return;
          child.off('message', onMessage);
          resolve(message.memory);
        };
        child.on('message', onMessage);
        child.send({ type: 'memory' });
      }),
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        child.once('exit', () => {
          clearTimeout(timer);
          resolve();
        });
        child.send({ type: 'stop' });
      }),
  };
}
