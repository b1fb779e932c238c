// `npm test`: the whole suite — the type check and lint (one check each), Vitest (its unit tier, and its database
// tier of service and route tests on a real PostgreSQL), then the browser tests in Chromium when it is installed — and one
// closing line "N passed, N failed".
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
mkdirSync('.tmp', { recursive: true });
let passed = 0;
let failed = 0;
let skipped = 0;
let exitCode = 0;

function run(label, command, args, reportFile, count) {
  rmSync(reportFile, { force: true });
  console.log(`\n=== ${label} ===\n`);
  const result = spawnSync(command, args, { stdio: 'inherit', env: process.env });
  if (result.status !== 0) exitCode = 1;
  if (!existsSync(reportFile)) {
    console.error(`${label}: no report written (${reportFile}); counting the run as one failure`);
    failed++;
    exitCode = 1;
    return;
  }
  const counts = count(JSON.parse(readFileSync(reportFile, 'utf8')));
  passed += counts.passed;
  failed += counts.failed;
  skipped += counts.skipped;
}

/** A command that passes or fails as a whole, counted as one check. */
function check(label, command, args) {
  console.log(`\n=== ${label} ===\n`);
  const result = spawnSync(command, args, { stdio: 'inherit', env: process.env });
  if (result.status === 0) {
    passed++;
    console.log(`${label}: ok`);
  } else {
    failed++;
    exitCode = 1;
    console.error(`${label}: FAILED`);
  }
}

// SKIP_CHECKS=1: a second run of the suite on another database (CI) need not type-check and lint the same code again.
if (process.env.SKIP_CHECKS === '1') {
  console.log('\n*** SKIP_CHECKS=1: the type check and lint were not run ***\n');
} else {
  check('typecheck', 'npm', ['run', '--silent', 'typecheck']);
  check('lint', 'npm', ['run', '--silent', 'lint']);
}

// TEST_PROJECT=database: only the tests on the run's PostgreSQL (vitest.config.ts has the tiers) — CI's second
// database need not repeat the unit tier, which no database engine changes.
const project = process.env.TEST_PROJECT ? ['--project', process.env.TEST_PROJECT] : [];
if (project.length) console.log(`\n*** TEST_PROJECT=${process.env.TEST_PROJECT}: only that Vitest project runs ***\n`);
run(
  'vitest',
  'npx',
  ['vitest', 'run', ...project, '--reporter=default', '--reporter=json', '--outputFile=.tmp/vitest.json'],
  '.tmp/vitest.json',
  (r) => ({
    passed: r.numPassedTests,
    failed: r.numFailedTests + (r.numTotalTestSuites > 0 && r.success === false && r.numFailedTests === 0 ? 1 : 0),
    skipped: r.numPendingTests + r.numTodoTests,
  }),
);

const e2eSpecs = existsSync('e2e/tests') ? readdirSync('e2e/tests').filter((f) => f.endsWith('.spec.ts')) : [];
if (e2eSpecs.length === 0) {
  console.log('\n(no browser tests in e2e/tests yet)\n');
} else if (process.env.SKIP_E2E === '1') {
  console.log('\n*** SKIP_E2E=1: the browser tests were not run ***\n');
} else if (!existsSync(chromium)) {
  console.log('\n' + '!'.repeat(78));
  console.log(`!!! Chromium was not found at ${chromium}: THE BROWSER TESTS WERE SKIPPED.`);
  console.log('!!! Install it with `apt-get install -y chromium fonts-dejavu` (see README) and run npm test again.');
  console.log('!'.repeat(78) + '\n');
} else {
  // The browser tests drive the built web app, as `npm start` serves it.
  console.log('\n=== building the web app for the browser tests ===\n');
  const build = spawnSync('npm', ['run', 'build', '-w', 'web'], { stdio: 'inherit' });
  if (build.status !== 0) {
    console.error('the web app did not build; counting the browser tests as one failure');
    failed++;
    exitCode = 1;
  }
  run(
    'playwright (Chromium)',
    'npx',
    ['playwright', 'test', '-c', 'e2e/playwright.config.ts'],
    '.tmp/playwright.json',
    (r) => ({
      passed: r.stats.expected,
      failed: r.stats.unexpected + r.stats.flaky * 0,
      skipped: r.stats.skipped,
    }),
  );
}

console.log(`\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(exitCode || (failed > 0 ? 1 : 0));
