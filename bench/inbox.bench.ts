// inbox: the office-wide inbox of a large office — 2,000 companies, about 10 conversations each over
// the 4 channels, 1,000,000 messages — as its people open it: GET /api/conversations (page 1) and
// GET /api/conversations/counts, each alone and both at once (as the web app asks), for the owner and
// for an assigned accountant (office restricting employees to their companies, and not). The portal
// runs in its own process, requests are real HTTP. Baseline: a primary-key SELECT of one message
// over pg in this process. All series are interleaved request by request.
//
// The office is loaded with set-based SQL as the database owner (INSERT … SELECT generate_series).
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { Database } from '../server/src/db/database.js';
import { startApp, type AppProcess } from './app-process.js';
import { openDatabase } from './database.js';
import { browser, createOffice, nipFor, openSessions, PHRASES_SQL } from './fixtures.js';
import { ascending, percentile, printTable, record } from './results.js';

const COMPANIES = 2_000;
const MESSAGES = 1_000_000;
/** Accountants (accounting specialty), payroll and invoicing specialists. */
const ACCOUNTANTS = 5;
const REQUESTS = 200;
const WARMUP = 20;

export const PROPOSED_INDEX = `CREATE INDEX IF NOT EXISTS conversations_waiting_idx ON conversations USING btree (office_id, channel_id, company_id)
  WHERE status = 'open' AND last_message_side <> 'office'`;

export type InboxOffice = {
  officeId: string;
  ownerId: string;
  accountantId: string;
  messageIds: string[];
  counts: Record<string, number>;
};

