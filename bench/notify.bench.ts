// notify: e-mail notifications per second through the portal's own workers, WORKER_CONCURRENCY=4 —
// an announcement broadcast to every company (sent through the service and fanned out beforehand, so
// one 'notify' job per company is queued and committed), then the workers started (startWorkers, in
// this process) with SMTP_URL pointing at a local SMTP server (smtp-server on loopback, in this
// process, consuming every message): each notify job works out who hears of the announcement and how,
// renders the `new_message` e-mail of the company's client user into the outbox with its 'email' job,
// and the e-mail workers hand it to the SMTP server and mark it sent. Timed from the workers' start to
// the last e-mail's arrival at the server (the portal pools SMTP_URL's connections, one per e-mail worker).
//
// Baseline, in the same run: the very e-mails the portal rendered (the outbox rows: same recipients,
// subject, text, HTML and headers) handed to the same SMTP server with plain nodemailer, 4 at a time,
// no database: a pooled transport with 4 connections (3 passes a round, it is quick). Each round runs
// the portal, then the baseline, so that whatever else loads the machine loads both.
import { randomBytes, randomUUID } from 'node:crypto';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import nodemailer, { type Transporter } from 'nodemailer';
import pg from 'pg';
import { SMTPServer } from 'smtp-server';
import { loadConfig, type Config } from '../server/src/config.js';
import { Database } from '../server/src/db/database.js';
import { loadActor } from '../server/src/modules/identity/actor.loader.js';
import type { Actor } from '../server/src/modules/identity/actor.js';
import { createServices } from '../server/src/services.js';
import { startWorkers } from '../server/src/workers.js';
import { openDatabase } from './database.js';
import { createOffice, nipFor, sleep } from './fixtures.js';
import { printTable, record } from './results.js';

const COMPANIES = 400;
const ROUNDS = 2;
const WORKERS = 4;
/** A round that has not delivered everything by then is reported as it stands. */
const ROUND_TIMEOUT_MS = 60_000;
const BODY = [
  'Szanowni Państwo,',
  '',
  'od stycznia 2027 prosimy o przesyłanie dokumentów księgowych do **5. dnia miesiąca**. Zmiana dotyczy rozliczeń JPK_V7, list płac i deklaracji ZUS.',
  'Dokumenty przesłane później zaksięgujemy w kolejnym miesiącu. W razie pytań prosimy o wiadomość w portalu.',
  '',
  'Z wyrazami szacunku, Biuro Rachunkowe',
].join('\n');

async function seed(url: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('BEGIN');
    const { officeId, ownerId } = await createOffice(client);
    const nips = Array.from({ length: COMPANIES }, (_, i) => nipFor(i + 1));
    // One full-access client user per company, Polish; no company e-mail contacts (no critical copies).
    await client.query(
      `WITH c AS (
         INSERT INTO companies (id, office_id, name, country, tax_id)
         SELECT gen_random_uuid(), $1, 'Firma Łącka ' || lpad(i::text, 4, '0') || ' sp. z o.o.', 'PL', ($2::text[])[i] FROM generate_series(1, $3) i
         RETURNING id, tax_id
       ), u AS (
         INSERT INTO users (id, email, name, locale)
         SELECT gen_random_uuid(), 'klient-' || c.tax_id || '@notify.bench.example', 'Zofia Świętochowska ' || c.tax_id, 'pl' FROM c
         RETURNING id, email
       )
       INSERT INTO company_users (office_id, company_id, user_id, access)
       SELECT $1, c.id, u.id, 'full' FROM c JOIN u ON u.email = 'klient-' || c.tax_id || '@notify.bench.example'`,
      [officeId, nips, COMPANIES],
    );
    await client.query('COMMIT');
    await client.query('ANALYZE');
    return { officeId, ownerId };
  } finally {
    await client.end();
  }
}

