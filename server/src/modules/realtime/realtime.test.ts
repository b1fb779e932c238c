import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { buildApp } from '../../app.js';
import { loadConfig } from '../../config.js';
import { Database } from '../../db/database.js';
import { EVENTS_CHANNEL } from './event-bus.js';
import { insertEvent } from './events.repository.js';
import {
  TEST_SECRET_KEY,
  createTestApp,
  signIn,
  type Session,
  type TestCompany,
  type TestOffice,
  type TestUser,
} from '../../../test/harness.js';

type Event = {
  id: number;
  type: string;
  conversationId?: string;
  message?: { body: string; seq: number; author: Record<string, unknown> } & Record<string, unknown>;
  lastEventId?: number;
};

/** A browser's WebSocket: collects events, resolves waits for the ones a test expects. */
class Socket {
  readonly events: Event[] = [];
  closed: { code: number } | null = null;
  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => this.events.push(JSON.parse(String(data))));
    ws.on('close', (code) => (this.closed = { code }));
  }

  static async open(
    port: number,
    session: Session,
    options: { after?: number; origin?: string } = {},
  ): Promise<Socket> {
    const ws = new WebSocket(
      `ws://localhost:${port}/api/ws${options.after !== undefined ? `?after=${options.after}` : ''}`,
      {
        headers: { cookie: session.cookie!, origin: options.origin ?? 'http://localhost:3000' },
      },
    );
    const socket = new Socket(ws);
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
      ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    });
    await socket.waitFor((e) => e.type === 'hello');
    return socket;
  }

  async waitFor(match: (e: Event) => boolean, timeoutMs = 5000): Promise<Event> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.events.find(match);
      if (found) return found;
      if (Date.now() > deadline)
        throw new Error(`no matching event; got ${JSON.stringify(this.events.map((e) => e.type))}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  /** Waits a moment and returns the events matching (to prove something did NOT arrive). */
  async settle(match: (e: Event) => boolean, ms = 700): Promise<Event[]> {
    await new Promise((r) => setTimeout(r, ms));
    return this.events.filter(match);
  }

  close() {
    this.ws.close();
  }
}

describe('realtime', () => {
  let t: Awaited<ReturnType<typeof createTestApp>>;
  let second: { app: Awaited<ReturnType<typeof buildApp>>; db: Database };
  let portA: number;
  let portB: number;
  let office: TestOffice;
  let company: TestCompany;
  let accountant: TestUser;
  let client: TestUser;
  let accountantBrowser: Session;
  let clientBrowser: Session;
  let accounting: string;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    t = await createTestApp();
    // A second instance of the portal on the same database, as behind a load balancer.
    const config = loadConfig({
      PUBLIC_URL: 'http://localhost:3000',
      LOG_LEVEL: 'silent',
      DATABASE_URL: t.url,
      BUREAU_SECRET_KEY: TEST_SECRET_KEY,
    });
    const db = await Database.connect(t.url, { maxConnections: 5 });
    second = { app: await buildApp(config, db, { logger: false }), db };
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    await second.app.listen({ port: 0, host: '127.0.0.1' });
    portA = (t.app.server.address() as AddressInfo).port;
    portB = (second.app.server.address() as AddressInfo).port;
    office = await t.factories.office();
    company = await t.factories.company(office);
    accountant = await t.factories.staff(office, { specialties: ['accounting'] });
    await t.factories.assign(company, accountant, 'accounting');
    client = await t.factories.clientUser(company);
    accountantBrowser = await signIn(t.app, accountant.email);
    clientBrowser = await signIn(t.app, client.email);
    accounting = (await clientBrowser.get('/api/channels'))
      .json()
      .items.find((c: { key: string }) => c.key === 'accounting').id;
  });
  afterAll(async () => {
    for (const s of sockets) s.close();
    await second.app.close();
    await second.db.close();
    await t.close();
  });

  const open = async (port: number, session: Session, options?: { after?: number; origin?: string }) => {
    const socket = await Socket.open(port, session, options);
    sockets.push(socket);
    return socket;
  };
  const startConversation = async () =>
    (
      await clientBrowser.post('/api/conversations', {
        clientId: randomUUID(),
        channelId: accounting,
        visibility: 'company',
        subject: 'Realtime',
        body: 'Dzień dobry',
      })
    ).json();

  it('delivers a message sent through one instance to a browser connected to another', async () => {
    const watcher = await open(portB, accountantBrowser);
    const conversation = await startConversation();
    const started = await watcher.waitFor((e) => e.type === 'message.created' && e.conversationId === conversation.id);
    expect(started.message).toMatchObject({ seq: 1, body: 'Dzień dobry' });
    await clientBrowser.post(`/api/conversations/${conversation.id}/messages`, {
      clientId: randomUUID(),
      body: 'Czy coś jeszcze?',
    });
    const next = await watcher.waitFor((e) => e.type === 'message.created' && e.message?.seq === 2);
    expect(next.message?.body).toBe('Czy coś jeszcze?');
    await accountantBrowser.post(`/api/conversations/${conversation.id}/read`, { seq: 2 });
    const clientSocket = await open(portA, clientBrowser, { after: next.id - 1 });
    await clientSocket.waitFor((e) => e.type === 'read.updated' && e.conversationId === conversation.id);
  });

  it('catches a reconnecting browser up from its last event: nothing missed, nothing doubled', async () => {
    const first = await open(portA, accountantBrowser);
    const conversation = await startConversation();
    const seen = await first.waitFor((e) => e.type === 'message.created' && e.conversationId === conversation.id);
    first.close();
    for (const body of ['Pierwsza', 'Druga', 'Trzecia']) {
      await clientBrowser.post(`/api/conversations/${conversation.id}/messages`, { clientId: randomUUID(), body });
    }
    const again = await open(portB, accountantBrowser, { after: seen.id });
    await again.waitFor((e) => e.message?.body === 'Trzecia');
    const bodies = (
      await again.settle((e) => e.type === 'message.created' && e.conversationId === conversation.id)
    ).map((e) => e.message?.body);
    expect(bodies).toEqual(['Pierwsza', 'Druga', 'Trzecia']);
  });

  it('sends nothing about conversations the person may not see, and stops at once on unassignment or sign-out', async () => {
    const other = await t.factories.company(office);
    const otherClient = await t.factories.clientUser(other);
    const otherBrowser = await signIn(t.app, otherClient.email);
    const restricted = await t.factories.staff(office, { specialties: ['accounting'] });
    await t.factories.assign(company, restricted, 'accounting');
    const restrictedBrowser = await signIn(t.app, restricted.email);
    const owner = await signIn(t.app, office.owner.email);
    await owner.patch('/api/office', { restrictEmployees: true });

    const outsider = await open(portA, otherBrowser);
    const employee = await open(portB, restrictedBrowser);
    const conversation = await startConversation();
    await employee.waitFor((e) => e.conversationId === conversation.id);
    expect(await outsider.settle((e) => e.conversationId === conversation.id)).toEqual([]);

    // Unassigned (with the office restricting employees): the next message no longer reaches them.
    await owner.put(`/api/companies/${company.id}/assignments`, {
      items: [{ userId: accountant.id, specialty: 'accounting' }],
    });
    await clientBrowser.post(`/api/conversations/${conversation.id}/messages`, {
      clientId: randomUUID(),
      body: 'Tajne',
    });
    expect(await employee.settle((e) => e.message?.body === 'Tajne')).toEqual([]);
    await owner.patch('/api/office', { restrictEmployees: false });

    // Signed out: the socket is closed on the next event.
    const watcher = await open(portA, accountantBrowser);
    const signedOut = await signIn(t.app, accountant.email);
    const socket = await open(portB, signedOut);
    await signedOut.post('/api/auth/sign-out');
    await clientBrowser.post(`/api/conversations/${conversation.id}/messages`, {
      clientId: randomUUID(),
      body: 'Po wylogowaniu',
    });
    await watcher.waitFor((e) => e.message?.body === 'Po wylogowaniu');
    await new Promise((r) => setTimeout(r, 300));
    expect(socket.closed?.code).toBe(4401);
    expect(socket.events.some((e) => e.message?.body === 'Po wylogowaniu')).toBe(false);
  });

  it('sends only what the contract names: a field an event carries beyond it never leaves', async () => {
    const watcher = await open(portA, accountantBrowser);
    const conversation = await startConversation();
    const created = await watcher.waitFor((e) => e.type === 'message.created' && e.conversationId === conversation.id);
    const message = created.message!;
    await t.db.inTenant({ officeId: office.id }, (tx) =>
      insertEvent(tx, {
        officeId: office.id,
        type: 'message.updated',
        companyId: company.id,
        conversationId: conversation.id,
        payload: {
          message: { ...message, author: { ...message.author, email: 'leak@example.com' }, officeNote: 'leak' },
          passwordHash: 'leak',
        },
      }),
    );
    await t.db.notify(EVENTS_CHANNEL, office.id);
    const updated = await watcher.waitFor((e) => e.type === 'message.updated' && e.conversationId === conversation.id);
    expect(updated).not.toHaveProperty('passwordHash');
    expect(updated.message).not.toHaveProperty('officeNote');
    expect(updated.message?.author).not.toHaveProperty('email');
    expect(updated.message).toEqual(message);
  });

  it("tells staff, never the client, that the office's own state of a conversation changed", async () => {
    const conversation = await startConversation();
    const staffSocket = await open(portA, accountantBrowser);
    const clientSocket = await open(portB, clientBrowser);
    await accountantBrowser.post(`/api/conversations/${conversation.id}/handled`, { handled: true });
    const updated = await staffSocket.waitFor(
      (e) => e.type === 'conversation.updated' && e.conversationId === conversation.id,
    );
    expect(updated).not.toHaveProperty('officeOnly');
    // A message after it reaches the client, so the silence before it is not a slow socket.
    await accountantBrowser.post(`/api/conversations/${conversation.id}/messages`, {
      clientId: randomUUID(),
      body: 'Po oznaczeniu',
    });
    await clientSocket.waitFor((e) => e.message?.body === 'Po oznaczeniu');
    expect(
      clientSocket.events.filter((e) => e.type === 'conversation.updated' && e.conversationId === conversation.id),
    ).toEqual([]);
  });

  it('refuses a socket without a session or from another origin', async () => {
    const anonymous = new WebSocket(`ws://localhost:${portA}/api/ws`);
    const status = await new Promise<number>((resolve) =>
      anonymous.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0)),
    );
    expect(status).toBe(401);
    const foreign = new WebSocket(`ws://localhost:${portA}/api/ws`, {
      headers: { cookie: clientBrowser.cookie!, origin: 'https://evil.example' },
    });
    const code = await new Promise<number>((resolve) => foreign.once('close', (c) => resolve(c)));
    expect(code).toBe(1008);
  });
});
