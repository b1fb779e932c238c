// send: messages per second through the HTTP API — the portal in its own process on a loopback
// port, 16 signed-in client users each posting into a conversation of their company over real HTTP
// (fetch, keep-alive) — against raw single-row INSERTs into the same messages table through the
// same driver (pg), 16 connections as the database owner. Both run in alternating rounds of the same
// length, so that whatever else loads the machine loads both.
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { Database } from '../server/src/db/database.js';
import { startApp, type AppProcess } from './app-process.js';
import { openDatabase } from './database.js';
import { browser, createOffice, messageBody, nipFor, openSessions } from './fixtures.js';
import { ascending, percentile, printTable, record } from './results.js';

const SENDERS = 16;
const ROUNDS = 3;
const ROUND_MS = 5_000;
const WARMUP_MS = 1_500;

type Seeded = {
  officeId: string;
  senders: { userId: string; companyId: string; conversationId: string }[];
  /** Conversations the raw INSERTs go to, one per connection (same office, same table). */
  raw: { conversationId: string; authorId: string }[];
};

async function seed(url: string): Promise<Seeded> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('BEGIN');
    const { officeId, ownerId, channels } = await createOffice(client);
    const senders: Seeded['senders'] = [];
    const raw: Seeded['raw'] = [];
    for (let i = 0; i < SENDERS; i++) {
      const companyId = randomUUID();
      const userId = randomUUID();
      await client.query(`INSERT INTO companies (id, office_id, name, country, tax_id) VALUES ($1, $2, $3, 'PL', $4)`, [
        companyId,
        officeId,
        `Piekarnia Złoty Kłos ${i} sp. z o.o.`,
        nipFor(i),
      ]);
      await client.query(`INSERT INTO users (id, email, name, locale) VALUES ($1, $2, $3, 'pl')`, [
        userId,
        `client${i}@send.bench.example`,
        `Klient ${i} Łęcki`,
      ]);
      await client.query(
        `INSERT INTO company_users (office_id, company_id, user_id, access) VALUES ($1, $2, $3, 'full')`,
        [officeId, companyId, userId],
      );
      await client.query(
        `INSERT INTO assignments (office_id, company_id, user_id, specialty) VALUES ($1, $2, $3, 'accounting')`,
        [officeId, companyId, ownerId],
      );
      for (const side of ['api', 'raw'] as const) {
        const conversationId = randomUUID();
        await client.query(
          `INSERT INTO conversations (id, office_id, company_id, channel_id, subject, started_by_side, started_by, client_id, visibility, last_message_side)
           VALUES ($1, $2, $3, $4, $5, 'client', $6, $7, 'company', 'client')`,
          [
            conversationId,
            officeId,
            companyId,
            channels.accounting,
            `Faktury za październik (${side})`,
            userId,
            randomUUID(),
          ],
        );
        if (side === 'api') senders.push({ userId, companyId, conversationId });
        else raw.push({ conversationId, authorId: userId });
      }
    }
    await client.query('COMMIT');
    await client.query('ANALYZE');
    return { officeId, senders, raw };
  } finally {
    await client.end();
  }
}

type Round = { count: number; ms: number; latencies: number[] };

/** Runs `workers` loops of `once` for `ms` (after `warmupMs` untimed), counting completed operations. */
async function round(
  workers: number,
  warmupMs: number,
  ms: number,
  once: (worker: number) => Promise<void>,
): Promise<Round> {
  const warmupEnd = performance.now() + warmupMs;
  const end = warmupEnd + ms;
  let count = 0;
  const latencies: number[] = [];
  await Promise.all(
    Array.from({ length: workers }, async (_, worker) => {
      for (;;) {
        const started = performance.now();
        if (started >= end) return;
        await once(worker);
        const done = performance.now();
        if (started >= warmupEnd && done <= end) {
          count++;
          latencies.push(done - started);
        }
      }
    }),
  );
  return { count, ms, latencies };
}

