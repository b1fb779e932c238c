// Test harness: the real app on a fresh database, factories that create missing parents, and an
// HTTP client that signs in like a browser (session cookie + CSRF header) through app.inject.
import { randomBytes, randomInt, randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import pg from 'pg';
import type { Locale, Specialty } from '@bureau/common';
import { buildApp } from '../src/app.js';
import { SECURE_COOKIE } from '../src/http/auth.js';
import { loadConfig } from '../src/config.js';
import type { Database } from '../src/db/database.js';
import {
  assignments,
  companies,
  companyStatusChanges,
  companyUsers,
  offices,
  staffMembers,
  users,
} from '../src/db/schema.js';
import { hashPassword } from '../src/modules/identity/password.js';
import { insertDefaultChannels } from '../src/modules/messaging/channel.repository.js';
import { completeNip } from '../src/scripts/sample-data.js';
import { createTestDatabase } from './database.js';

export const PASSWORD = 'Kangaroo-Pierogi-42';
/** Tests never ask the real public registries: by default they point at a closed loopback port. */
export const NO_REGISTRIES = {
  REGISTRY_ANAF_URL: 'http://127.0.0.1:9',
  REGISTRY_WHITELIST_URL: 'http://127.0.0.1:9',
  REGISTRY_VIES_URL: 'http://127.0.0.1:9',
};
/**
 * Nor the real SMS providers (a closed loopback port, refused by the outbound guard unless a test sets
 * OUTBOUND_ALLOW_PRIVATE). The guard is on by default, as in production.
 */
export const NO_SMS_PROVIDERS = { SMS_SMSAPI_URL: 'http://127.0.0.1:9', SMS_TWILIO_URL: 'http://127.0.0.1:9' };
/** The instance key tests seal office secrets with (never a file in the repository's data folder). */
export const TEST_SECRET_KEY = randomBytes(32).toString('base64');
let passwordHash: Promise<string> | undefined;

/** An e-mail as its addressee received it: `office` mail went through an office's outbox, `account` mail through the instance. */
export type TestEmail = {
  kind: 'office' | 'account';
  officeId: string | null;
  template: string;
  subject: string;
  text: string;
  html: string;
  locale: string;
};
/** The first link in a text. */
export const linkIn = (text: string | undefined) => /https?:\/\/\S+/.exec(text ?? '')?.[0] ?? '';

export type TestOffice = { id: string; name: string; owner: TestUser };
export type TestUser = { id: string; email: string; name: string };
export type TestCompany = { id: string; name: string; officeId: string };

export async function createTestApp(env: Record<string, string> = {}) {
  const { db, url, drop } = await createTestDatabase();
  const filesDir = await mkdtemp(path.join(tmpdir(), 'bureau-files-'));
  const config = loadConfig({
    PUBLIC_URL: 'http://localhost:3000',
    LOG_LEVEL: 'silent',
    DATABASE_URL: url,
    FILES_DIR: filesDir,
    BUREAU_SECRET_KEY: TEST_SECRET_KEY,
    ...NO_REGISTRIES,
    ...NO_SMS_PROVIDERS,
    ...env,
  });
  const app = await buildApp(config, db, { logger: false });
  await app.ready();
  return {
    app,
    db,
    url,
    filesDir,
    factories: new Factories(db),
    /** One query as the database owner (the job queue's tables are not the application's to read). */
    async asOwner(text: string) {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        return await client.query(text);
      } finally {
        await client.end();
      }
    },
    /**
     * The newest e-mail to `to` as the addressee's mailbox would hold it — an office's e-mail (outbox) or account mail
     * (the instance's `account-email` jobs) — read as the database owner, since no office may read the secrets in them.
     */
    async mailbox(
      to: string,
      filter: { template?: string; kind?: 'office' | 'account' } = {},
    ): Promise<TestEmail | undefined> {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        const { rows } = await client.query<TestEmail & { at: Date }>(
          `SELECT * FROM (
             SELECT 'office' AS kind, office_id AS "officeId", template, subject, text_body AS text, html_body AS html, locale, created_at AS at
               FROM outbox_emails WHERE to_address = $1
             UNION ALL
             SELECT 'account', NULL, data->>'template', data->>'subject', data->>'text', data->>'html', data->>'locale', created_on
               FROM pgboss.job WHERE name = 'account-email' AND data->>'to' = $1
           ) mail WHERE ($2::text IS NULL OR template = $2) AND ($3::text IS NULL OR kind = $3)
           ORDER BY at DESC LIMIT 1`,
          [to, filter.template ?? null, filter.kind ?? null],
        );
        return (
          rows[0] && {
            kind: rows[0].kind,
            officeId: rows[0].officeId,
            template: rows[0].template,
            subject: rows[0].subject,
            text: rows[0].text,
            html: rows[0].html,
            locale: rows[0].locale,
          }
        );
      } finally {
        await client.end();
      }
    },
    async close() {
      await app.close();
      await drop();
      await rm(filesDir, { recursive: true, force: true });
    },
  };
}

