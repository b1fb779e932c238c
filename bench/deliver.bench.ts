// deliver: milliseconds from the API accepting a message (its POST's response) to its arrival at
// each of 1,000 WebSockets (the `ws` package, cookie sessions) of 1,000 client users of one company;
// the portal runs in its own process, the sockets and the sender in this one. p50 and p99 over
// every (message, socket) arrival.
//
// Baseline, measured in the same run with messages interleaved: the bare transport — a plain `ws`
// server in the portal's process that answers an HTTP POST and then sends the same payload to 1,000
// sockets of this process. What the portal adds on top is its own work: waking the dispatcher
// (NOTIFY), reading the outbox, checking every socket's session and what each may see, serialising.
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import WebSocket from 'ws';
import { Database } from '../server/src/db/database.js';
import { startApp, type AppProcess } from './app-process.js';
import { openDatabase } from './database.js';
import { browser, createOffice, messageBody, nipFor, openSessions, sleep, type BrowserSession } from './fixtures.js';
import { ascending, percentile, printTable, record } from './results.js';

const SOCKETS = 1_000;
const MESSAGES = 60;
const WARMUP = 5;
const TIMEOUT_MS = 10_000;
const PAUSE_MS = 30;

export async function seed(url: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('BEGIN');
    const { officeId, channels } = await createOffice(client);
    const companyId = randomUUID();
    await client.query(
      `INSERT INTO companies (id, office_id, name, country, tax_id) VALUES ($1, $2, 'Transport Mróz sp. z o.o.', 'PL', $3)`,
      [companyId, officeId, nipFor(1)],
    );
    const accountantId = randomUUID();
    await client.query(
      `INSERT INTO users (id, email, name, locale) VALUES ($1, 'accountant@deliver.bench.example', 'Paweł Łuczak', 'pl')`,
      [accountantId],
    );
    await client.query(
      `INSERT INTO staff_members (office_id, user_id, role, specialties) VALUES ($1, $2, 'employee', '{accounting}')`,
      [officeId, accountantId],
    );
    await client.query(
      `INSERT INTO assignments (office_id, company_id, user_id, specialty) VALUES ($1, $2, $3, 'accounting')`,
      [officeId, companyId, accountantId],
    );
    const { rows } = await client.query<{ id: string }>(
      `INSERT INTO users (id, email, name, locale)
       SELECT gen_random_uuid(), 'client' || i || '@deliver.bench.example', 'Klient ' || i || ' Wiśniewski', 'pl' FROM generate_series(1, $1) i
       RETURNING id`,
      [SOCKETS],
    );
    const clientIds = rows.map((r) => r.id);
    await client.query(
      `INSERT INTO company_users (office_id, company_id, user_id, access) SELECT $1, $2, unnest($3::uuid[]), 'full'`,
      [officeId, companyId, clientIds],
    );
    const conversationId = randomUUID();
    await client.query(
      `INSERT INTO conversations (id, office_id, company_id, channel_id, subject, started_by_side, started_by, client_id, visibility, last_message_side)
       VALUES ($1, $2, $3, $4, 'Lista płac za listopad', 'client', $5, $6, 'company', 'client')`,
      [conversationId, officeId, companyId, channels.accounting, clientIds[0], randomUUID()],
    );
    await client.query('COMMIT');
    const sessions = await openSessions(client, officeId, [
      { userId: accountantId, companyId: null },
      ...clientIds.map((userId) => ({ userId, companyId })),
    ]);
    // Statistics, as autovacuum would have gathered on a database in use.
    await client.query('ANALYZE');
    return { conversationId, sender: sessions[0]!, clients: sessions.slice(1) };
  } finally {
    await client.end();
  }
}

/** 1,000 sockets that note when each message (by its marker) reached each of them. */
class Crowd {
  readonly sockets: WebSocket[] = [];
  private readonly waiting = new Map<string, { arrivals: number[]; done: () => void }>();

  constructor(private readonly markerOf: (message: Record<string, unknown>) => string | undefined) {}

  async open(
    count: number,
    url: string,
    headers: (i: number) => Record<string, string>,
    greeting?: string,
  ): Promise<void> {
    for (let at = 0; at < count; at += 50) {
      await Promise.all(
        Array.from({ length: Math.min(50, count - at) }, (_, k) => {
          const ws = new WebSocket(url, { headers: headers(at + k) });
          this.sockets.push(ws);
          return new Promise<void>((resolve, reject) => {
            ws.once('error', reject);
            ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
            ws.on('message', (data) => {
              const arrived = performance.now();
              const message = JSON.parse(String(data)) as Record<string, unknown>;
              if (greeting && message.type === greeting) resolve();
              const marker = this.markerOf(message);
              const wait = marker === undefined ? undefined : this.waiting.get(marker);
              if (!wait) return;
              wait.arrivals.push(arrived);
              if (wait.arrivals.length === this.sockets.length) wait.done();
            });
            if (!greeting) ws.once('open', () => resolve());
          });
        }),
      );
    }
  }

  /** Sends with `send` (resolves when the sender got its answer); returns the answer time and every arrival. */
  async measure(marker: string, send: () => Promise<unknown>) {
    let done!: () => void;
    const all = new Promise<void>((resolve) => (done = resolve));
    const wait = { arrivals: [] as number[], done };
    this.waiting.set(marker, wait);
    const sent = performance.now();
    await send();
    const answered = performance.now();
    const timedOut = await Promise.race([all.then(() => false), sleep(TIMEOUT_MS).then(() => true)]);
    this.waiting.delete(marker);
    return {
      sent,
      answered,
      arrivals: wait.arrivals,
      missing: timedOut ? this.sockets.length - wait.arrivals.length : 0,
    };
  }

