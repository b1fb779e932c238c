// Files on disk, content-addressed per office: <root>/offices/<officeId>/<ab>/<sha256>. An upload
// streams into <root>/tmp while it is hashed (memory stays bounded whatever the size), then is
// fsynced and renamed into place — a reader never sees half a file, and a crash leaves at most a
// temp file, which the next start removes. Identical content is stored once per office.
import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream, type ReadStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { isUuid } from '../../http/ids.js';

const SHA256 = /^[0-9a-f]{64}$/;
/** Temp files untouched for this long belong to no upload in progress (any instance). */
const STALE_TEMP_MS = 60 * 60_000;

export type ReceivedFile = { tmp: string; sha256: string; size: number };

export class FileStore {
  private readonly tmpDir: string;

  constructor(readonly root: string) {
    this.tmpDir = path.join(root, 'tmp');
  }

  /** Creates the folders and removes temp files a crash left behind. */
  async init(): Promise<void> {
    await fs.mkdir(this.tmpDir, { recursive: true });
    await this.removeStaleTemp(STALE_TEMP_MS);
  }

  async removeStaleTemp(olderThanMs: number): Promise<number> {
    let removed = 0;
    for (const name of await fs.readdir(this.tmpDir).catch(() => [] as string[])) {
      const file = path.join(this.tmpDir, name);
      const stat = await fs.stat(file).catch(() => undefined);
      if (stat && Date.now() - stat.mtimeMs > olderThanMs) {
        await fs.rm(file, { force: true });
        removed++;
      }
    }
    return removed;
  }

  pathOf(officeId: string, sha256: string): string {
    // Both parts come from our own database, but a path is built from them: check anyway.
    if (!isUuid(officeId) || !SHA256.test(sha256)) throw new Error('invalid file address');
    return path.join(this.root, 'offices', officeId.toLowerCase(), sha256.slice(0, 2), sha256);
  }

  /**
   * Streams `source` into a temp file while hashing it. On any failure (the client went away, the
   * disk is full) the temp file is removed and the error rethrown.
   */
  async receive(source: Readable): Promise<ReceivedFile> {
    const tmp = path.join(this.tmpDir, `${randomUUID()}.part`);
    const hash = createHash('sha256');
    let size = 0;
    const meter = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        hash.update(chunk);
        size += chunk.length;
        done(null, chunk);
      },
    });
    try {
      const out = createWriteStream(tmp, { flags: 'wx', mode: 0o640 });
      await pipeline(source, meter, out);
      return { tmp, sha256: hash.digest('hex'), size };
    } catch (err) {
      await fs.rm(tmp, { force: true });
      throw err;
    }
  }

  /** A file made here (an original without its metadata) as if it had been received: a temp file, hashed. */
  async receiveBuffer(data: Buffer): Promise<ReceivedFile> {
    const sha256 = createHash('sha256').update(data).digest('hex');
    const tmp = path.join(this.tmpDir, `${randomUUID()}.part`);
    await fs.writeFile(tmp, data, { flag: 'wx', mode: 0o640 });
    return { tmp, sha256, size: data.length };
  }

  /** A small file made here (a thumbnail): written to a temp file, then kept like an upload. */
  async putBuffer(officeId: string, data: Buffer): Promise<string> {
    const sha256 = createHash('sha256').update(data).digest('hex');
    const tmp = path.join(this.tmpDir, `${randomUUID()}.part`);
    await fs.writeFile(tmp, data, { flag: 'wx', mode: 0o640 });
    await this.keep(officeId, { tmp, sha256, size: data.length });
    return sha256;
  }

  /** Moves a received file to its address (durably), or drops it when that content is already there. */
  async keep(officeId: string, file: ReceivedFile): Promise<void> {
    const target = this.pathOf(officeId, file.sha256);
    try {
      await fs.mkdir(path.dirname(target), { recursive: true });
      const existing = await fs.stat(target).catch(() => undefined);
      if (existing && existing.size === file.size) {
        // Freshly touched, so a concurrent sweep leaves it to the row about to reference it.
        const now = new Date();
        await fs.utimes(target, now, now);
        await fs.rm(file.tmp, { force: true });
        return;
      }
      const handle = await fs.open(file.tmp, 'r');
      try {
        await handle.sync();
      } finally {
        await handle.close();
      }
      await fs.rename(file.tmp, target);
      await syncDirectory(path.dirname(target));
    } catch (err) {
      await fs.rm(file.tmp, { force: true });
      throw err;
    }
  }

  async discard(file: ReceivedFile): Promise<void> {
    await fs.rm(file.tmp, { force: true });
  }

  /** The size of a stored file, or undefined when it is not there. */
  async sizeOf(officeId: string, sha256: string): Promise<number | undefined> {
    const stat = await fs.stat(this.pathOf(officeId, sha256)).catch(() => undefined);
    return stat?.size;
  }

  open(officeId: string, sha256: string, range?: { start: number; end: number }): ReadStream {
    return createReadStream(this.pathOf(officeId, sha256), range);
  }

  /** An office's stored files not touched for `olderThanMs` (candidates for the sweep), by hash. */
  async oldFiles(officeId: string, olderThanMs: number): Promise<string[]> {
    const base = path.join(this.root, 'offices', officeId.toLowerCase());
    const found: string[] = [];
    for (const prefix of await fs.readdir(base).catch(() => [] as string[])) {
      for (const name of await fs.readdir(path.join(base, prefix)).catch(() => [] as string[])) {
        if (!SHA256.test(name)) continue;
        const stat = await fs.stat(path.join(base, prefix, name)).catch(() => undefined);
        if (stat && Date.now() - stat.mtimeMs > olderThanMs) found.push(name);
      }
    }
    return found;
  }

  /** Removes these files if they are still untouched for `olderThanMs` (an upload may have just taken one). */
  async removeIfOld(officeId: string, hashes: string[], olderThanMs: number): Promise<number> {
    let removed = 0;
    for (const sha256 of hashes) {
      const file = this.pathOf(officeId, sha256);
      const stat = await fs.stat(file).catch(() => undefined);
      if (!stat || Date.now() - stat.mtimeMs <= olderThanMs) continue;
      await fs.rm(file, { force: true });
      removed++;
    }
    return removed;
  }

  /** Offices that have a folder here (for the sweeper). */
  async officeIds(): Promise<string[]> {
    return (await fs.readdir(path.join(this.root, 'offices')).catch(() => [] as string[])).filter(isUuid);
  }
}

async function syncDirectory(dir: string): Promise<void> {
  const handle = await fs.open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