let counter = 0;
const unique = () => `${Date.now().toString(36)}${(counter++).toString(36)}`;

/** A valid Polish NIP derived from a number. */
export function makeNip(seed: number): string {
  for (let s = seed; ; s++) {
    const nip = completeNip(String(100000000 + (s % 800000000)));
    if (nip) return nip;
  }
}

let nipCounter = randomInt(800_000_000);

/** A valid Polish NIP never returned before in this test file. */
export function uniqueNip(): string {
  for (;;) {
    const nip = completeNip(String(100000000 + (nipCounter++ % 800000000)));
    if (nip) return nip;
  }
}

export class Factories {
  constructor(private readonly db: Database) {}

  async user(
    input: { name?: string; email?: string; locale?: Locale; password?: string | null } = {},
  ): Promise<TestUser> {
    passwordHash ??= hashPassword(PASSWORD);
    const id = randomUUID();
    const name = input.name ?? `Person ${unique()}`;
    const email = input.email ?? `p${unique()}@example.test`;
    const hash =
      input.password === null ? null : input.password ? await hashPassword(input.password) : await passwordHash;
    // A person row is global; any office context may create one.
    await this.db.inTenant({ officeId: randomUUID() }, (tx) =>
      tx.insert(users).values({ id, name, email, locale: input.locale ?? 'en', passwordHash: hash }),
    );
    return { id, email, name };
  }

  async office(
    input: {
      name?: string;
      restrictEmployees?: boolean;
      allowClientPasswordless?: boolean;
      requireStaffTwoFactor?: boolean;
    } = {},
  ): Promise<TestOffice> {
    const id = randomUUID();
    const owner = await this.user({ name: `Owner ${unique()}` });
    const name = input.name ?? `Office ${unique()}`;
    await this.db.inTenant({ officeId: id }, async (tx) => {
      await tx.insert(offices).values({
        id,
        name,
        country: 'PL',
        defaultLocale: 'en',
        restrictEmployees: input.restrictEmployees ?? false,
        allowClientPasswordless: input.allowClientPasswordless ?? true,
        requireStaffTwoFactor: input.requireStaffTwoFactor ?? false,
      });
      await tx
        .insert(staffMembers)
        .values({ officeId: id, userId: owner.id, role: 'owner', specialties: ['accounting'] });
      await insertDefaultChannels(tx, id);
    });
    return { id, name, owner };
  }

  async staff(
    office: TestOffice,
    input: { role?: 'owner' | 'admin' | 'employee'; specialties?: Specialty[]; name?: string; email?: string } = {},
  ): Promise<TestUser> {
    const user = await this.user({ name: input.name, email: input.email });
    await this.db.inTenant({ officeId: office.id }, (tx) =>
      tx.insert(staffMembers).values({
        officeId: office.id,
        userId: user.id,
        role: input.role ?? 'employee',
        specialties: input.specialties ?? ['accounting'],
      }),
    );
    return user;
  }

  async company(
    office: TestOffice,
    input: { name?: string; taxId?: string; status?: 'active' | 'inactive'; country?: string } = {},
  ): Promise<TestCompany> {
    const id = randomUUID();
    const name = input.name ?? `Company ${unique()} sp. z o.o.`;
    await this.db.inTenant({ officeId: office.id }, async (tx) => {
      await tx.insert(companies).values({
        id,
        officeId: office.id,
        name,
        country: input.country ?? 'PL',
        taxId: input.taxId ?? uniqueNip(),
        status: input.status ?? 'active',
      });
      await tx
        .insert(companyStatusChanges)
        .values({ officeId: office.id, companyId: id, status: input.status ?? 'active' });
    });
    return { id, name, officeId: office.id };
  }

  async clientUser(
    company: TestCompany,
    input: { access?: 'full' | 'limited'; name?: string; email?: string; user?: TestUser } = {},
  ): Promise<TestUser> {
    const user = input.user ?? (await this.user({ name: input.name, email: input.email }));
    await this.db.inTenant({ officeId: company.officeId }, (tx) =>
      tx
        .insert(companyUsers)
        .values({ officeId: company.officeId, companyId: company.id, userId: user.id, access: input.access ?? 'full' }),
    );
    return user;
  }

