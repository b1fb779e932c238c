// client-home: a signed-in client opens the portal on a phone with an empty cache — Chromium (Debian's, through
// Playwright) at 390 px, Chrome DevTools' "Fast 3G" network preset and a 4× CPU slowdown, both applied through the
// DevTools protocol — and we time the first heading of the client's home and count the bytes that crossed the network.
// Baseline, in the same run and interleaved: the same load from a browser that accepts no compression
// (`Accept-Encoding: identity`), i.e. what every browser got before the build wrote .br and .gz copies.
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { chromium, type Browser } from 'playwright';
import { Database } from '../server/src/db/database.js';
import { startApp, type AppProcess } from './app-process.js';
import { openDatabase } from './database.js';
import { createOffice, messageBody, nipFor, openSessions, type BrowserSession } from './fixtures.js';
import { printTable, record } from './results.js';

/**
 * Chrome DevTools' "Fast 3G" preset (front_end/core/sdk/NetworkManager.ts, `Fast3GConditions`, the figures Lighthouse
 * calls mobileSlow4G): 1.6 Mbit/s down and 750 kbit/s up, each × 0.9, and 150 ms × 3.75 of latency per request.
 */
export const FAST_3G = {
  offline: false,
  downloadThroughput: ((1.6 * 1000 * 1000) / 8) * 0.9,
  uploadThroughput: ((750 * 1000) / 8) * 0.9,
  latency: 150 * 3.75,
} as const;
/** DevTools' "4× slowdown", as Lighthouse's mobile profile uses it. */
const CPU_SLOWDOWN = 4;
const ROUNDS = Number(process.env.BENCH_CLIENT_HOME_ROUNDS ?? 3);
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

type Load = { firstHeadingMs: number; bytes: number; requests: number; scriptBytes: number };

async function seed(url: string): Promise<BrowserSession> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('BEGIN');
    const { officeId, ownerId, channels } = await createOffice(client);
    const companyId = randomUUID();
    const userId = randomUUID();
    await client.query(`INSERT INTO companies (id, office_id, name, country, tax_id) VALUES ($1, $2, $3, 'PL', $4)`, [
      companyId,
      officeId,
      'Kwiaciarnia Bratek sp. z o.o.',
      nipFor(1),
    ]);
    await client.query(
      `INSERT INTO users (id, email, name, locale) VALUES ($1, 'marta@client-home.bench.example', 'Marta Bratek', 'pl')`,
      [userId],
    );
    await client.query(
      `INSERT INTO company_users (office_id, company_id, user_id, access) VALUES ($1, $2, $3, 'full')`,
      [officeId, companyId, userId],
    );
    // A few conversations, so the home's messages card shows what a client's usually does.
    for (let i = 0; i < 3; i++) {
      const conversationId = randomUUID();
      const fromOffice = i % 2 === 0;
      await client.query(
        `INSERT INTO conversations (id, office_id, company_id, channel_id, subject, started_by_side, started_by, client_id, visibility, last_message_side, last_message_seq, last_message_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'company', $6, 1, now())`,
        [
          conversationId,
          officeId,
          companyId,
          channels.accounting,
          `Dokumenty za ${['październik', 'listopad', 'grudzień'][i]}`,
          fromOffice ? 'office' : 'client',
          fromOffice ? ownerId : userId,
          randomUUID(),
        ],
      );
      await client.query(
        `INSERT INTO messages (id, office_id, conversation_id, seq, author_id, author_side, body, client_id)
         VALUES ($1, $2, $3, 1, $4, $5, $6, $7)`,
        [
          randomUUID(),
          officeId,
          conversationId,
          fromOffice ? ownerId : userId,
          fromOffice ? 'office' : 'client',
          messageBody(i),
          randomUUID(),
        ],
      );
    }
    await client.query('COMMIT');
    const [session] = await openSessions(client, officeId, [{ userId, companyId }]);
    return session!;
  } finally {
    await client.end();
  }
}

