// broadcast: seconds to fan one message out to 5,000 companies — the broadcast sent through the
// service (policy, selection, the broadcast and its 5,000 recipients, the fan-out job), then the
// fan-out itself run to the end: a conversation, its message, the author's read position, an
// outbox event and a notification job per company, every batch committed.
//
// Baseline, in the same run: the same rows written by raw single-row INSERTs — 5,000 conversations,
// 5,000 messages and 5,000 jobs in pg-boss's table — in one transaction, through the same driver as
// the database owner (no policy, no RLS, no batching). Rounds alternate, so that whatever else loads
// the machine loads both.
import { randomBytes, randomUUID } from 'node:crypto';
import pg from 'pg';
import { loadConfig } from '../server/src/config.js';
import { Database } from '../server/src/db/database.js';
import { loadActor } from '../server/src/modules/identity/actor.loader.js';
import type { Actor } from '../server/src/modules/identity/actor.js';
import { createServices } from '../server/src/services.js';
import { openDatabase } from './database.js';
import { createOffice, nipFor } from './fixtures.js';
import { printTable, record } from './results.js';

const COMPANIES = 5_000;
const ROUNDS = 3;
const BODY =
  'Dzień dobry, od stycznia 2027 prosimy o przesyłanie dokumentów do 5. dnia miesiąca. Zmiana dotyczy JPK_V7 i list płac.';

async function seed(url: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('BEGIN');
    const { officeId, ownerId, channels } = await createOffice(client);
    const nips = Array.from({ length: COMPANIES }, (_, i) => nipFor(i + 1));
    await client.query(
      `INSERT INTO companies (id, office_id, name, country, tax_id)
       SELECT gen_random_uuid(), $1, 'Firma ' || lpad(i::text, 5, '0') || ' sp. z o.o.', 'PL', ($2::text[])[i] FROM generate_series(1, $3) i`,
      [officeId, nips, COMPANIES],
    );
    await client.query('COMMIT');
    await client.query('ANALYZE');
    return { officeId, ownerId, channels };
  } finally {
    await client.end();
  }
}

/** The baseline: the same rows, one INSERT each, one transaction, as the owner. */
async function rawInserts(url: string, officeId: string, authorId: string, channelId: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ id: string }>('SELECT id FROM companies WHERE office_id = $1 ORDER BY id', [
      officeId,
    ]);
    const started = performance.now();
    await client.query('BEGIN');
    for (const { id: companyId } of rows) {
      const conversationId = randomUUID();
      const messageId = randomUUID();
      await client.query(
        `INSERT INTO conversations (id, office_id, company_id, channel_id, subject, started_by_side, started_by, client_id, visibility, last_message_seq, last_message_side)
         VALUES ($1, $2, $3, $4, 'Nowe terminy (raw)', 'office', $5, $6, 'company', 1, 'office')`,
        [conversationId, officeId, companyId, channelId, authorId, randomUUID()],
      );
      await client.query(
        `INSERT INTO messages (id, office_id, conversation_id, seq, client_id, author_id, author_side, body) VALUES ($1, $2, $3, 1, $4, $5, 'office', $6)`,
        [messageId, officeId, conversationId, randomUUID(), authorId, BODY],
      );
      await client.query(`INSERT INTO pgboss.job (name, data) VALUES ('notify', $1)`, [
        { officeId, messageId, kind: 'conversation' },
      ]);
    }
    await client.query('COMMIT');
    return (performance.now() - started) / 1000;
  } finally {
    await client.end();
  }
}

export async function run(): Promise<void> {
  const db = await openDatabase('broadcast');
  let database: Database | undefined;
  let services: ReturnType<typeof createServices> | undefined;
  try {
    // Connecting migrates the fresh database (and installs the job queue's schema).
    database = await Database.connect(db.url);
    console.log(`seeding ${COMPANIES.toLocaleString('en')} companies in ${db.label}…`);
    const seeded = await seed(db.url);
    const config = loadConfig({
      PUBLIC_URL: 'http://localhost:3000',
      LOG_LEVEL: 'silent',
      DATABASE_URL: db.url,
      BUREAU_SECRET_KEY: randomBytes(32).toString('base64'),
    });
    services = createServices(config, database);
    await services.jobs.start();
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
    const owner: Actor = loaded.actor;

    const portal: number[] = [];
    const raw: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const started = performance.now();
      const sent = await services.broadcasts.send(owner, {
        id: randomUUID(),
        subject: `Nowe terminy dokumentów (${round + 1})`,
        body: BODY,
        mode: 'conversation',
        channelId: seeded.channels.accounting,
        selection: { kind: 'filter', status: 'active' },
      });
      await services.broadcasts.fanOut({ officeId: seeded.officeId, broadcastId: sent.id });
      portal.push((performance.now() - started) / 1000);
      const done = await services.broadcasts.get(owner, sent.id);
      if (done.status !== 'done' || done.delivered !== COMPANIES)
        throw new Error(`broadcast ended ${done.status} with ${done.delivered} companies`);
      raw.push(await rawInserts(db.url, seeded.officeId, seeded.ownerId, seeded.channels.accounting));
      console.log(
        `round ${round + 1}: broadcast ${portal.at(-1)!.toFixed(2)} s, raw INSERTs ${raw.at(-1)!.toFixed(2)} s`,
      );
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    const value = median(portal);
    const baseline = median(raw);
    printTable(
      ['', 'seconds (median of 3)', 'companies/s'],
      [
        [
          'broadcast to 5,000 companies (send + fan-out, committed)',
          value.toFixed(2),
          Math.round(COMPANIES / value).toLocaleString('en'),
        ],
        [
          'raw single-row INSERTs (conversation, message, job) in one transaction',
          baseline.toFixed(2),
          Math.round(COMPANIES / baseline).toLocaleString('en'),
        ],
        ['ratio (target ≤ 5)', (value / baseline).toFixed(2), ''],
      ],
    );
    record(db, { name: 'broadcast (5,000 companies)', value, unit: 's', baseline });
  } finally {
    await services?.jobs.stop().catch(() => {});
    await database?.close().catch(() => {});
    await db.close();
  }
}