  async assign(company: TestCompany, staff: TestUser, specialty: Specialty = 'accounting'): Promise<void> {
    await this.db.inTenant({ officeId: company.officeId }, (tx) =>
      tx.insert(assignments).values({ officeId: company.officeId, companyId: company.id, userId: staff.id, specialty }),
    );
  }
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** A signed-in browser: keeps the session cookie and sends the CSRF token on writes. */
export class Session {
  constructor(
    private readonly app: FastifyInstance,
    public cookie: string | null,
    public csrfToken: string | null,
    private readonly headers: Record<string, string> = {},
  ) {}

  request(
    method: Method,
    url: string,
    body?: unknown,
    extraHeaders: Record<string, string> = {},
  ): Promise<LightMyRequestResponse> {
    const headers: Record<string, string> = { ...this.headers, ...extraHeaders };
    if (this.cookie) headers.cookie = this.cookie;
    if (method !== 'GET' && this.csrfToken) headers['x-csrf-token'] = this.csrfToken;
    return this.app
      .inject({ method, url, headers, ...(body !== undefined && { payload: body as object }) })
      .then((res) => {
        this.absorb(res);
        return res;
      });
  }

  /** Keeps a new session cookie (sign-in, context switch) like a browser would. */
  absorb(res: LightMyRequestResponse) {
    const set = res.cookies.find((c) => c.name.includes('bureau_session'));
    if (set) this.cookie = set.value ? `${set.name}=${set.value}` : null;
    if (res.statusCode === 200 && res.headers['content-type']?.includes('json')) {
      const body = res.json();
      if (body && typeof body === 'object' && 'csrfToken' in body) this.csrfToken = body.csrfToken;
    }
  }

  get = (url: string) => this.request('GET', url);
  post = (url: string, body?: unknown) => this.request('POST', url, body ?? {});
  put = (url: string, body?: unknown) => this.request('PUT', url, body ?? {});
  patch = (url: string, body?: unknown) => this.request('PATCH', url, body ?? {});
  delete = (url: string) => this.request('DELETE', url);

  /** Sends one file as a browser's form would (multipart/form-data, field "file"). */
  upload(url: string, filename: string, content: Buffer, contentType = 'application/octet-stream') {
    const { body, type } = multipart(filename, content, contentType);
    return this.request('POST', url, body, { 'content-type': type });
  }
}

/** A multipart/form-data body with one file part. */
export function multipart(filename: string, content: Buffer, contentType = 'application/octet-stream') {
  const boundary = `----bureau${randomUUID().replaceAll('-', '')}`;
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename.replaceAll('"', '%22')}"\r\nContent-Type: ${contentType}\r\n\r\n`;
  return {
    body: Buffer.concat([Buffer.from(head, 'utf8'), content, Buffer.from(`\r\n--${boundary}--\r\n`)]),
    type: `multipart/form-data; boundary=${boundary}`,
  };
}

export function anonymous(app: FastifyInstance, headers: Record<string, string> = {}): Session {
  return new Session(app, null, null, headers);
}

export async function signIn(
  app: FastifyInstance,
  email: string,
  password = PASSWORD,
  headers: Record<string, string> = {},
): Promise<Session> {
  const session = anonymous(app, headers);
  const res = await session.post('/api/auth/sign-in', { email, password });
  if (res.statusCode !== 200) throw new Error(`sign-in of ${email} failed: ${res.statusCode} ${res.body}`);
  return session;
}

/**
 * A signed-in browser without the sign-in request: the session row, cookie and CSRF token the sign-in route would
 * give, opened by the same SessionService in the context named — for tests about what a session may do, not how one
 * is obtained (no argon2 verify, no audit entry, no new-address alert).
 */
export async function openSession(
  t: { app: FastifyInstance; db: Database },
  user: { id: string },
  context: { officeId: string; companyId: string | null },
): Promise<Session> {
  const origin = { ip: '127.0.0.1', userAgent: 'lightMyRequest', requestId: null, locale: 'en' as const };
  const opened = await t.db.inTenant({ officeId: context.officeId, userId: user.id }, (tx) =>
    t.app.services.sessions.open(tx, {
      userId: user.id,
      officeId: context.officeId,
      companyId: context.companyId,
      origin,
    }),
  );
  return new Session(t.app, `${SECURE_COOKIE}=${opened.token}`, opened.csrfToken);
}