/** Loads the office (exported for ad-hoc EXPLAIN sessions: `seedInbox(url)` on a fresh database). */
export async function seedInbox(url: string, log: (line: string) => void = () => {}): Promise<InboxOffice> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const step = async (label: string, text: string, values: unknown[] = []) => {
    const started = performance.now();
    const result = await client.query(text, values);
    log(`  ${label}: ${result.rowCount ?? 0} rows in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    return result;
  };
  try {
    await client.query(`SET synchronous_commit = off`);
    await client.query(`SET maintenance_work_mem = '256MB'`);
    await client.query(`SELECT setseed(0.42)`);
    await client.query('BEGIN');
    const { officeId, ownerId, channels } = await createOffice(client);

    // Staff: an admin, accountants, two payroll and two invoicing specialists.
    const staff = [
      ...Array.from({ length: ACCOUNTANTS }, (_, i) => ({
        id: randomUUID(),
        name: `Księgowa ${i + 1} Kowalska`,
        role: 'employee',
        specialty: 'accounting',
      })),
      ...Array.from({ length: 2 }, (_, i) => ({
        id: randomUUID(),
        name: `Kadrowa ${i + 1} Nowak`,
        role: 'employee',
        specialty: 'payroll',
      })),
      ...Array.from({ length: 2 }, (_, i) => ({
        id: randomUUID(),
        name: `Fakturzystka ${i + 1} Żak`,
        role: 'employee',
        specialty: 'invoicing',
      })),
      { id: randomUUID(), name: 'Marek Administrator', role: 'admin', specialty: 'accounting' },
    ];
    await client.query(
      `INSERT INTO users (id, email, name, locale) SELECT id, 'staff' || n || '@inbox.bench.example', name, 'pl' FROM unnest($1::uuid[], $2::text[]) WITH ORDINALITY AS t(id, name, n)`,
      [staff.map((s) => s.id), staff.map((s) => s.name)],
    );
    await client.query(
      `INSERT INTO staff_members (office_id, user_id, role, specialties) SELECT $1, id, role, ARRAY[specialty] FROM unnest($2::uuid[], $3::text[], $4::text[]) AS t(id, role, specialty)`,
      [officeId, staff.map((s) => s.id), staff.map((s) => s.role), staff.map((s) => s.specialty)],
    );
    const byspecialty = (specialty: string) =>
      staff.filter((s) => s.role === 'employee' && s.specialty === specialty).map((s) => s.id);

    // Companies (numbered 1…N), each with its accountant, payroll and invoicing specialist.
    await step(
      'companies',
      `INSERT INTO companies (id, office_id, name, country, tax_id, status, created_at)
       SELECT gen_random_uuid(), $1, (ARRAY['Piekarnia', 'Transport', 'Hurtownia', 'Cofetăria', 'Service Auto', 'Kwiaciarnia'])[1 + n % 6] || ' ' || (ARRAY['Złoty Kłos', 'Mróz', 'Carpați', 'Dąb', 'Vâlcea'])[1 + n % 5] || ' ' || n,
              'PL', tax_id, CASE WHEN n % 25 = 0 THEN 'inactive' ELSE 'active' END, now() - make_interval(days => (n % 900)::int)
         FROM unnest($2::text[]) WITH ORDINALITY AS t(tax_id, n)`,
      [officeId, Array.from({ length: COMPANIES }, (_, i) => nipFor(i + 1))],
    );
    await client.query(
      `CREATE TEMP TABLE company_plan ON COMMIT DROP AS SELECT id, row_number() OVER (ORDER BY created_at, id) AS n FROM companies WHERE office_id = $1`,
      [officeId],
    );
    await step(
      'assignments',
      `INSERT INTO assignments (office_id, company_id, user_id, specialty)
       SELECT $1, c.id, s.user_id, s.specialty
         FROM company_plan c
        CROSS JOIN LATERAL (VALUES ('accounting', ($2::uuid[])[1 + c.n % ${ACCOUNTANTS}]), ('payroll', ($3::uuid[])[1 + c.n % 2]), ('invoicing', ($4::uuid[])[1 + c.n % 2])) AS s(specialty, user_id)`,
      [officeId, byspecialty('accounting'), byspecialty('payroll'), byspecialty('invoicing')],
    );

    // Two client users per company: one with full access, one limited.
    await step(
      'client users',
      `INSERT INTO users (id, email, name, locale)
       SELECT gen_random_uuid(), 'client' || c.n || '-' || k || '@inbox.bench.example', 'Klient ' || c.n || '/' || k || ' Ionescu', 'pl' FROM company_plan c, generate_series(1, 2) k`,
    );
    await step(
      'company users',
      `INSERT INTO company_users (office_id, company_id, user_id, access)
       SELECT $1, c.id, u.id, CASE WHEN u.email LIKE '%-1@%' THEN 'full' ELSE 'limited' END
         FROM company_plan c JOIN users u ON u.email IN ('client' || c.n || '-1@inbox.bench.example', 'client' || c.n || '-2@inbox.bench.example')`,
      [officeId],
    );

    // About 10 conversations per company over the four channels; messages per conversation vary
    // (exponentially), scaled so that they add up to exactly MESSAGES.
    await client.query(
      `CREATE UNLOGGED TABLE bench_inbox_plan AS
       SELECT gen_random_uuid() AS id, c.id AS company_id, c.n AS company_n, k,
              ch.channel_id, ch.specialty,
              (SELECT user_id FROM company_users cu WHERE cu.company_id = c.id AND cu.access = 'full') AS full_user,
              (SELECT user_id FROM company_users cu WHERE cu.company_id = c.id AND cu.access = 'limited') AS limited_user,
              coalesce((SELECT user_id FROM assignments a WHERE a.company_id = c.id AND a.specialty = ch.specialty), $1::uuid) AS staff_user,
              -ln(1 - random()) AS weight,
              CASE WHEN random() < 0.1 THEN 'private' ELSE 'company' END AS visibility,
              CASE WHEN random() < 0.25 THEN 'closed' ELSE 'open' END AS status,
              CASE WHEN random() < 0.6 THEN 'client' ELSE 'office' END AS started_by_side,
              CASE WHEN random() < 0.3 THEN 'client' ELSE 'office' END AS last_side,
              now() - make_interval(secs => (random() ^ 2) * 365 * 86400) AS last_at,
              make_interval(secs => 600 + random() * 86400) AS gap
         FROM company_plan c
        CROSS JOIN LATERAL generate_series(1, 4 + (c.n * 7) % 13) k
        CROSS JOIN LATERAL (SELECT id AS channel_id, specialty FROM channels WHERE office_id = $2 ORDER BY position OFFSET (k + c.n) % 4 LIMIT 1) ch`,
      [ownerId, officeId],
    );
    await client.query(`ALTER TABLE bench_inbox_plan ADD COLUMN n int`);
    await client.query(
      `UPDATE bench_inbox_plan SET n = greatest(1, round(weight / (SELECT sum(weight) FROM bench_inbox_plan) * $1))`,
      [MESSAGES],
    );
    await client.query(
      `UPDATE bench_inbox_plan SET n = n + ($1 - (SELECT sum(n) FROM bench_inbox_plan)) WHERE id = (SELECT id FROM bench_inbox_plan ORDER BY n DESC LIMIT 1)`,
      [MESSAGES],
    );
    await step(
      'conversations',
      `INSERT INTO conversations (id, office_id, company_id, channel_id, subject, started_by_side, started_by, client_id, visibility, status,
                                  closed_at, closed_by, closed_by_side, last_message_seq, last_message_at, last_message_side, created_at)
       SELECT p.id, $1, p.company_id, p.channel_id,
              (ARRAY['Faktury za październik', 'Lista płac — listopad', 'Declarația 112', 'Zwrot VAT', 'Umowa najmu', 'Decont cheltuieli', 'Kontrola ZUS', 'Bilanț anual'])[1 + (p.company_n + p.k) % 8] || ' ' || p.k,
              p.started_by_side, CASE WHEN p.started_by_side = 'client' THEN CASE WHEN p.visibility = 'private' THEN p.limited_user ELSE p.full_user END ELSE p.staff_user END,
              gen_random_uuid(), p.visibility, p.status,
              CASE WHEN p.status = 'closed' THEN p.last_at + interval '1 hour' END,
              CASE WHEN p.status = 'closed' THEN CASE WHEN p.started_by_side = 'client' THEN p.full_user ELSE p.staff_user END END,
              CASE WHEN p.status = 'closed' THEN p.started_by_side END,
              p.n, p.last_at, p.last_side, p.last_at - p.gap * p.n
         FROM bench_inbox_plan p`,
      [officeId],
    );
    await step(
      'participants',
      `INSERT INTO conversation_participants (office_id, conversation_id, user_id) SELECT $1, id, limited_user FROM bench_inbox_plan WHERE visibility = 'private'`,
      [officeId],
    );
    await client.query('COMMIT');

    // Messages, sides alternating so that the last one is the conversation's last side. Loaded as
    // bulk loads are: the search index dropped during the load and rebuilt (the same definition),
    // foreign keys not re-checked row by row (the plan guarantees them) where the owner may do so,
    // and in two halves at once (two connections, one per core).
    const { rows: gin } = await client.query<{ def: string }>(
      `SELECT pg_get_indexdef('messages_search_idx'::regclass) AS def`,
    );
    await client.query(`DROP INDEX messages_search_idx`);
    const loaded = performance.now();
    await Promise.all(
      [0, 1].map(async (half) => {
        const loader = new pg.Client({ connectionString: url });
        await loader.connect();
        try {
          await loader.query(`SET synchronous_commit = off`);
          await loader.query(`SET session_replication_role = replica`).catch(() => {});
          await loader.query(
            `INSERT INTO messages (id, office_id, conversation_id, seq, client_id, author_id, author_side, body, created_at)
             SELECT gen_random_uuid(), $1, p.id, s, gen_random_uuid(),
                    CASE WHEN side = 'client' THEN CASE WHEN p.visibility = 'private' THEN p.limited_user ELSE p.full_user END ELSE p.staff_user END,
                    side,
                    (${PHRASES_SQL})[1 + (s * 7 + p.k) % 10] || CASE WHEN s % 3 = 0 THEN ' ' || (${PHRASES_SQL})[1 + (s + p.company_n) % 10] ELSE '' END,
                    p.last_at - p.gap * (p.n - s)
               FROM bench_inbox_plan p
              CROSS JOIN LATERAL generate_series(1, p.n) s
              CROSS JOIN LATERAL (SELECT CASE WHEN (p.n - s) % 2 = 0 THEN p.last_side WHEN p.last_side = 'client' THEN 'office' ELSE 'client' END AS side) a
              WHERE p.company_n % 2 = $2
              ORDER BY p.id, s`,
            [officeId, half],
          );
        } finally {
          await loader.end();
        }
      }),
    );
    log(`  messages: ${MESSAGES} rows in ${((performance.now() - loaded) / 1000).toFixed(1)} s`);
    await step('search index', gin[0]!.def);

    // Read positions: the client users have read most of what they see, the routed staff member
    // nearly everything, the owner a third of the conversations.
    await step(
      'read positions',
      `INSERT INTO read_positions (office_id, conversation_id, user_id, last_read_seq, read_at)
       SELECT $1, id, user_id, greatest(0, n - lag), last_at
         FROM (
           SELECT p.id, CASE WHEN p.visibility = 'private' THEN p.limited_user ELSE p.full_user END AS user_id, p.n, CASE WHEN p.last_side = 'office' THEN (p.k % 3) ELSE 0 END AS lag, p.last_at FROM bench_inbox_plan p
           UNION ALL SELECT p.id, p.staff_user, p.n, CASE WHEN p.last_side = 'client' THEN (p.k % 2) ELSE 0 END, p.last_at FROM bench_inbox_plan p WHERE p.staff_user <> $2
           UNION ALL SELECT p.id, $2, p.n, p.k % 4, p.last_at FROM bench_inbox_plan p WHERE p.company_n % 3 = 0
         ) r
       ON CONFLICT DO NOTHING`,
      [officeId, ownerId],
    );
    await client.query('DROP TABLE bench_inbox_plan');
    if (process.env.BENCH_WITHOUT_PROPOSED_INDEX) {
      // Migration 0011 adds the counters' index; this measures the office without it.
      log('  (without the index conversations_waiting_idx)');
      await client.query('DROP INDEX IF EXISTS conversations_waiting_idx');
    } else {
      await step('index conversations_waiting_idx (migration 0011)', PROPOSED_INDEX);
    }
    const vacuumed = performance.now();
    // What autovacuum would have done on a database in use: statistics and the visibility map.
    await client.query('VACUUM ANALYZE');
    log(`  vacuum analyze: ${((performance.now() - vacuumed) / 1000).toFixed(1)} s`);

    const { rows: sample } = await client.query<{ id: string }>(
      `SELECT id FROM messages TABLESAMPLE SYSTEM (1) LIMIT 500`,
    );
    const { rows: totals } = await client.query<{
      companies: string;
      conversations: string;
      messages: string;
      read_positions: string;
      open_waiting: string;
    }>(
      `SELECT (SELECT count(*) FROM companies) AS companies, (SELECT count(*) FROM conversations) AS conversations, (SELECT count(*) FROM messages) AS messages,
              (SELECT count(*) FROM read_positions) AS read_positions,
              (SELECT count(*) FROM conversations WHERE status = 'open' AND last_message_side = 'client') AS open_waiting`,
    );
    void channels;
    return {
      officeId,
      ownerId,
      accountantId: byspecialty('accounting')[0]!,
      messageIds: sample.map((r) => r.id),
      counts: Object.fromEntries(Object.entries(totals[0]!).map(([k, v]) => [k, Number(v)])),
    };
  } finally {
    await client.end();
  }
}

type Series = { label: string; times: number[]; detail: string };

export async function run(): Promise<void> {
  const target = await openDatabase('inbox');
  let app: AppProcess | undefined;
  const raw = new pg.Client({ connectionString: target.url });
  try {
    await (await Database.connect(target.url)).close();
    const started = performance.now();
    console.log(`loading the office into ${target.label} (PostgreSQL ${target.version}):`);
    const office = await seedInbox(target.url, console.log);
    console.log(
      `loaded in ${((performance.now() - started) / 1000).toFixed(1)} s: ${Object.entries(office.counts)
        .map(([k, v]) => `${v.toLocaleString('en')} ${k.replace('_', ' ')}`)
        .join(', ')}`,
    );
    await raw.connect();
    const [ownerSession, accountantSession] = await openSessions(raw, office.officeId, [
      { userId: office.ownerId, companyId: null },
      { userId: office.accountantId, companyId: null },
    ]);
    app = await startApp(target.url);
    const owner = browser(app.origin, ownerSession!);
    const accountant = browser(app.origin, accountantSession!);

    const page = (who: ReturnType<typeof browser>) => async () => {
      const body = (await who.get('/api/conversations')) as { items: unknown[]; total: number };
      return `${body.items.length} of ${body.total}`;
    };
    const counts = (who: ReturnType<typeof browser>) => async () => {
      const body = (await who.get('/api/conversations/counts')) as { total: number; byCompany: unknown[] };
      return `${body.total} waiting in ${body.byCompany.length} companies`;
    };
    const both = (who: ReturnType<typeof browser>) => async () =>
      (await Promise.all([page(who)(), counts(who)()])).join('; ');
    let next = 0;
    const baseline = async () => {
      const result = await raw.query('SELECT * FROM messages WHERE id = $1', [
        office.messageIds[next++ % office.messageIds.length],
      ]);
      return `${result.rowCount} row`;
    };

    /** Runs the scenarios round-robin, WARMUP untimed rounds then REQUESTS timed ones. */
    const measure = async (scenarios: [string, () => Promise<string>][]) => {
      const series: Series[] = scenarios.map(([label]) => ({ label, times: [], detail: '' }));
      for (let i = 0; i < WARMUP + REQUESTS; i++) {
        for (const [k, [, fn]] of scenarios.entries()) {
          const t0 = performance.now();
          const detail = await fn();
          if (i >= WARMUP) series[k]!.times.push(performance.now() - t0);
          series[k]!.detail = detail;
        }
      }
      return series;
    };

    const setRestricted = (on: boolean) =>
      raw.query(`UPDATE offices SET restrict_employees = $1 WHERE id = $2`, [on, office.officeId]);
    await setRestricted(false);
    const open = await measure([
      ['baseline: SELECT a message by primary key', baseline],
      ['owner: page 1', page(owner)],
      ['owner: counts', counts(owner)],
      ['owner: page 1 + counts at once', both(owner)],
      ['accountant: page 1', page(accountant)],
      ['accountant: counts', counts(accountant)],
      ['accountant: page 1 + counts at once', both(accountant)],
    ]);
    await setRestricted(true);
    const restricted = await measure([
      ['baseline (restricting office)', baseline],
      ['accountant, office restricts: page 1', page(accountant)],
      ['accountant, office restricts: counts', counts(accountant)],
      ['accountant, office restricts: page 1 + counts', both(accountant)],
    ]);

    const all = [...open, ...restricted];
    const base = ascending(open[0]!.times);
    console.log(`\n${REQUESTS} requests per series after ${WARMUP} warm-up, interleaved; ratios to the baseline's.\n`);
    printTable(
      ['series', 'p50 ms', 'p95 ms', 'p95 ratio', 'result'],
      all.map((s) => {
        const sorted = ascending(s.times);
        return [
          s.label,
          percentile(sorted, 0.5).toFixed(2),
          percentile(sorted, 0.95).toFixed(2),
          `×${(percentile(sorted, 0.95) / percentile(base, 0.95)).toFixed(1)}`,
          s.detail,
        ];
      }),
    );
    // What one request of each kind costs the portal: statements sent to PostgreSQL, CPU time.
    const costs: string[] = [];
    for (const [label, fn] of [
      ['page 1', page(accountant)],
      ['counts', counts(accountant)],
    ] as const) {
      const before = await app.stats();
      for (let i = 0; i < 20; i++) await fn();
      const after = await app.stats();
      costs.push(
        `${label}: ${((after.statements - before.statements) / 20).toFixed(1)} statements, ${((after.cpuMs - before.cpuMs) / 20).toFixed(1)} ms of CPU`,
      );
    }
    console.log(
      `\nper request of the accountant (office restricting employees), in the portal's process: ${costs.join('; ')}`,
    );
    for (const s of all) {
      if (s.label.startsWith('baseline')) continue;
      const baselineOf = ascending((open.includes(s) ? open[0]! : restricted[0]!).times);
      record(target, {
        name: `inbox ${s.label} p95`,
        value: percentile(ascending(s.times), 0.95),
        unit: 'ms',
        baseline: percentile(baselineOf, 0.95),
      });
    }
  } finally {
    await raw.end().catch(() => {});
    await app?.stop();
    await target.close();
  }
}
