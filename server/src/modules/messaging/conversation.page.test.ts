// The inbox counts its conversations in the same statement as it reads a page: the total must be the
// same on every page, past the last one, under every filter and for every kind of person.
import { randomUUID } from 'node:crypto';
import { beforeAll, afterAll, describe, expect, it } from 'vitest';
import { createTestApp, signIn, type Session } from '../../../test/harness.js';

describe('inbox pages and totals', () => {
  let t: Awaited<ReturnType<typeof createTestApp>>;
  let owner: Session;
  let restricted: Session;
  let clientA: Session;
  let companyA: string;

  beforeAll(async () => {
    t = await createTestApp();
    const office = await t.factories.office({ restrictEmployees: true });
    const a = await t.factories.company(office);
    const b = await t.factories.company(office);
    companyA = a.id;
    const employee = await t.factories.staff(office, { specialties: ['accounting'] });
    await t.factories.assign(a, employee, 'accounting');
    owner = await signIn(t.app, office.owner.email);
    restricted = await signIn(t.app, employee.email);
    clientA = await signIn(t.app, (await t.factories.clientUser(a)).email);
    const clientB = await signIn(t.app, (await t.factories.clientUser(b)).email);
    const channel = (await clientA.get('/api/channels'))
      .json()
      .items.find((c: { key: string }) => c.key === 'accounting').id;
    const start = async (browser: Session, subject: string) =>
      (
        await browser.post('/api/conversations', {
          clientId: randomUUID(),
          channelId: channel,
          visibility: 'company',
          subject,
          body: 'Dzień dobry',
        })
      ).json().id as string;
    for (let i = 0; i < 3; i++) await start(clientA, `A${i}`);
    for (let i = 0; i < 2; i++) await start(clientB, `B${i}`);
    const closed = await start(clientA, 'A closed');
    await clientA.post(`/api/conversations/${closed}/close`);
  });
  afterAll(() => t.close());

  const list = async (browser: Session, query: string) =>
    (await browser.get(`/api/conversations?${query}`)).json() as { items: { subject: string }[]; total: number };

  it('gives the same total on every page and past the last one', async () => {
    const pages = await Promise.all([1, 2, 3, 4, 9].map((page) => list(owner, `pageSize=2&page=${page}`)));
    expect(pages.map((p) => p.total)).toEqual([6, 6, 6, 6, 6]);
    expect(pages.map((p) => p.items.length)).toEqual([2, 2, 2, 0, 0]);
    expect(new Set(pages.flatMap((p) => p.items.map((i) => i.subject))).size).toBe(6);
  });

  it('counts under filters, and for people who see part of the office', async () => {
    expect((await list(owner, 'status=closed')).total).toBe(1);
    expect((await list(owner, 'status=closed&page=2')).total).toBe(1);
    expect((await list(owner, `companyId=${companyA}&pageSize=1&page=3`)).total).toBe(4);
    expect((await list(owner, 'needsAction=true&pageSize=1')).total).toBe(5);
    expect(await list(restricted, 'pageSize=1&page=2')).toMatchObject({ total: 4, items: [{}] });
    expect(await list(restricted, 'pageSize=10&page=2')).toMatchObject({ total: 4, items: [] });
    expect((await list(clientA, 'pageSize=1&page=7')).total).toBe(4);
    expect(await list(clientA, 'status=open&page=1')).toMatchObject({ total: 3 });
  });

  it('answers 0 for an empty inbox, on any page', async () => {
    expect(await list(owner, 'status=closed&companyId=00000000-0000-4000-8000-000000000000')).toEqual(
      expect.objectContaining({ items: [], total: 0 }),
    );
    expect(await list(owner, 'status=closed&companyId=00000000-0000-4000-8000-000000000000&page=3')).toEqual(
      expect.objectContaining({ items: [], total: 0 }),
    );
  });
});
