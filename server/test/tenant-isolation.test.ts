// The second wall: row-level security limits the application role to the office named for the
// transaction, whatever the query forgets, and the audit log is append-only. These tests talk to
// the database directly, with the application's own pool (role bureau_app), not through the API.
import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, companies, users } from '../src/db/schema.js';
import { createTestDatabase } from './database.js';
import { Factories, makeNip, type TestCompany, type TestOffice, type TestUser } from './harness.js';

/** The PostgreSQL error behind a failed query (drizzle wraps it as the `cause`). */
async function pgError(query: Promise<unknown>): Promise<{ code?: string; message: string }> {
  try {
    await query;
  } catch (err) {
    const cause = (err as { cause?: { code?: string; message: string } }).cause;
    return cause ?? (err as { code?: string; message: string });
  }
  throw new Error('the query was expected to fail');
}

describe('row-level security and the append-only audit log', () => {
  let t: Awaited<ReturnType<typeof createTestDatabase>>;
  let owner: pg.Client;
  let officeA: TestOffice;
  let officeB: TestOffice;
  let companyA: TestCompany;
  let companyB: TestCompany;
  let employeeA: TestUser;
  let clientA: TestUser;
  let clientB: TestUser;

  beforeAll(async () => {
    t = await createTestDatabase();
    // The owner (migration) role sees the catalogue whatever the application role is granted.
    owner = new pg.Client({ connectionString: t.url });
    await owner.connect();
    const f = new Factories(t.db);
    officeA = await f.office();
    officeB = await f.office();
    companyA = await f.company(officeA);
    await f.company(officeA);
    companyB = await f.company(officeB);
    employeeA = await f.staff(officeA);
    clientA = await f.clientUser(companyA);
    clientB = await f.clientUser(companyB);
  });
  afterAll(async () => {
    await owner?.end();
    await t?.drop();
  });

  /** The office of every company row a query without a WHERE returns in the tenant. */
  const officesOfVisibleCompanies = (officeId: string) =>
    t.db.inTenant({ officeId }, async (tx) =>
      (await tx.select({ id: companies.id, officeId: companies.officeId }).from(companies)).map((c) => c.officeId),
    );

  it('runs the application as bureau_app, which cannot bypass row-level security', async () => {
    const { rows } = await t.db.app.execute<{ current_user: string; rolbypassrls: boolean }>(
      sql`SELECT current_user, rolbypassrls FROM pg_roles WHERE rolname = current_user`,
    );
    expect(rows).toEqual([{ current_user: 'bureau_app', rolbypassrls: false }]);
    // A table owner is exempt from its own policies (without FORCE): the app role must own none.
    const owned = await owner.query(
      `SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tableowner = 'bureau_app'`,
    );
    expect(owned.rows).toEqual([]);
  });

  it('logs the application in as bureau_app itself, so no query can SET ROLE its way out', async () => {
    const { rows } = await t.db.app.execute<{ session_user: string; rolsuper: boolean }>(
      sql`SELECT session_user, rolsuper FROM pg_roles WHERE rolname = session_user`,
    );
    expect(rows).toEqual([{ session_user: 'bureau_app', rolsuper: false }]);
    const escape = t.db.app.transaction(async (tx) => {
      await tx.execute(sql`SET LOCAL ROLE postgres`);
    });
    await expect(escape).rejects.toThrow();
  });

  it("returns only the tenant's own companies from a query without a WHERE", async () => {
    const inA = await officesOfVisibleCompanies(officeA.id);
    expect(inA).toHaveLength(2);
    expect(new Set(inA)).toEqual(new Set([officeA.id]));
    expect(await officesOfVisibleCompanies(officeB.id)).toEqual([officeB.id]);
  });

  it('returns no office rows without a tenant', async () => {
    expect(await t.db.anonymous((tx) => tx.select().from(companies))).toEqual([]);
    expect(await t.db.anonymous((tx) => tx.select().from(auditLog))).toEqual([]);
    expect(await t.db.anonymous((tx) => tx.select().from(users))).toEqual([]);
  });

  it("refuses to write a row for another office inside a tenant's transaction", async () => {
    const insert = t.db.inTenant({ officeId: officeA.id }, (tx) =>
      tx.insert(companies).values({
        id: randomUUID(),
        officeId: officeB.id,
        name: 'Smuggled Sp. z o.o.',
        country: 'PL',
        taxId: makeNip(4242),
      }),
    );
    expect((await pgError(insert)).message).toMatch(/row-level security/);
    // Nor move one of its own rows to another office.
    const move = t.db.inTenant({ officeId: officeA.id }, (tx) =>
      tx.update(companies).set({ officeId: officeB.id }).where(eq(companies.id, companyA.id)),
    );
    expect((await pgError(move)).message).toMatch(/row-level security/);
    // And another office's rows are out of reach of UPDATE and DELETE (zero rows, not an error).
    const renamed = await t.db.inTenant({ officeId: officeA.id }, (tx) =>
      tx
        .update(companies)
        .set({ name: 'Taken over' })
        .where(eq(companies.id, companyB.id))
        .returning({ id: companies.id }),
    );
    expect(renamed).toEqual([]);
    expect(await officesOfVisibleCompanies(officeB.id)).toEqual([officeB.id]);
  });

  it('lets the application append to the audit log but never change or delete an entry', async () => {
    const entry = { officeId: officeA.id, action: 'test.appended', objectType: 'test', objectId: null };
    await t.db.inTenant({ officeId: officeA.id }, (tx) => tx.insert(auditLog).values(entry));
    const [row] = await t.db.inTenant({ officeId: officeA.id }, (tx) =>
      tx.select().from(auditLog).where(eq(auditLog.action, 'test.appended')),
    );
    expect(row).toMatchObject(entry);

    const update = await pgError(
      t.db.inTenant({ officeId: officeA.id }, (tx) => tx.execute(sql`UPDATE audit_log SET action = 'test.rewritten'`)),
    );
    expect(update).toMatchObject({ code: '42501', message: expect.stringMatching(/permission denied/) });
    const remove = await pgError(
      t.db.inTenant({ officeId: officeA.id }, (tx) => tx.execute(sql`DELETE FROM audit_log`)),
    );
    expect(remove).toMatchObject({ code: '42501', message: expect.stringMatching(/permission denied/) });
    const truncate = await pgError(
      t.db.inTenant({ officeId: officeA.id }, (tx) => tx.execute(sql`TRUNCATE audit_log`)),
    );
    expect(truncate).toMatchObject({ code: '42501' });
    // Appending for another office is refused too.
    const foreign = t.db.inTenant({ officeId: officeA.id }, (tx) =>
      tx.insert(auditLog).values({ ...entry, officeId: officeB.id }),
    );
    expect((await pgError(foreign)).message).toMatch(/row-level security/);

    const after = await t.db.inTenant({ officeId: officeA.id }, (tx) =>
      tx.select().from(auditLog).where(eq(auditLog.id, row!.id)),
    );
    expect(after).toEqual([row]);
  });

  it("shows an office only its own people: its staff and its clients' users, never another office's", async () => {
    const visible = await t.db.inTenant({ officeId: officeA.id }, async (tx) =>
      (await tx.select({ id: users.id }).from(users)).map((u) => u.id),
    );
    expect(visible).toEqual(expect.arrayContaining([officeA.owner.id, employeeA.id, clientA.id]));
    expect(visible).not.toContain(officeB.owner.id);
    expect(visible).not.toContain(clientB.id);
    // A person is visible to themself whatever the office (app.user_id), which sign-in relies on.
    const self = await t.db.inTenant({ officeId: officeA.id, userId: clientB.id }, (tx) =>
      tx.select({ id: users.id }).from(users).where(eq(users.id, clientB.id)),
    );
    expect(self).toEqual([{ id: clientB.id }]);
  });

  it('enables row-level security, with a policy, on every table that holds office data', async () => {
    const { rows } = await owner.query<{ table_name: string; rls: boolean; policies: number }>(`
      SELECT c.table_name,
             cls.relrowsecurity AS rls,
             (SELECT count(*)::int FROM pg_policies p WHERE p.schemaname = 'public' AND p.tablename = c.table_name) AS policies
        FROM information_schema.columns c
        JOIN pg_class cls ON cls.relname = c.table_name AND cls.relnamespace = 'public'::regnamespace
       WHERE c.table_schema = 'public' AND c.column_name = 'office_id'
       ORDER BY c.table_name`);
    expect(rows.map((r) => r.table_name)).toEqual(
      expect.arrayContaining(['companies', 'audit_log', 'sessions', 'staff_members']),
    );
    expect(rows.filter((r) => !r.rls || r.policies === 0)).toEqual([]);
  });

  it('leaves the application role no table it may touch without row-level security and a policy', async () => {
    // offices (keyed by id) and users (global people) are guarded by their own policies; instance_settings by a policy
    // naming the settings the application uses; the sign-in throttle by having no grant at all (functions only).
    const { rows } = await owner.query<{ relname: string; granted: boolean; secured: boolean }>(`
      SELECT relname,
             has_table_privilege('bureau_app', oid, 'SELECT, INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER') AS granted,
             relrowsecurity AND EXISTS (SELECT 1 FROM pg_policies p WHERE p.schemaname = 'public' AND p.tablename = relname) AS secured
        FROM pg_class
       WHERE relnamespace = 'public'::regnamespace AND relkind IN ('r', 'p')
       ORDER BY relname`);
    expect(rows.filter((r) => r.granted && !r.secured).map((r) => r.relname)).toEqual([]);
    expect(rows.find((r) => r.relname === 'auth_throttle')).toMatchObject({ granted: false });
    expect(rows.find((r) => r.relname === 'instance_settings')).toMatchObject({ granted: true, secured: true });
  });

  it('keeps the sign-in throttle out of reach: no listing, no clearing, only questions about known keys', async () => {
    const account = `acct:${'a'.repeat(64)}`;
    for (const query of [
      sql`SELECT * FROM auth_throttle`,
      sql`DELETE FROM auth_throttle`,
      sql`UPDATE auth_throttle SET blocked_until = NULL`,
      sql`INSERT INTO auth_throttle (key) VALUES ('ip:203.0.113.9')`,
    ]) {
      expect(await pgError(t.db.anonymous((tx) => tx.execute(query)))).toMatchObject({ code: '42501' });
    }
    // What sign-in does: count failures for a key (the second within the window reaches a limit of 1), ask whether
    // it is blocked, clear it.
    const fail = (key: string) =>
      t.db.anonymous((tx) => tx.execute(sql`SELECT bureau_throttle_fail(${key}, 1, 60, 60)`));
    const blocked = async (key: string) =>
      (
        await t.db.anonymous((tx) =>
          tx.execute<{ s: number | null }>(sql`SELECT bureau_throttle_blocked_seconds(ARRAY[${key}]::text[]) AS s`),
        )
      ).rows[0]!.s;
    await fail(account);
    expect(await blocked(account)).toBeNull();
    await fail(account);
    expect(await blocked(account)).toBeGreaterThan(0);
    await t.db.anonymous((tx) => tx.execute(sql`SELECT bureau_throttle_clear_account(${account})`));
    expect(await blocked(account)).toBeNull();
    // A prefix that names no account would clear everyone's counters: refused.
    await fail(account);
    await fail(account);
    const everyone = await pgError(
      t.db.anonymous((tx) => tx.execute(sql`SELECT bureau_throttle_clear_account('acct:')`)),
    );
    expect(everyone.message).toMatch(/not an account's prefix/);
    expect(await blocked(account)).toBeGreaterThan(0);
  });

  it('lets the application read and add only its own instance settings, and change or delete none', async () => {
    await owner.query(`INSERT INTO instance_settings (name, value) VALUES ('operator_note', '{"secret": true}')`);
    const names = await t.db.anonymous(async (tx) =>
      (await tx.execute<{ name: string }>(sql`SELECT name FROM instance_settings`)).rows.map((r) => r.name),
    );
    expect(names).not.toContain('operator_note');
    const smuggled = await pgError(
      t.db.anonymous((tx) => tx.execute(sql`INSERT INTO instance_settings (name, value) VALUES ('other', '{}')`)),
    );
    expect(smuggled.message).toMatch(/row-level security/);
    await t.db.anonymous((tx) =>
      tx.execute(
        sql`INSERT INTO instance_settings (name, value) VALUES ('vapid', '{"publicKey": "k"}') ON CONFLICT DO NOTHING`,
      ),
    );
    expect(
      (await t.db.anonymous((tx) => tx.execute(sql`SELECT name FROM instance_settings WHERE name = 'vapid'`))).rows,
    ).toHaveLength(1);
    for (const query of [
      sql`UPDATE instance_settings SET value = '{}' WHERE name = 'vapid'`,
      sql`DELETE FROM instance_settings`,
      sql`TRUNCATE instance_settings`,
    ]) {
      expect(await pgError(t.db.anonymous((tx) => tx.execute(query)))).toMatchObject({ code: '42501' });
    }
    expect((await owner.query(`SELECT name FROM instance_settings ORDER BY name`)).rows.map((r) => r.name)).toEqual([
      'operator_note',
      'vapid',
    ]);
  });
});
