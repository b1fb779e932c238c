// The authorization matrix for setup, the office, its staff, companies and the audit log; and the finer rules of
// company lists (restricted employees, client users, another office).
import { isNull } from 'drizzle-orm';
import { expect, beforeAll, describe, it } from 'vitest';
import { companies } from '../../src/db/schema.js';
import { auditRows } from './audit.rows.js';
import { tenancyRows } from './tenancy.rows.js';
import { describeMatrix, type ActorName, type MatrixContext } from './world.js';

describeMatrix('tenancy and audit', { ...tenancyRows, ...auditRows }, (context) => {
  let t: MatrixContext['t'];
  let w: MatrixContext['w'];
  let sessions: MatrixContext['sessions'];
  let setRestrictEmployees: MatrixContext['setRestrictEmployees'];
  beforeAll(() => {
    ({ t, w, sessions, setRestrictEmployees } = context());
  });

  describe('company lists', () => {
    const listIds = async (actor: ActorName) => {
      const res = await (await sessions.copy(actor)).get('/api/companies?pageSize=100');
      expect(res.statusCode, res.body).toBe(200);
      const body = res.json() as { items: { id: string }[]; total: number };
      expect(body.total).toBe(body.items.length);
      return body.items.map((c) => c.id).sort();
    };
    const officeCompanyIds = async (officeId: string) =>
      (
        await t.db.inTenant({ officeId }, (tx) =>
          tx.select({ id: companies.id }).from(companies).where(isNull(companies.deletedAt)),
        )
      )
        .map((c) => c.id)
        .sort();

    it('shows an employee every company of the office while employees are not restricted', async () => {
      const all = await officeCompanyIds(w.officeA.id);
      expect(all).toEqual(expect.arrayContaining([w.X.id, w.Y.id]));
      expect(await listIds('unassignedEmployee')).toEqual(all);
      expect(await listIds('assignedEmployee')).toEqual(all);
    });

    it('shows a restricted employee only the companies assigned to them, and hides the others by id', async () => {
      await setRestrictEmployees(true);
      try {
        expect(await listIds('unassignedEmployee')).toEqual([]);
        expect(await listIds('assignedEmployee')).toEqual([w.X.id]);
        const res = await (await sessions.copy('unassignedEmployee')).get(`/api/companies/${w.X.id}`);
        expect(res.statusCode).toBe(404);
        expect(await listIds('admin')).toEqual(await officeCompanyIds(w.officeA.id));
      } finally {
        await setRestrictEmployees(false);
      }
    });

    it('refuses the company list to client users', async () => {
      for (const actor of ['fullClient', 'limitedClient', 'otherCompanyClient'] as const) {
        const res = await (await sessions.copy(actor)).get('/api/companies');
        expect(res.statusCode, actor).toBe(403);
        expect(res.json().error.code).toBe('forbidden');
      }
    });

    it('never lists or searches office A companies for staff of another office', async () => {
      const ids = await listIds('otherOfficeStaff');
      expect(ids).toContain(w.companyB.id);
      const officeA = await officeCompanyIds(w.officeA.id);
      expect(ids.filter((id) => officeA.includes(id))).toEqual([]);
      const search = await (
        await sessions.copy('otherOfficeStaff')
      ).get(`/api/companies?search=${encodeURIComponent(w.X.name.slice(0, 12))}`);
      expect(search.json().items.map((c: { id: string }) => c.id)).not.toContain(w.X.id);
    });
  });

  describe('finer rules', () => {
    it('lets a full-access client change contact data but not the name or tax id', async () => {
      const client = await sessions.copy('fullClient');
      const res = await client.patch(`/api/companies/${w.X.id}`, { name: 'Renamed by the client' });
      expect(res.statusCode).toBe(403);
      expect((await client.get(`/api/companies/${w.X.id}`)).json()).toMatchObject({
        name: w.X.name,
        permissions: {
          update: false,
          updateProfile: true,
          setStatus: false,
          manageUsers: false,
          manageAssignments: false,
        },
      });
    });

    it("answers another office's staff with their own office and staff, never office A's", async () => {
      const other = await sessions.copy('otherOfficeStaff');
      expect((await other.get('/api/office')).json().id).toBe(w.officeB.id);
      const staff = (await other.get('/api/staff')).json().items.map((s: { userId: string }) => s.userId);
      expect(staff).toContain(w.officeB.owner.id);
      expect(staff).not.toContain(w.officeA.owner.id);
      expect(staff).not.toContain(w.assignedEmployee.id);
    });
  });
});
