// Writes a brotli (.br) and a gzip (.gz) copy beside every text file of the build, once, at build time, so the server
// sends a phone the compressed bytes without compressing per request (@fastify/static's `preCompressed`). Brotli at
// its highest quality costs about a second for the whole app here; no request ever pays it.
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { Plugin } from 'vite';

const brotli = promisify(brotliCompress);
const gz = promisify(gzip);

/** What compresses: scripts, styles, the page, the manifest, icons drawn as SVG. Images and fonts already are. */
const COMPRESSIBLE = /\.(js|mjs|css|html|svg|json|webmanifest|txt)$/;
/** Below this a compressed copy saves less than the headers it costs. */
const MIN_BYTES = 1024;

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const nested = await Promise.all(
    entries.map((entry) => {
      const full = path.join(dir, entry.name);
      return entry.isDirectory() ? filesUnder(full) : Promise.resolve([full]);
    }),
  );
  return nested.flat();
}

/** Compresses one file both ways; a copy that is not smaller than the original is not written (nor served). */
export async function precompressFile(file: string): Promise<void> {
  const source = await readFile(file);
  const [br, gzipped] = await Promise.all([
    brotli(source, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
        [constants.BROTLI_PARAM_SIZE_HINT]: source.length,
        [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
      },
    }),
    gz(source, { level: constants.Z_BEST_COMPRESSION }),
  ]);
  if (br.length < source.length) await writeFile(`${file}.br`, br);
  if (gzipped.length < source.length) await writeFile(`${file}.gz`, gzipped);
}

/** The Vite plugin: after the bundle is written, every compressible file of `outDir` gets its .br and .gz. */
export function precompress(): Plugin {
  let outDir = '';
  return {
    name: 'bureau-precompress',
    apply: 'build',
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir);
    },
    async closeBundle() {
      const files = (await filesUnder(outDir)).filter((file) => COMPRESSIBLE.test(file));
      const sized = await Promise.all(files.map(async (file) => ({ file, size: (await stat(file)).size })));
      await Promise.all(sized.filter(({ size }) => size >= MIN_BYTES).map(({ file }) => precompressFile(file)));
    },
  };
}