export async function run(): Promise<void> {
  const target = await openDatabase('send');
  let app: AppProcess | undefined;
  const pool: pg.Client[] = [];
  try {
    // Migrate first (the portal's process would, too), then load the office as the owner.
    await (await Database.connect(target.url)).close();
    const seeded = await seed(target.url);
    const owner = new pg.Client({ connectionString: target.url });
    await owner.connect();
    const sessions = await openSessions(
      owner,
      seeded.officeId,
      seeded.senders.map((s) => ({ userId: s.userId, companyId: s.companyId })),
    );
    await owner.end();
    app = await startApp(target.url);
    console.log(`${SENDERS} senders in ${target.label} (PostgreSQL ${target.version}); portal on ${app.origin}`);

    const browsers = sessions.map((s) => browser(app!.origin, s));
    let n = 0;
    const viaApi = (worker: number) =>
      browsers[worker]!.post(`/api/conversations/${seeded.senders[worker]!.conversationId}/messages`, {
        clientId: randomUUID(),
        body: messageBody(n++),
      }).then(() => {});

    for (let i = 0; i < SENDERS; i++) {
      const client = new pg.Client({ connectionString: target.url });
      await client.connect();
      pool.push(client);
    }
    const seqs = seeded.raw.map(() => 0);
    const viaInsert = async (worker: number) => {
      const { conversationId, authorId } = seeded.raw[worker]!;
      await pool[worker]!.query(
        `INSERT INTO messages (id, office_id, conversation_id, seq, client_id, author_id, author_side, body) VALUES ($1, $2, $3, $4, $5, $6, 'client', $7)`,
        [randomUUID(), seeded.officeId, conversationId, ++seqs[worker]!, randomUUID(), authorId, messageBody(n++)],
      );
    };

    const api: Round[] = [];
    const raw: Round[] = [];
    let cpuMs = 0;
    let statements = 0;
    let posted = 0;
    for (let r = 0; r < ROUNDS; r++) {
      raw.push(await round(SENDERS, WARMUP_MS, ROUND_MS, viaInsert));
      const before = await app.stats();
      const postedBefore = n;
      const result = await round(SENDERS, WARMUP_MS, ROUND_MS, viaApi);
      const after = await app.stats();
      cpuMs += after.cpuMs - before.cpuMs;
      statements += after.statements - before.statements;
      posted += n - postedBefore;
      api.push(result);
    }
    const rate = (rounds: Round[]) =>
      rounds.reduce((s, r) => s + r.count, 0) / (rounds.reduce((s, r) => s + r.ms, 0) / 1000);
    const latency = (rounds: Round[]) => ascending(rounds.flatMap((r) => r.latencies));
    const apiRate = rate(api);
    const rawRate = rate(raw);
    const apiLatency = latency(api);
    const rawLatency = latency(raw);

    console.log(
      `\n${ROUNDS} alternating rounds of ${ROUND_MS / 1000} s each (after ${WARMUP_MS / 1000} s warm-up), ${SENDERS} concurrent senders.\n`,
    );
    printTable(
      ['', 'messages/s', 'p50 ms', 'p99 ms', 'rounds (messages/s)'],
      [
        [
          'baseline: raw INSERT over pg',
          rawRate.toFixed(0),
          percentile(rawLatency, 0.5).toFixed(2),
          percentile(rawLatency, 0.99).toFixed(2),
          raw.map((r) => (r.count / (r.ms / 1000)).toFixed(0)).join(' '),
        ],
        [
          'POST /api/conversations/:id/messages',
          apiRate.toFixed(0),
          percentile(apiLatency, 0.5).toFixed(2),
          percentile(apiLatency, 0.99).toFixed(2),
          api.map((r) => (r.count / (r.ms / 1000)).toFixed(0)).join(' '),
        ],
      ],
    );
    console.log(
      `\nratio ${(apiRate / rawRate).toFixed(2)}; per message the portal's process used ${(cpuMs / posted).toFixed(2)} ms of CPU and sent PostgreSQL ${(statements / posted).toFixed(1)} statements (round trips)`,
    );
    record(target, { name: 'send', value: apiRate, unit: 'messages/s', baseline: rawRate });
  } finally {
    await Promise.all(pool.map((c) => c.end().catch(() => {})));
    await app?.stop();
    await target.close();
  }
}
