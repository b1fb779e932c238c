// The staff company list on a large office: 5,000 companies, 10 staff with assignments, 3,000
// client users. Measures GET /api/companies through the real app (app.inject, a signed-in owner:
// auth hook, actor, policy scope, RLS transaction, presenter, response schema) and compares it with
// the bare indexed query sent over `pg` as the database owner, measured in the same run.
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { buildApp } from '../server/src/app.js';
import { loadConfig } from '../server/src/config.js';
import { Database } from '../server/src/db/database.js';
import { openDatabase } from './database.js';
import { percentile, printTable, record } from './results.js';
import { hashPassword } from '../server/src/modules/identity/password.js';
import { completeCui, completeNip, seededRandom } from '../server/src/scripts/sample-data.js';

const COMPANIES = 5_000;
const STAFF = 10;
const CLIENT_USERS = 3_000;
const REQUESTS = 200;
const WARMUP = 20;
const BATCH = 1_000;
const PASSWORD = 'Bench-Owner-Pass-42';

// --- data ---------------------------------------------------------------------------------------

const PL_KINDS = [
  'Piekarnia',
  'Transport',
  'Usługi Budowlane',
  'Hurtownia',
  'Apteka',
  'Kwiaciarnia',
  'Warsztat',
  'Studio',
  'Kancelaria',
  'Drukarnia',
  'Restauracja',
  'Sklep',
];
const RO_KINDS = [
  'Cofetăria',
  'Ferma',
  'Service Auto',
  'Brutăria',
  'Pensiunea',
  'Tipografia',
  'Atelier',
  'Clinica',
  'Librăria',
  'Transporturi',
];
const PL_WORDS = [
  'Złoty Kłos',
  'Wiśniewski',
  'Pod Orłem',
  'Słoneczny',
  'Dąb',
  'Różany',
  'Mróz',
  'Sadownik',
  'Kaczka',
  'Żak',
  'Łęcki',
  'Szprycha',
  'Bąk',
  'Świątek',
];
const RO_WORDS = [
  'Dulce Ardeal',
  'Vâlcea',
  'Carpați',
  'Bucovina',
  'Litera',
  'Mătase',
  'Dealu Mare',
  'Pâine Caldă',
  'Stejarul',
  'Lăbuța',
  'Roată',
  'Delta',
];
const PL_FORMS = ['sp. z o.o.', 's.c.', 'sp.j.', 'S.A.', ''];

const nip = (counter: number) => completeNip(`525${String(counter).padStart(6, '0')}`);
const cui = (counter: number) => completeCui(String(1_000_000 + counter));

type Seeded = { officeId: string; ownerEmail: string; employeeIds: string[] };

