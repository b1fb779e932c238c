// The gateway checks every socket of a batch at once (one query for the sessions, one per kind of
// person for what each may see): each socket must still get exactly what its person may read — the
// same answer the API gives them — and a change to one person stops only that person, at once.
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import {
  createTestApp,
  signIn,
  type Session,
  type TestCompany,
  type TestOffice,
  type TestUser,
} from '../../../test/harness.js';

type Event = { id: number; type: string; conversationId?: string; message?: { body: string } };

class Socket {
  readonly events: Event[] = [];
  closed: number | null = null;
  constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => this.events.push(JSON.parse(String(data))));
    ws.on('close', (code) => (this.closed = code));
  }
  async waitFor(match: (e: Event) => boolean, timeoutMs = 5000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!this.events.some(match)) {
      if (Date.now() > deadline)
        throw new Error(`no matching event; got ${JSON.stringify(this.events.map((e) => e.type))}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }
  conversations = () => [...new Set(this.events.flatMap((e) => (e.conversationId ? [e.conversationId] : [])))].sort();
  bodies = () => this.events.flatMap((e) => (e.type === 'message.created' && e.message ? [e.message.body] : []));
}

describe('realtime fan-out to many people at once', () => {
  let t: Awaited<ReturnType<typeof createTestApp>>;
  let port: number;
  let office: TestOffice;
  let x: TestCompany;
  let y: TestCompany;
  let people: Record<
    'owner' | 'assigned' | 'unassigned' | 'full1' | 'full2' | 'limited' | 'other',
    { user: TestUser; browser: Session }
  >;
  const sockets: Socket[] = [];

  const open = async (session: Session) => {
    const socket = new Socket(
      new WebSocket(`ws://localhost:${port}/api/ws`, {
        headers: { cookie: session.cookie!, origin: 'http://localhost:3000' },
      }),
    );
    sockets.push(socket);
    await socket.waitFor((e) => e.type === 'hello');
    return socket;
  };

  beforeAll(async () => {
    t = await createTestApp();
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    port = (t.app.server.address() as AddressInfo).port;
    office = await t.factories.office({ restrictEmployees: true });
    x = await t.factories.company(office);
    y = await t.factories.company(office);
    const assigned = await t.factories.staff(office, { specialties: ['accounting'] });
    await t.factories.assign(x, assigned, 'accounting');
    const users = {
      owner: office.owner,
      assigned,
      unassigned: await t.factories.staff(office, { specialties: ['accounting'] }),
      full1: await t.factories.clientUser(x),
      full2: await t.factories.clientUser(x),
      limited: await t.factories.clientUser(x, { access: 'limited' }),
      other: await t.factories.clientUser(y),
    };
    people = Object.fromEntries(
      await Promise.all(
        Object.entries(users).map(async ([key, user]) => [key, { user, browser: await signIn(t.app, user.email) }]),
      ),
    ) as typeof people;
  });
  afterAll(async () => {
    for (const s of sockets) s.ws.close();
    await t.close();
  });

  it('sends each socket exactly the conversations its person may read, and stops only whoever changed', async () => {
    const owner = await open(people.owner.browser);
    const assigned = await open(people.assigned.browser);
    const unassigned = await open(people.unassigned.browser);
    const full1 = [await open(people.full1.browser), await open(people.full1.browser)];
    const full2 = await open(people.full2.browser);
    const limited = await open(people.limited.browser);
    const other = await open(people.other.browser);

    const channel = async (browser: Session) =>
      (await browser.get('/api/channels')).json().items.find((c: { key: string }) => c.key === 'accounting')
        .id as string;
    const start = async (browser: Session, body: Record<string, unknown>) =>
      (
        await browser.post('/api/conversations', {
          clientId: randomUUID(),
          channelId: await channel(browser),
          subject: 'Fan-out',
          body: 'Dzień dobry',
          ...body,
        })
      ).json().id as string;
    const open1 = await start(people.full1.browser, { visibility: 'company' });
    const private2 = await start(people.limited.browser, { visibility: 'private' });
    const other3 = await start(people.other.browser, { visibility: 'company' });
    await owner.waitFor((e) => e.conversationId === other3 && e.type === 'message.created');

    const expected = new Map<Socket, string[]>([
      [owner, [open1, private2, other3]],
      [assigned, [open1, private2]],
      [unassigned, []],
      [full1[0]!, [open1]],
      [full1[1]!, [open1]],
      [full2, [open1]],
      [limited, [private2]],
      [other, [other3]],
    ]);
    for (const [socket, ids] of expected)
      if (ids.length > 0) await socket.waitFor((e) => e.conversationId === ids.at(-1) && e.type === 'message.created');
    await new Promise((r) => setTimeout(r, 300));
    for (const [socket, ids] of expected) expect(socket.conversations()).toEqual([...ids].sort());

    // The same answer as the API's, person by person.
    const sockets = {
      owner: [owner],
      assigned: [assigned],
      unassigned: [unassigned],
      full1,
      full2: [full2],
      limited: [limited],
      other: [other],
    };
    for (const [key, { browser }] of Object.entries(people)) {
      for (const id of [open1, private2, other3]) {
        const readable = (await browser.get(`/api/conversations/${id}`)).statusCode === 200;
        for (const socket of sockets[key as keyof typeof sockets])
          expect(socket.conversations().includes(id)).toBe(readable);
      }
    }
    // Each event once per socket.
    for (const socket of expected.keys())
      expect(new Set(socket.events.map((e) => e.id)).size).toBe(socket.events.length);

    // One person signs out, another is unassigned: the next message stops exactly at them.
    await people.full2.browser.post('/api/auth/sign-out');
    const ownerBrowser = people.owner.browser;
    await ownerBrowser.put(`/api/companies/${x.id}/assignments`, { items: [] });
    await people.full1.browser.post(`/api/conversations/${open1}/messages`, {
      clientId: randomUUID(),
      body: 'Po zmianach',
    });
    for (const socket of [owner, ...full1]) await socket.waitFor((e) => e.message?.body === 'Po zmianach');
    await new Promise((r) => setTimeout(r, 500));
    expect(full2.closed).toBe(4401);
    expect(full2.bodies()).not.toContain('Po zmianach');
    expect(assigned.bodies()).not.toContain('Po zmianach');
    expect(assigned.closed).toBeNull();
    expect(limited.bodies()).not.toContain('Po zmianach');
  });
});