/** A local SMTP server (no login, no TLS) that consumes every message and counts them. */
async function startSmtp() {
  let count = 0;
  let bytes = 0;
  const waiters = new Set<{ target: number; resolve: () => void }>();
  const arrived = () => {
    for (const waiter of waiters) if (count >= waiter.target) waiter.resolve();
  };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    disableReverseLookup: true,
    logger: false,
    onData(stream, _session, callback) {
      stream.on('data', (chunk: Buffer) => (bytes += chunk.length));
      stream.on('end', () => {
        count++;
        callback();
        arrived();
      });
    },
  });
  server.listen(0, '127.0.0.1');
  await once(server.server, 'listening');
  const port = (server.server.address() as AddressInfo).port;
  return {
    port,
    received: () => ({ count, bytes }),
    /** Resolves true once `target` messages arrived in all, false after `timeoutMs`. */
    waitFor(target: number, timeoutMs: number): Promise<boolean> {
      if (count >= target) return Promise.resolve(true);
      return new Promise((resolve) => {
        const waiter = {
          target,
          resolve: () => {
            waiters.delete(waiter);
            clearTimeout(timer);
            resolve(true);
          },
        };
        const timer = setTimeout(() => {
          waiters.delete(waiter);
          resolve(false);
        }, timeoutMs);
        waiters.add(waiter);
      });
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

type OutboxRow = {
  to_address: string;
  to_name: string | null;
  locale: string;
  subject: string;
  text_body: string;
  html_body: string;
  headers: Record<string, string> | null;
};

/** Counts of the office's outbox by status, read as the owner. */
async function outboxStatus(owner: pg.Client, officeId: string): Promise<Record<string, number>> {
  const { rows } = await owner.query<{ status: string; n: number }>(
    'SELECT status, count(*)::int AS n FROM outbox_emails WHERE office_id = $1 GROUP BY status',
    [officeId],
  );
  return Object.fromEntries(rows.map((r) => [r.status, r.n]));
}

/** The baseline: the given e-mails handed to the SMTP server through `transport`, `WORKERS` at a time. */
async function handOver(transport: Transporter, from: string, emails: OutboxRow[]): Promise<number> {
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: WORKERS }, async () => {
      while (next < emails.length) {
        const email = emails[next++]!;
        await transport.sendMail({
          from,
          to: email.to_name ? { name: email.to_name, address: email.to_address } : email.to_address,
          subject: email.subject,
          text: email.text_body,
          html: email.html_body,
          headers: { 'Content-Language': email.locale, ...(email.headers ?? {}) },
        });
      }
    }),
  );
  return (performance.now() - started) / 1000;
}

type PortalRound = {
  since: Date;
  emails: number;
  seconds: number;
  firstSeconds: number;
  notifySeconds: number;
  sent: number;
  complete: boolean;
};

