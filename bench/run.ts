// `npm run bench [name…]`: runs every bench/*.bench.ts (each exports `run(): Promise<void>`), or
// only the ones named (`npm run bench -- company-list`), on a fresh embedded PostgreSQL — or, with
// DATABASE_URL (alias BENCH_DATABASE_URL), on throwaway databases of that server. Benchmarks print
// figures and ratios to a baseline measured in the same run, record them (bench/results.ts), and
// never assert; the figures are written to bench/results.json at the end.
import { readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { databaseKind } from './database.js';
import { printResults, results, writeResults } from './results.js';

type Bench = { run(): Promise<void> };

const RESULTS_FILE = path.join(import.meta.dirname, 'results.json');

const available = readdirSync(import.meta.dirname)
  .filter((file) => file.endsWith('.bench.ts'))
  .map((file) => file.slice(0, -'.bench.ts'.length))
  .sort();

async function main(): Promise<number> {
  const wanted = process.argv.slice(2).map((arg) => path.basename(arg).replace(/\.bench\.ts$/, ''));
  const unknown = wanted.filter((name) => !available.includes(name));
  if (unknown.length > 0) {
    console.error(`Unknown benchmark ${unknown.join(', ')}; available: ${available.join(', ')}`);
    return 2;
  }
  const selected = wanted.length > 0 ? wanted : available;
  // Benchmarks share the machine with whatever else runs: its load is printed beside every result.
  const load = () =>
    os
      .loadavg()
      .map((n) => n.toFixed(2))
      .join(' ');
  console.log(`${os.cpus().length} CPUs, load average ${load()}`);
  console.log(
    `database: ${databaseKind() === 'server' ? 'throwaway databases on the server at DATABASE_URL' : 'a fresh embedded PostgreSQL per benchmark'}`,
  );
  let failed = 0;
  try {
    for (const name of selected) {
      const started = performance.now();
      console.log(`\n=== ${name} ===\n`);
      try {
        const bench = (await import(pathToFileURL(path.join(import.meta.dirname, `${name}.bench.ts`)).href)) as Bench;
        await bench.run();
      } catch (err) {
        failed++;
        console.error(`${name} failed:`, err);
      }
      console.log(`\n${name}: ${((performance.now() - started) / 1000).toFixed(1)} s (load average ${load()})`);
    }
  } finally {
    if (results().length > 0) {
      console.log('\n=== figures ===\n');
      printResults();
      writeResults(RESULTS_FILE);
      console.log(`\nwritten to ${path.relative(process.cwd(), RESULTS_FILE)}`);
    }
  }
  return failed > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
