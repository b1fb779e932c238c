// `npm run bench [name…]`: runs every bench/*.bench.ts (each exports `run(): Promise<void>`), or
// only the ones named (`npm run bench -- company-list`). Benchmarks print figures and ratios to a
// baseline measured in the same run; they never assert.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

type Bench = { run(): Promise<void> };

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
  for (const name of selected) {
    const started = performance.now();
    console.log(`\n=== ${name} ===\n`);
    const bench = (await import(pathToFileURL(path.join(import.meta.dirname, `${name}.bench.ts`)).href)) as Bench;
    await bench.run();
    console.log(`\n${name}: ${((performance.now() - started) / 1000).toFixed(1)} s`);
  }
  return 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
