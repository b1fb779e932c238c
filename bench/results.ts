// Figures every benchmark records, written by run.ts to bench/results.json: a list of
// { name, value, unit, baseline, ratio, database, postgres }. A run on one database replaces that
// database's figures of the benchmarks it ran and keeps the others, so the file can hold the
// embedded and the server figures side by side.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { BenchDatabase, DatabaseKind } from './database.js';

export type Result = {
  /** e.g. "deliver p99 (1,000 sockets)" */
  name: string;
  value: number;
  /** "ms", "messages/s", … */
  unit: string;
  /** The same quantity for the baseline measured in the same run. */
  baseline: number;
  /** value / baseline */
  ratio: number;
  /** Which database the figure came from: the embedded PostgreSQL or the server at DATABASE_URL. */
  database: DatabaseKind;
  /** That server's version, e.g. "18.1". */
  postgres: string;
};

const recorded: Result[] = [];

const round = (n: number) => (Number.isInteger(n) ? n : Number(n.toPrecision(4)));

/** Records one figure beside its baseline (ratio = value / baseline). */
export function record(
  db: Pick<BenchDatabase, 'kind' | 'version'>,
  figure: { name: string; value: number; unit: string; baseline: number },
): void {
  recorded.push({
    name: figure.name,
    value: round(figure.value),
    unit: figure.unit,
    baseline: round(figure.baseline),
    ratio: round(figure.baseline === 0 ? 0 : figure.value / figure.baseline),
    database: db.kind,
    postgres: db.version,
  });
}

export const results = (): readonly Result[] => recorded;

/** Writes this run's figures into `file`, replacing earlier figures of the same name and database. */
export function writeResults(file: string): void {
  let earlier: Result[] = [];
  if (existsSync(file)) {
    try {
      const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
      if (Array.isArray(parsed)) earlier = parsed as Result[];
    } catch {
      // A damaged file is replaced.
    }
  }
  const fresh = new Set(recorded.map((r) => `${r.database}\0${r.name}`));
  const merged = [...earlier.filter((r) => !fresh.has(`${r.database}\0${r.name}`)), ...recorded];
  const order: DatabaseKind[] = ['embedded', 'server'];
  merged.sort((a, b) => order.indexOf(a.database) - order.indexOf(b.database));
  writeFileSync(file, `${JSON.stringify(merged, null, 2)}\n`);
}

/** Prints rows as an aligned table (first column left, the others right-aligned). */
export function printTable(header: string[], rows: string[][]): void {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!)))
      .join('  ')
      .trimEnd();
  console.log(line(header));
  console.log(line(widths.map((w) => '-'.repeat(w))));
  for (const row of rows) console.log(line(row));
}

const format = (n: number) => (Math.abs(n) >= 100 ? n.toFixed(0) : Math.abs(n) >= 10 ? n.toFixed(1) : n.toFixed(2));

/** The figures recorded in this run, as a table. */
export function printResults(): void {
  printTable(
    ['figure', 'value', 'baseline', 'ratio', 'unit', 'database'],
    recorded.map((r) => [
      r.name,
      format(r.value),
      format(r.baseline),
      `×${r.ratio.toFixed(2)}`,
      r.unit,
      `${r.database} ${r.postgres}`,
    ]),
  );
}

// --- measuring helpers ----------------------------------------------------------------------------

/** The q-quantile (0..1) of ascending `sorted` values, nearest rank. */
export function percentile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

export const ascending = (values: number[]) => values.sort((a, b) => a - b);