/** Loads the large office as the database owner, in batches (exported for ad-hoc EXPLAIN sessions). */
export async function seed(url: string): Promise<Seeded> {
  const random = seededRandom(42);
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const officeId = randomUUID();
    const passwordHash = await hashPassword(PASSWORD);
    const ownerId = randomUUID();
    const ownerEmail = 'owner@bench.example';
    await client.query('BEGIN');
    await client.query(
      `INSERT INTO offices (id, name, country, default_locale) VALUES ($1, 'Biuro Benchmark', 'PL', 'pl')`,
      [officeId],
    );

    // People: the owner, 10 staff, 3,000 client users (one password hash shared: only the owner signs in).
    const staffIds = Array.from({ length: STAFF }, () => randomUUID());
    const clientIds = Array.from({ length: CLIENT_USERS }, () => randomUUID());
    const people = [
      { id: ownerId, email: ownerEmail, name: 'Anna Właścicielka' },
      ...staffIds.map((id, i) => ({ id, email: `staff${i}@bench.example`, name: `Pracownik ${i} Łukasiewicz` })),
      ...clientIds.map((id, i) => ({ id, email: `client${i}@bench.example`, name: `Klient ${i} Ionescu` })),
    ];
    for (let at = 0; at < people.length; at += BATCH) {
      const batch = people.slice(at, at + BATCH);
      await client.query(
        `INSERT INTO users (id, email, name, locale, password_hash)
         SELECT id, email, name, 'pl', $4 FROM unnest($1::uuid[], $2::text[], $3::text[]) AS t(id, email, name)`,
        [batch.map((p) => p.id), batch.map((p) => p.email), batch.map((p) => p.name), passwordHash],
      );
    }
    await client.query(
      `INSERT INTO staff_members (office_id, user_id, role, specialties)
       SELECT $1, id, role, specialties::text[] FROM unnest($2::uuid[], $3::text[], $4::text[]) AS t(id, role, specialties)`,
      [
        officeId,
        [ownerId, ...staffIds],
        ['owner', 'admin', ...staffIds.slice(1).map(() => 'employee')],
        [
          '{accounting,payroll,invoicing}',
          '{accounting}',
          ...staffIds.slice(1).map((_, i) => ['{accounting}', '{payroll}', '{invoicing}'][i % 3]!),
        ],
      ],
    );

    // Companies: 60 % Polish, 40 % Romanian, 10 % inactive, valid tax ids, contact data like real rows.
    const companyIds: string[] = [];
    let nipCounter = 0;
    let cuiCounter = 0;
    for (let at = 0; at < COMPANIES; at += BATCH) {
      const rows = Array.from({ length: Math.min(BATCH, COMPANIES - at) }, (_, k) => {
        const index = at + k;
        const polish = random() < 0.6;
        let taxId: string | null = null;
        while (polish && !taxId) taxId = nip(nipCounter++);
        const name = polish
          ? `${pick(PL_KINDS)} ${pick(PL_WORDS)} ${index} ${pick(PL_FORMS)}`.trim()
          : `${pick(RO_KINDS)} ${pick(RO_WORDS)} ${index} SRL`;
        const id = randomUUID();
        companyIds.push(id);
        return {
          id,
          name,
          country: polish ? 'PL' : 'RO',
          taxId: polish ? taxId! : cui(cuiCounter++),
          status: random() < 0.1 ? 'inactive' : 'active',
          ageDays: Math.floor(random() * 2_000),
          addresses: JSON.stringify([
            {
              line1: polish ? `ul. Długa ${index}` : `Str. Lungă ${index}`,
              postalCode: polish ? '31-146' : '500058',
              city: polish ? 'Kraków' : 'Brașov',
              country: polish ? 'PL' : 'RO',
            },
          ]),
          emails: JSON.stringify([{ label: 'Biuro', email: `biuro${index}@firma.example` }]),
          phones: JSON.stringify([{ phone: polish ? '+48501234567' : '+40722123456' }]),
        };
      });
      await client.query(
        `INSERT INTO companies (id, office_id, name, country, tax_id, status, created_at, addresses, emails, phones)
         SELECT id, $1, name, country, tax_id, status, now() - make_interval(days => age), addresses, emails, phones
           FROM unnest($2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[], $7::int[], $8::jsonb[], $9::jsonb[], $10::jsonb[])
             AS t(id, name, country, tax_id, status, age, addresses, emails, phones)`,
        [
          officeId,
          rows.map((r) => r.id),
          rows.map((r) => r.name),
          rows.map((r) => r.country),
          rows.map((r) => r.taxId),
          rows.map((r) => r.status),
          rows.map((r) => r.ageDays),
          rows.map((r) => r.addresses),
          rows.map((r) => r.emails),
          rows.map((r) => r.phones),
        ],
      );
    }
    await client.query(
      `INSERT INTO company_status_changes (office_id, company_id, status) SELECT office_id, id, status FROM companies WHERE office_id = $1`,
      [officeId],
    );

    // Assignments: accounting for every company, payroll for half, invoicing for a third.
    const employees = staffIds.slice(1);
    const assignments: [string, string, string][] = [];
    companyIds.forEach((companyId, i) => {
      assignments.push([companyId, employees[i % employees.length]!, 'accounting']);
      if (i % 2 === 0) assignments.push([companyId, employees[(i + 1) % employees.length]!, 'payroll']);
      if (i % 3 === 0) assignments.push([companyId, employees[(i + 2) % employees.length]!, 'invoicing']);
    });
    for (let at = 0; at < assignments.length; at += BATCH * 5) {
      const batch = assignments.slice(at, at + BATCH * 5);
      await client.query(
        `INSERT INTO assignments (office_id, company_id, user_id, specialty)
         SELECT $1, c, u, s FROM unnest($2::uuid[], $3::uuid[], $4::text[]) AS t(c, u, s)`,
        [officeId, batch.map((a) => a[0]), batch.map((a) => a[1]), batch.map((a) => a[2])],
      );
    }

    // Client users: one company each (7 is coprime with 5,000, so the companies are distinct).
    await client.query(
      `INSERT INTO company_users (office_id, company_id, user_id, access)
       SELECT $1, c, u, a FROM unnest($2::uuid[], $3::uuid[], $4::text[]) AS t(c, u, a)`,
      [
        officeId,
        clientIds.map((_, j) => companyIds[(j * 7) % COMPANIES]!),
        clientIds,
        clientIds.map((_, j) => (j % 4 === 0 ? 'limited' : 'full')),
      ],
    );
    await client.query('COMMIT');
    await client.query('ANALYZE');
    return { officeId, ownerEmail, employeeIds: employees };
  } catch (err) {
    await client.query('ROLLBACK').catch(() => {});
    throw err;
  } finally {
    await client.end();
  }
}