/** One round through the portal: an announcement fanned out, then the workers run until every e-mail arrived. */
async function portalRound(
  config: Config,
  database: Database,
  owner: pg.Client,
  officeId: string,
  actor: Actor,
  smtp: Awaited<ReturnType<typeof startSmtp>>,
  round: number,
): Promise<PortalRound> {
  const services = createServices(config, database);
  await services.jobs.start();
  try {
    const sent = await services.broadcasts.send(actor, {
      id: randomUUID(),
      subject: `Nowe terminy przesyłania dokumentów (${round})`,
      body: BODY,
      mode: 'announcement',
      selection: { kind: 'filter', status: 'active' },
    });
    await services.broadcasts.fanOut({ officeId, broadcastId: sent.id });
    const since = (await owner.query<{ now: Date }>('SELECT clock_timestamp() AS now')).rows[0]!.now;
    const before = await outboxStatus(owner, officeId);
    const { rows } = await owner.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'notify' AND state = 'created'`,
    );
    const queued = rows[0]!.n;
    // One e-mail per client user: one per company here.
    const expected = COMPANIES;
    const base = smtp.received().count;
    let firstAt = Number.NaN;
    void smtp.waitFor(base + 1, ROUND_TIMEOUT_MS).then((ok) => ok && (firstAt = performance.now()));
    const started = performance.now();
    const workers = await startWorkers(services, config);
    // When the last notify job finished (polled every 100 ms): the e-mails are all in the outbox then.
    let notifyDoneAt = Number.NaN;
    let watching = true;
    const watcher = (async () => {
      while (watching) {
        const { rows: left } = await owner.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'notify' AND state IN ('created', 'retry', 'active')`,
        );
        if (left[0]!.n === 0) {
          notifyDoneAt = performance.now();
          return;
        }
        await sleep(100);
      }
    })();
    let complete: boolean;
    let seconds: number;
    try {
      complete = await smtp.waitFor(base + expected, ROUND_TIMEOUT_MS);
      seconds = (performance.now() - started) / 1000;
    } finally {
      watching = false;
      await watcher;
      await workers.stop();
    }
    const after = await outboxStatus(owner, officeId);
    const emails = smtp.received().count - base;
    const sentRows = (after.sent ?? 0) - (before.sent ?? 0);
    if (queued !== COMPANIES)
      console.log(`  (round ${round}: ${queued} notify jobs were queued, ${COMPANIES} expected)`);
    if (!complete)
      console.log(
        `  (round ${round}: only ${emails} of ${expected} e-mails arrived within ${ROUND_TIMEOUT_MS / 1000} s; outbox ${JSON.stringify(after)})`,
      );
    return {
      since,
      emails,
      seconds,
      firstSeconds: (firstAt - started) / 1000,
      notifySeconds: (notifyDoneAt - started) / 1000,
      sent: sentRows,
      complete,
    };
  } finally {
    await services.jobs.stop().catch(() => {});
  }
}

