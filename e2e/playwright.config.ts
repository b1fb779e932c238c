// Browser tests: Playwright drives Debian's Chromium (never a downloaded browser) against a real
// portal that global-setup.ts starts on a fresh database.
import { defineConfig } from '@playwright/test';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export default defineConfig({
  testDir: './tests',
  outputDir: './test-results',
  globalSetup: './global-setup.ts',
  // Files run side by side (tests inside a file stay in order); the foundation flow sets the office up through its
  // setup screen, so it runs first, on an empty portal, and the other flows start once it passed.
  fullyParallel: false,
  workers: process.env.E2E_WORKERS ? Number(process.env.E2E_WORKERS) : 2,
  retries: 0,
  timeout: 180_000,
  expect: { timeout: 10_000 },
  reporter: [['list'], ['json', { outputFile: '../.tmp/playwright.json' }]],
  use: {
    // Set by global-setup.ts once the portal listens (workers load this file after it ran).
    baseURL: process.env.E2E_BASE_URL,
    browserName: 'chromium',
    launchOptions: { executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    locale: 'en-GB',
  },
  projects: [
    { name: 'setup', testMatch: 'foundation.spec.ts' },
    { name: 'flows', testIgnore: 'foundation.spec.ts', dependencies: ['setup'] },
  ],
});