/** One cold load of the client's home: a new browser context (empty cache), throttled, until its h1 is shown. */
async function coldLoad(browser: Browser, origin: string, session: BrowserSession, compressed: boolean): Promise<Load> {
  const context = await browser.newContext({
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 3,
    isMobile: true,
    hasTouch: true,
    locale: 'pl-PL',
    // The baseline: a browser that asks for no compression, as every browser was served before.
    extraHTTPHeaders: compressed ? {} : { 'accept-encoding': 'identity' },
  });
  try {
    const [name, value] = session.cookie.split('=') as [string, string];
    await context.addCookies([{ name, value, url: origin, httpOnly: true, sameSite: 'Lax' }]);
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: false });
    await cdp.send('Network.emulateNetworkConditions', FAST_3G);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
    const types = new Map<string, string>();
    let bytes = 0;
    let scriptBytes = 0;
    let requests = 0;
    cdp.on('Network.responseReceived', (event) => types.set(event.requestId, event.type));
    const started = new Map<string, { url: string; at: number }>();
    cdp.on('Network.requestWillBeSent', (event) =>
      started.set(event.requestId, { url: event.request.url, at: event.timestamp }),
    );
    cdp.on('Network.loadingFinished', (event) => {
      // BENCH_CLIENT_HOME_VERBOSE=1: each request, when it started and ended (s since the first) and its bytes.
      if (process.env.BENCH_CLIENT_HOME_VERBOSE) {
        const request = started.get(event.requestId);
        const first = Math.min(...[...started.values()].map((r) => r.at));
        if (request)
          console.log(
            `  ${(request.at - first).toFixed(2)}–${(event.timestamp - first).toFixed(2)} s ${String(event.encodedDataLength).padStart(7)} B ${request.url.replace(origin, '')}`,
          );
      }
      requests++;
      bytes += event.encodedDataLength;
      if (types.get(event.requestId) === 'Script') scriptBytes += event.encodedDataLength;
    });
    // The moment the home's own heading (in <main>, not the sign-in page's or a loader's) is in the page.
    // (A string, not a function: tsx's transform would add helpers the page does not have.)
    await page.addInitScript(`
      new MutationObserver((_, observer) => {
        const h1 = document.querySelector('#main h1');
        if (!h1 || !h1.textContent) return;
        window.firstHeadingAt = performance.now();
        observer.disconnect();
      }).observe(document, { childList: true, subtree: true, characterData: true });
    `);
    await page.goto(`${origin}/`, { waitUntil: 'commit' });
    await page.locator('#main h1').waitFor({ timeout: 120_000 });
    const firstHeadingMs = Number(await page.evaluate('window.firstHeadingAt'));
    // What the page goes on to fetch for the home (its data, a lazy chunk) counts too.
    await page.waitForLoadState('networkidle', { timeout: 120_000 });
    return { firstHeadingMs, bytes, requests, scriptBytes };
  } finally {
    await context.close();
  }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

export async function run(): Promise<void> {
  const target = await openDatabase('client-home');
  let app: AppProcess | undefined;
  let browser: Browser | undefined;
  try {
    await (await Database.connect(target.url)).close();
    const session = await seed(target.url);
    app = await startApp(target.url);
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: CHROMIUM_ARGS,
    });
    // A first load unthrottled warms the portal (route schemas compile on first use), not the browser.
    await coldLoad(browser, app.origin, session, true);
    const loads: Record<'compressed' | 'identity', Load[]> = { compressed: [], identity: [] };
    for (let round = 0; round < ROUNDS; round++) {
      // Alternating which goes first, so a loaded moment of the machine falls on both.
      const order = round % 2 === 0 ? (['compressed', 'identity'] as const) : (['identity', 'compressed'] as const);
      for (const kind of order) loads[kind].push(await coldLoad(browser, app.origin, session, kind === 'compressed'));
    }
    const rows = (['compressed', 'identity'] as const).flatMap((kind) =>
      loads[kind].map((load, i) => [
        `${kind === 'compressed' ? 'br/gzip accepted' : 'identity (baseline)'} #${i + 1}`,
        (load.firstHeadingMs / 1000).toFixed(2),
        (load.bytes / 1024).toFixed(0),
        (load.scriptBytes / 1024).toFixed(0),
        String(load.requests),
      ]),
    );
    printTable(['cold load, Fast 3G, 4× CPU', 'first heading s', 'transferred kB', 'scripts kB', 'requests'], rows);
    const pick = (kind: 'compressed' | 'identity', field: keyof Load) => median(loads[kind].map((l) => l[field]));
    record(target, {
      name: 'client home cold load: first heading (Fast 3G, 4× CPU)',
      value: pick('compressed', 'firstHeadingMs'),
      unit: 'ms',
      baseline: pick('identity', 'firstHeadingMs'),
    });
    record(target, {
      name: 'client home cold load: transferred',
      value: pick('compressed', 'bytes') / 1024,
      unit: 'kB',
      baseline: pick('identity', 'bytes') / 1024,
    });
  } finally {
    await browser?.close();
    await app?.stop();
    await target.close();
  }
}