export async function run(): Promise<void> {
  const db = await openDatabase('notify');
  let database: Database | undefined;
  let owner: pg.Client | undefined;
  let smtp: Awaited<ReturnType<typeof startSmtp>> | undefined;
  const transports: Transporter[] = [];
  try {
    // Connecting migrates the fresh database (and installs the job queue's schema).
    database = await Database.connect(db.url);
    console.log(`seeding ${COMPANIES} companies with a client user each in ${db.label} (PostgreSQL ${db.version})…`);
    const seeded = await seed(db.url);
    smtp = await startSmtp();
    const smtpUrl = `smtp://127.0.0.1:${smtp.port}`;
    const configFor = (url: string) =>
      loadConfig({
        PUBLIC_URL: 'http://localhost:3000',
        LOG_LEVEL: 'silent',
        DATABASE_URL: db.url,
        SMTP_URL: url,
        WORKER_CONCURRENCY: String(WORKERS),
        BUREAU_SECRET_KEY: randomBytes(32).toString('base64'),
      });
    const variants = [
      {
        label: 'SMTP_URL smtp://host:port',
        figure: `notify (${WORKERS} workers)`,
        config: configFor(smtpUrl),
        rounds: [] as PortalRound[],
      },
    ];
    owner = new pg.Client({ connectionString: db.url });
    await owner.connect();
    const loaded = await database.inTenant({ officeId: seeded.officeId, userId: seeded.ownerId }, (tx) =>
      loadActor(tx, {
        userId: seeded.ownerId,
        officeId: seeded.officeId,
        companyId: null,
        sessionId: null,
        csrfToken: null,
        apiTokenId: null,
        ip: null,
        requestId: null,
      }),
    );
    if (!loaded.ok) throw new Error(`the owner could not act: ${loaded.reason}`);
    const actor = loaded.actor;
    // The baseline: a pooled transport, 4 connections.
    const pooled = nodemailer.createTransport({
      host: '127.0.0.1',
      port: smtp.port,
      secure: false,
      ignoreTLS: true,
      pool: true,
      maxConnections: WORKERS,
      maxMessages: Infinity,
    });
    transports.push(pooled);
    const from = variants[0]!.config.mailFrom;
    console.log(
      `local SMTP server on 127.0.0.1:${smtp.port}; WORKER_CONCURRENCY=${WORKERS}; ${ROUNDS} rounds of ${COMPANIES} e-mails each way\n`,
    );

    const rawPooled: number[] = [];
    const rate = (r: PortalRound) => r.emails / r.seconds;
    let n = 0;
    for (let round = 1; round <= ROUNDS; round++) {
      let emails: OutboxRow[] = [];
      for (const variant of variants) {
        const result = await portalRound(variant.config, database, owner, seeded.officeId, actor, smtp, ++n);
        variant.rounds.push(result);
        console.log(
          `round ${round}, ${variant.label}: ${result.emails} e-mails in ${result.seconds.toFixed(2)} s (${rate(result).toFixed(0)}/s; the first after ${result.firstSeconds.toFixed(2)} s, ` +
            `${((result.emails - 1) / (result.seconds - result.firstSeconds)).toFixed(0)}/s from then on; ` +
            `the last notify job done after ${result.notifySeconds.toFixed(2)} s; ${result.sent} outbox rows marked sent)`,
        );
        // The e-mails the portal just rendered, exactly as it sent them: the baseline hands these over.
        if (emails.length === 0) {
          emails = (
            await owner.query<OutboxRow>(
              `SELECT to_address, to_name, locale, subject, text_body, html_body, headers FROM outbox_emails WHERE office_id = $1 AND created_at >= $2 ORDER BY created_at`,
              [seeded.officeId, result.since],
            )
          ).rows;
        }
      }
      // The pooled hand-over takes well under a second: 3 passes a round.
      for (let pass = 0; pass < 3; pass++) {
        const base = smtp.received().count;
        const seconds = await handOver(pooled, from, emails);
        rawPooled.push((smtp.received().count - base) / seconds);
      }
      const load = os
        .loadavg()
        .map((x) => x.toFixed(2))
        .join(' ');
      console.log(
        `round ${round}, nodemailer: pooled ${rawPooled
          .slice(-3)
          .map((r) => r.toFixed(0))
          .join(' ')}/s (${emails.length} e-mails; load average ${load})`,
      );
    }
    const best = (xs: number[]) => Math.max(...xs);
    const baseline = best(rawPooled);
    const { bytes, count } = smtp.received();
    console.log('');
    printTable(
      ['', `e-mails/s (best of ${ROUNDS})`, 'ratio', 'rounds (e-mails/s)'],
      [
        ...variants.map((v) => {
          const value = best(v.rounds.map(rate));
          return [
            `portal, ${WORKERS} notify + ${WORKERS} e-mail workers, ${v.label}`,
            value.toFixed(0),
            (value / baseline).toFixed(2),
            v.rounds.map((r) => rate(r).toFixed(0)).join(' '),
          ];
        }),
        [
          `baseline: nodemailer, pooled, ${WORKERS} connections (3 passes a round)`,
          baseline.toFixed(0),
          '1.00',
          rawPooled.map((r) => r.toFixed(0)).join(' '),
        ],
      ],
    );
    const all = variants.flatMap((v) => v.rounds);
    const sentOk = all.every((r) => r.complete && r.sent === r.emails && r.emails === COMPANIES);
    console.log(
      `\noutbox rows marked sent: ${all.map((r) => `${r.sent}/${r.emails}`).join(', ')}${sentOk ? ' (every e-mail)' : ' (NOT every e-mail)'}; ` +
        `an e-mail is ${(bytes / count / 1024).toFixed(1)} KB as received (text + HTML)`,
    );
    for (const v of variants)
      record(db, { name: v.figure, value: best(v.rounds.map(rate)), unit: 'e-mails/s', baseline });
  } finally {
    for (const transport of transports) transport.close();
    await owner?.end().catch(() => {});
    await smtp?.close().catch(() => {});
    await database?.close().catch(() => {});
    await db.close();
  }
}