  close() {
    for (const ws of this.sockets) ws.terminate();
  }
}

type Series = { fromAnswer: number[]; lastFromAnswer: number[]; answer: number[]; early: number; missing: number };

const newSeries = (): Series => ({ fromAnswer: [], lastFromAnswer: [], answer: [], early: 0, missing: 0 });

function add(series: Series, m: { sent: number; answered: number; arrivals: number[]; missing: number }) {
  series.answer.push(m.answered - m.sent);
  for (const at of m.arrivals) {
    // A socket may hear of the message before its sender has the answer: that counts as 0 ms.
    if (at < m.answered) series.early++;
    series.fromAnswer.push(Math.max(0, at - m.answered));
  }
  series.lastFromAnswer.push(Math.max(0, Math.max(...m.arrivals) - m.answered));
  series.missing += m.missing;
}

export async function run(): Promise<void> {
  const target = await openDatabase('deliver');
  let app: AppProcess | undefined;
  const crowds: Crowd[] = [];
  try {
    await (await Database.connect(target.url)).close();
    const seeded = await seed(target.url);
    app = await startApp(target.url);
    const origin = app.origin;
    const sender = browser(origin, seeded.sender);

    const portal = new Crowd((m) =>
      m.type === 'message.created' ? ((m.message as { clientId?: string }).clientId ?? undefined) : undefined,
    );
    const plain = new Crowd((m) => (typeof m.marker === 'string' ? m.marker : undefined));
    crowds.push(portal, plain);
    const opened = performance.now();
    await portal.open(
      SOCKETS,
      `ws://127.0.0.1:${app.port}/api/ws`,
      (i) => ({ cookie: (seeded.clients[i] as BrowserSession).cookie }),
      'hello',
    );
    console.log(
      `${SOCKETS} sockets signed in to the portal in ${((performance.now() - opened) / 1000).toFixed(1)} s (${target.label}, PostgreSQL ${target.version})`,
    );
    await plain.open(SOCKETS, `ws://127.0.0.1:${app.plainPort}/`, () => ({}));

    const viaPortal = newSeries();
    const viaPlain = newSeries();
    let example = '';
    let statements = 0;
    let cpuMs = 0;
    for (let i = 0; i < WARMUP + MESSAGES; i++) {
      const clientId = randomUUID();
      const before = await app.stats();
      const portalRun = await portal.measure(clientId, async () => {
        const message = await sender.post(`/api/conversations/${seeded.conversationId}/messages`, {
          clientId,
          body: messageBody(i),
        });
        example ||= JSON.stringify({ id: 1, type: 'message.created', conversationId: seeded.conversationId, message });
      });
      const after = await app.stats();
      await sleep(PAUSE_MS);
      const marker = randomUUID();
      // The same payload as the portal's event, with a marker to recognise it by.
      const payload = `${example.slice(0, -1)},"marker":"${marker}"}`;
      const plainRun = await plain.measure(marker, () =>
        fetch(`http://127.0.0.1:${app!.plainPort}/broadcast`, { method: 'POST', body: payload }).then((r) => r.text()),
      );
      await sleep(PAUSE_MS);
      if (i < WARMUP) continue;
      add(viaPortal, portalRun);
      add(viaPlain, plainRun);
      statements += after.statements - before.statements;
      cpuMs += after.cpuMs - before.cpuMs;
    }

    const row = (label: string, s: Series) => {
      const all = ascending(s.fromAnswer);
      const last = ascending(s.lastFromAnswer);
      return [
        label,
        percentile(all, 0.5).toFixed(1),
        percentile(all, 0.99).toFixed(1),
        percentile(last, 0.5).toFixed(1),
        percentile(last, 0.99).toFixed(1),
        percentile(ascending(s.answer), 0.5).toFixed(1),
        `${s.early}`,
        `${s.missing}`,
      ];
    };
    console.log(
      `\n${MESSAGES} messages (after ${WARMUP} warm-up), one at a time, each to ${SOCKETS} sockets; ms after the sender got its answer.\n`,
    );
    printTable(
      ['', 'p50', 'p99', 'last socket p50', 'last socket p99', 'answer p50', 'before answer', 'missing'],
      [row('baseline: bare ws broadcast', viaPlain), row('portal: POST → WebSockets', viaPortal)],
    );
    console.log(
      `\nper message the portal's process used ${(cpuMs / MESSAGES).toFixed(1)} ms of CPU and sent PostgreSQL ${(statements / MESSAGES).toFixed(1)} statements (the POST's and the dispatch's)`,
    );
    const portalAll = ascending(viaPortal.fromAnswer);
    const plainAll = ascending(viaPlain.fromAnswer);
    record(target, {
      name: 'deliver p50 (1,000 sockets)',
      value: percentile(portalAll, 0.5),
      unit: 'ms',
      baseline: percentile(plainAll, 0.5),
    });
    record(target, {
      name: 'deliver p99 (1,000 sockets)',
      value: percentile(portalAll, 0.99),
      unit: 'ms',
      baseline: percentile(plainAll, 0.99),
    });
    if (viaPortal.missing > 0)
      console.log(`\nWARNING: ${viaPortal.missing} arrivals missing after ${TIMEOUT_MS / 1000} s`);
  } finally {
    for (const crowd of crowds) crowd.close();
    await app?.stop();
    await target.close();
  }
}
