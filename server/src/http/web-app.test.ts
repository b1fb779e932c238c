import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../../test/harness.js';

const SCRIPT = `export const greeting = ${JSON.stringify('Dzień dobry! '.repeat(400))};\n`;
const PAGE = '<!doctype html><html><head><script type="module" src="/assets/index-Ab12_cD3.js"></script></head></html>';

/** A web/dist as `npm run build` leaves it: hashed files under assets/, each text file with its .br and .gz. */
async function builtWebApp(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'bureau-web-dist-'));
  await mkdir(path.join(dir, 'assets'));
  const files: Record<string, string> = {
    'index.html': PAGE,
    'sw.js': 'self.addEventListener("push", () => {});',
    'manifest.webmanifest': '{"name":"Bureau"}',
    'assets/index-Ab12_cD3.js': SCRIPT,
  };
  for (const [name, text] of Object.entries(files)) {
    await writeFile(path.join(dir, name), text);
    await writeFile(path.join(dir, `${name}.br`), brotliCompressSync(text));
    await writeFile(path.join(dir, `${name}.gz`), gzipSync(text));
  }
  return dir;
}

describe('the web app as a phone downloads it', () => {
  let t: Awaited<ReturnType<typeof createTestApp>>;
  let dist: string;
  beforeAll(async () => {
    dist = await builtWebApp();
    t = await createTestApp({ WEB_DIST_DIR: dist });
  });
  afterAll(async () => {
    await t.close();
    await rm(dist, { recursive: true, force: true });
  });

  const get = (url: string, acceptEncoding?: string) =>
    t.app.inject({ method: 'GET', url, headers: acceptEncoding ? { 'accept-encoding': acceptEncoding } : {} });

  it('sends a hashed script brotli-compressed to a browser that accepts brotli, cached for a year', async () => {
    const res = await get('/assets/index-Ab12_cD3.js', 'gzip, deflate, br, zstd');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers['content-type']).toMatch(/javascript/);
    expect(String(res.headers.vary)).toMatch(/accept-encoding/i);
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(res.rawPayload.length).toBeLessThan(SCRIPT.length / 10);
    expect(brotliDecompressSync(res.rawPayload).toString()).toBe(SCRIPT);
  });

  it('sends gzip to a browser that accepts only gzip', async () => {
    const res = await get('/assets/index-Ab12_cD3.js', 'gzip');
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(String(res.headers.vary)).toMatch(/accept-encoding/i);
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(gunzipSync(res.rawPayload).toString()).toBe(SCRIPT);
  });

  it('sends the file as it is to a client that accepts no encoding', async () => {
    for (const acceptEncoding of [undefined, 'identity']) {
      const res = await get('/assets/index-Ab12_cD3.js', acceptEncoding);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-encoding']).toBeUndefined();
      expect(String(res.headers.vary)).toMatch(/accept-encoding/i);
      expect(res.body).toBe(SCRIPT);
    }
  });

  it('has the page, the service worker and the manifest revalidated on every use, compressed too', async () => {
    for (const url of ['/', '/conversations/some-thread', '/sw.js', '/manifest.webmanifest']) {
      const res = await get(url, 'br');
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['cache-control'], url).toBe('no-cache');
      expect(res.headers['content-encoding'], url).toBe('br');
      expect(String(res.headers.vary), url).toMatch(/accept-encoding/i);
    }
    expect(brotliDecompressSync((await get('/', 'br')).rawPayload).toString()).toBe(PAGE);
  });

  it('answers 404 for a script of an older build instead of the page', async () => {
    const res = await get('/assets/index-Gone1234.js', 'br');
    expect(res.statusCode).toBe(404);
    expect(String(res.headers['cache-control'] ?? '')).not.toMatch(/immutable/);
  });
});