// --- measuring ----------------------------------------------------------------------------------

type Stats = { p50: number; p95: number; detail: string };

/** Runs `fn` WARMUP times untimed, then REQUESTS times one after another, timing each. */
async function measure(fn: () => Promise<string>): Promise<Stats> {
  for (let i = 0; i < WARMUP; i++) await fn();
  const times: number[] = [];
  let detail = '';
  for (let i = 0; i < REQUESTS; i++) {
    const started = performance.now();
    detail = await fn();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 0.5), p95: percentile(times, 0.95), detail };
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

export async function run(): Promise<void> {
  const started = performance.now();
  const target = await openDatabase('company-list');
  let db: Database | undefined;
  let app: Awaited<ReturnType<typeof buildApp>> | undefined;
  let raw: pg.Client | undefined;
  try {
    db = await Database.connect(target.url);
    const ready = performance.now();
    const seeded = await seed(target.url);
    console.log(
      `data: ${COMPANIES} companies, ${STAFF} staff, ${CLIENT_USERS} client users in ${target.label}` +
        ` (database ready in ${((ready - started) / 1000).toFixed(1)} s, data loaded in ${((performance.now() - ready) / 1000).toFixed(1)} s)`,
    );

    const config = loadConfig({ PUBLIC_URL: 'http://localhost:3000', LOG_LEVEL: 'silent', DATABASE_URL: target.url });
    app = await buildApp(config, db, { logger: false });
    await app.ready();
    const signIn = await app.inject({
      method: 'POST',
      url: '/api/auth/sign-in',
      payload: { email: seeded.ownerEmail, password: PASSWORD },
    });
    if (signIn.statusCode !== 200) throw new Error(`sign-in failed: ${signIn.statusCode} ${signIn.body}`);
    const session = signIn.cookies.find((c) => c.name.includes('bureau_session'))!;
    const headers = {
      cookie: `${session.name}=${session.value}`,
      'x-csrf-token': (signIn.json() as { csrfToken: string }).csrfToken,
    };

    const server = app;
    const get = (url: string, describe: (body: { items?: unknown[]; total?: number }) => string) => async () => {
      const res = await server.inject({ method: 'GET', url, headers });
      if (res.statusCode !== 200) throw new Error(`GET ${url}: ${res.statusCode} ${res.body}`);
      return describe(res.json());
    };
    const list = (query: string) => get(`/api/companies?${query}`, (body) => `${body.items!.length} / ${body.total}`);

    raw = new pg.Client({ connectionString: target.url });
    await raw.connect();
    const client = raw;
    const baseline = await measure(async () => {
      const result = await client.query('SELECT id, name FROM companies WHERE office_id = $1 ORDER BY name LIMIT 50', [
        seeded.officeId,
      ]);
      return `${result.rowCount} / —`;
    });

    const scenarios: [string, string][] = [
      ['first page (pageSize=50)', 'pageSize=50'],
      ['deep page (page=80)', 'pageSize=50&page=80'],
      ['search "piek"', 'pageSize=50&search=piek'],
      ['assigned to one employee', `pageSize=50&assignedTo=${seeded.employeeIds[0]}`],
      ['status=active & country=RO', 'pageSize=50&status=active&country=RO'],
    ];
    // The floor of any signed-in request (session, actor, one tenant transaction), for reference.
    const floor = await measure(get('/api/office', () => '1 row'));
    const results: [string, Stats][] = [
      ['baseline: raw SELECT over pg', baseline],
      ['reference: GET /api/office', floor],
    ];
    for (const [label, query] of scenarios) results.push([label, await measure(list(query))]);

    console.log(
      `\n${REQUESTS} sequential requests each after ${WARMUP} warm-up; ratios are to the baseline measured above.\n`,
    );
    const rows = results.map(([label, s]) => [
      label,
      s.p50.toFixed(2),
      s.p95.toFixed(2),
      `×${(s.p50 / baseline.p50).toFixed(1)}`,
      `×${(s.p95 / baseline.p95).toFixed(1)}`,
      s.detail,
    ]);
    printTable(['scenario', 'p50 ms', 'p95 ms', 'p50 ratio', 'p95 ratio', 'items / total'], rows);
    for (const [label, s] of results.slice(2))
      record(target, { name: `company-list ${label} p95`, value: s.p95, unit: 'ms', baseline: baseline.p95 });
    const memory = process.memoryUsage();
    console.log(
      `\nprocess memory after the run: RSS ${mb(memory.rss)}, heap used ${mb(memory.heapUsed)} (of ${mb(memory.heapTotal)})`,
    );
  } finally {
    await raw?.end().catch(() => {});
    await app?.close().catch(() => {});
    await db?.close().catch(() => {});
    await target.close();
  }
}
