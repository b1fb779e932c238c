// What the conversation benchmarks share: an office loaded with set-based SQL as the database
// owner, sessions opened directly in the sessions table (exactly what a sign-in stores), and a
// browser-like HTTP client for the portal running in its own process.
import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { hashToken, randomToken } from '../server/src/modules/identity/secrets.js';
import { completeNip } from '../server/src/scripts/sample-data.js';

export type Channels = { accounting: string; payroll: string; invoicing: string; admin: string };

/** A valid Polish NIP for a counter (every bench office uses its own numbers). */
export function nipFor(counter: number): string {
  for (let n = counter * 11; ; n++) {
    const nip = completeNip(`7${String(n).padStart(8, '0')}`);
    if (nip) return nip;
  }
}

/** An office with its owner and its four default channels. */
export async function createOffice(client: pg.Client, options: { restrictEmployees?: boolean } = {}) {
  const officeId = randomUUID();
  const ownerId = randomUUID();
  await client.query(
    `INSERT INTO offices (id, name, country, default_locale, restrict_employees) VALUES ($1, 'Biuro Rachunkowe Benchmark', 'PL', 'pl', $2)`,
    [officeId, options.restrictEmployees ?? false],
  );
  await client.query(`INSERT INTO users (id, email, name, locale) VALUES ($1, $2, 'Anna Właścicielka', 'pl')`, [
    ownerId,
    `owner-${officeId}@bench.example`,
  ]);
  await client.query(
    `INSERT INTO staff_members (office_id, user_id, role, specialties) VALUES ($1, $2, 'owner', '{accounting,payroll,invoicing}')`,
    [officeId, ownerId],
  );
  const { rows } = await client.query<{ id: string; key: keyof Channels }>(
    `INSERT INTO channels (id, office_id, key, specialty, position)
     SELECT gen_random_uuid(), $1, d.key, d.specialty, d.position
       FROM (VALUES ('accounting', 'accounting', 1), ('payroll', 'payroll', 2), ('invoicing', 'invoicing', 3), ('admin', NULL, 4)) AS d(key, specialty, position)
     RETURNING id, key`,
    [officeId],
  );
  const channels = Object.fromEntries(rows.map((r) => [r.key, r.id])) as Channels;
  return { officeId, ownerId, channels };
}

export type BrowserSession = { userId: string; cookie: string; csrfToken: string };

/** Opens a session per person, as a sign-in would (the same row, the same token hashing). */
export async function openSessions(
  client: pg.Client,
  officeId: string,
  people: { userId: string; companyId: string | null }[],
): Promise<BrowserSession[]> {
  const sessions = people.map((p) => ({ ...p, id: randomUUID(), token: randomToken(), csrfToken: randomToken() }));
  for (let at = 0; at < sessions.length; at += 1000) {
    const batch = sessions.slice(at, at + 1000);
    await client.query(
      `INSERT INTO sessions (id, token_hash, user_id, office_id, company_id, csrf_token, ip, user_agent, expires_at)
       SELECT id, hash, user_id, $1, company_id, csrf, '127.0.0.1', 'bureau-bench', now() + interval '1 day'
         FROM unnest($2::uuid[], $3::text[], $4::uuid[], $5::uuid[], $6::text[]) AS t(id, hash, user_id, company_id, csrf)`,
      [
        officeId,
        batch.map((s) => s.id),
        batch.map((s) => hashToken(s.token)),
        batch.map((s) => s.userId),
        batch.map((s) => s.companyId),
        batch.map((s) => s.csrfToken),
      ],
    );
  }
  return sessions.map((s) => ({ userId: s.userId, cookie: `bureau_session=${s.token}`, csrfToken: s.csrfToken }));
}

/** A browser's requests to the portal: its session cookie, and the CSRF token on writes. */
export function browser(origin: string, session: BrowserSession) {
  const request = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${origin}${path}`, {
      method,
      headers: {
        cookie: session.cookie,
        ...(method !== 'GET' && { 'x-csrf-token': session.csrfToken }),
        ...(body !== undefined && { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
    return text ? (JSON.parse(text) as unknown) : undefined;
  };
  return {
    get: (path: string) => request('GET', path),
    post: (path: string, body: unknown = {}) => request('POST', path, body),
  };
}

const PHRASES = [
  'Dzień dobry, przesyłam faktury za ostatni miesiąc.',
  'Proszę o potwierdzenie kwoty VAT do zapłaty.',
  'Czy deklaracja ZUS za pracowników jest już gotowa?',
  'Bună ziua, vă trimit extrasul de cont pentru luna trecută.',
  'Am primit o notificare de la ANAF, ce trebuie să facem?',
  'Załączam umowę najmu lokalu, proszę o zaksięgowanie.',
  'Brakuje nam jednej faktury kosztowej z października.',
  'Vă rog să-mi confirmați termenul pentru declarația 300.',
  'Dziękuję, wszystko się zgadza. Pozdrawiam serdecznie!',
  'Czy mogę odliczyć koszt szkolenia pracownika?',
];

/** A message body of realistic length (one to three sentences, with diacritics). */
export const messageBody = (n: number) =>
  [
    PHRASES[n % PHRASES.length],
    PHRASES[(n * 7 + 3) % PHRASES.length],
    n % 3 === 0 ? PHRASES[(n * 3 + 1) % PHRASES.length] : '',
  ]
    .join(' ')
    .trim();

/** Sentences as a SQL array literal, for seeding message bodies in SQL. */
export const PHRASES_SQL = `ARRAY[${PHRASES.map((p) => `'${p.replaceAll("'", "''")}'`).join(', ')}]`;

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
