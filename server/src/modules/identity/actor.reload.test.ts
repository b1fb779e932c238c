// reloadActors (the realtime gateway's check of every socket in one query) must decide exactly what
// SessionService.resolve / resolveApiToken decide for one request, in every state a person can be in.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestApp,
  signIn,
  type Session,
  type TestCompany,
  type TestOffice,
  type TestUser,
} from '../../../test/harness.js';
import type { Actor, RequestOrigin } from './actor.js';
import { reloadActors, settleReload } from './actor.reload.js';

const origin: RequestOrigin = { ip: '127.0.0.1', userAgent: 'vitest', requestId: 'req-1', locale: 'en' };
const tokenOf = (session: Session) => session.cookie!.split('=')[1]!;

describe('reloadActors', () => {
  let t: Awaited<ReturnType<typeof createTestApp>>;
  let owner: pg.Client;
  let office: TestOffice;
  let company: TestCompany;
  let employee: TestUser;
  let client: TestUser;

  beforeAll(async () => {
    t = await createTestApp();
    owner = new pg.Client({ connectionString: t.url });
    await owner.connect();
    office = await t.factories.office();
    company = await t.factories.company(office);
    employee = await t.factories.staff(office, { specialties: ['payroll'] });
    client = await t.factories.clientUser(company);
  });
  afterAll(async () => {
    await owner.end();
    await t.close();
  });

  const resolve = (session: Session) => t.app.services.sessions.resolve(tokenOf(session), origin);
  /** What the gateway does for a batch: check everyone, then (after sending) settle. */
  const reload = (actors: Actor[]) =>
    t.db.inTenant({ officeId: office.id }, async (tx) => {
      const result = await reloadActors(tx, office.id, actors);
      await settleReload(tx, office.id, result);
      return result.actors;
    });
  const sessionExists = async (actor: Actor) =>
    (await owner.query('SELECT 1 FROM sessions WHERE id = $1', [actor.sessionId])).rowCount === 1;

  it('gives, for many people at once, the actors a request of each would get', async () => {
    const browsers = [
      await signIn(t.app, office.owner.email),
      await signIn(t.app, employee.email),
      await signIn(t.app, client.email),
    ];
    const actors = (await Promise.all(browsers.map(resolve))) as Actor[];
    expect(actors.map((a) => a.kind)).toEqual(['staff', 'staff', 'client']);
    expect(await reload(actors)).toEqual(actors);
    // The same person twice (two tabs), in any order.
    expect(await reload([actors[2]!, actors[0]!, actors[2]!])).toEqual([actors[2], actors[0], actors[2]]);
  });

  it('follows what changed since: role, access, the office restricting employees', async () => {
    const staffBrowser = await signIn(t.app, employee.email);
    const clientBrowser = await signIn(t.app, client.email);
    const [staff, member] = (await Promise.all([resolve(staffBrowser), resolve(clientBrowser)])) as Actor[];
    await owner.query(`UPDATE staff_members SET role = 'admin' WHERE user_id = $1`, [employee.id]);
    await owner.query(`UPDATE offices SET restrict_employees = true WHERE id = $1`, [office.id]);
    await owner.query(`UPDATE company_users SET access = 'limited' WHERE user_id = $1`, [client.id]);
    try {
      const reloaded = await reload([staff!, member!]);
      expect(reloaded).toEqual([await resolve(staffBrowser), await resolve(clientBrowser)]);
      expect(reloaded[0]).toMatchObject({ role: 'admin', restrictEmployees: true });
      expect(reloaded[1]).toMatchObject({ access: 'limited' });
    } finally {
      await owner.query(`UPDATE staff_members SET role = 'employee' WHERE user_id = $1`, [employee.id]);
      await owner.query(`UPDATE offices SET restrict_employees = false WHERE id = $1`, [office.id]);
      await owner.query(`UPDATE company_users SET access = 'full' WHERE user_id = $1`, [client.id]);
    }
  });

  it('refuses a signed-out or expired session, and keeps the others', async () => {
    const [out, expired, kept] = [
      await signIn(t.app, employee.email),
      await signIn(t.app, employee.email),
      await signIn(t.app, client.email),
    ];
    const actors = (await Promise.all([out, expired, kept].map(resolve))) as Actor[];
    await out.post('/api/auth/sign-out');
    await owner.query(`UPDATE sessions SET expires_at = now() - interval '1 second' WHERE id = $1`, [
      actors[1]!.sessionId,
    ]);
    expect(await reload(actors)).toEqual([null, null, actors[2]]);
    expect(await resolve(expired)).toBeNull();
    // Like resolve: an expired session is left for the sweep, not deleted here.
    expect(await sessionExists(actors[1]!)).toBe(true);
  });

  it('refuses, and ends the session of, a disabled employee, a member removed or of a deactivated company', async () => {
    const disabledStaff = await t.factories.staff(office);
    const removedClient = await t.factories.clientUser(company);
    const otherCompany = await t.factories.company(office);
    const inactiveClient = await t.factories.clientUser(otherCompany);
    const browsers = [
      await signIn(t.app, disabledStaff.email),
      await signIn(t.app, removedClient.email),
      await signIn(t.app, inactiveClient.email),
      await signIn(t.app, client.email),
    ];
    const actors = (await Promise.all(browsers.map(resolve))) as Actor[];
    await owner.query(`UPDATE staff_members SET disabled_at = now() WHERE user_id = $1`, [disabledStaff.id]);
    await owner.query(`DELETE FROM company_users WHERE user_id = $1`, [removedClient.id]);
    await owner.query(`UPDATE companies SET status = 'inactive' WHERE id = $1`, [otherCompany.id]);
    expect(await reload(actors)).toEqual([null, null, null, actors[3]]);
    const exist = [];
    for (const actor of actors) exist.push(await sessionExists(actor));
    expect(exist).toEqual([false, false, false, true]);
    expect(await Promise.all(browsers.map(resolve))).toEqual([null, null, null, actors[3]]);
  });

  it('checks API tokens too: valid until revoked', async () => {
    const browser = await signIn(t.app, employee.email);
    const created = (await browser.post('/api/me/api-tokens', { name: 'sync agent' })).json() as {
      id: string;
      token: string;
    };
    const actor = (await t.app.services.sessions.resolveApiToken(created.token, origin))!;
    expect(actor).toMatchObject({ kind: 'staff', apiTokenId: created.id, sessionId: null });
    expect(await reload([actor])).toEqual([actor]);
    expect((await browser.delete(`/api/me/api-tokens/${created.id}`)).statusCode).toBe(204);
    expect(await reload([actor])).toEqual([null]);
  });

  it('marks a session still in use as seen, at most once a minute', async () => {
    const browser = await signIn(t.app, client.email);
    const actor = (await resolve(browser))!;
    await owner.query(`UPDATE sessions SET last_seen_at = now() - interval '5 minutes' WHERE id = $1`, [
      actor.sessionId,
    ]);
    await reload([actor]);
    const { rows } = await owner.query<{ ago: number }>(
      `SELECT extract(epoch FROM now() - last_seen_at) AS ago FROM sessions WHERE id = $1`,
      [actor.sessionId],
    );
    expect(Number(rows[0]!.ago)).toBeLessThan(60);
  });
});
