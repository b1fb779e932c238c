import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { parseDelivered } from './delivered-acks.js';
import { createTestApp, signIn, type Session } from '../../../test/harness.js';

describe('delivered acknowledgements', () => {
  let t: Awaited<ReturnType<typeof createTestApp>>;
  let port: number;
  let accountant: Session;
  let client: Session;
  let outsider: Session;
  let conversationId: string;

  beforeAll(async () => {
    t = await createTestApp();
    const office = await t.factories.office();
    const company = await t.factories.company(office);
    const accountantUser = await t.factories.staff(office, {
      specialties: ['accounting'],
    });
    await t.factories.assign(company, accountantUser, 'accounting');
    accountant = await signIn(t.app, accountantUser.email);
    client = await signIn(t.app, (await t.factories.clientUser(company)).email);
    outsider = await signIn(t.app, (await t.factories.office()).owner.email);
    const accounting = (
      (await client.get('/api/channels')).json().items as {
        id: string;
        key: string;
      }[]
    ).find((c) => c.key === 'accounting')!.id;
    conversationId = (
      await client.post('/api/conversations', {
        clientId: randomUUID(),
        channelId: accounting,
        subject: 'Paragony',
        body: 'Pierwsza',
        visibility: 'company',
      })
    ).json().id;
    await client.post(`/api/conversations/${conversationId}/messages`, {
      clientId: randomUUID(),
      body: 'Druga',
    });
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    port = (t.app.server.address() as AddressInfo).port;
  });
  afterAll(() => t.close());

  async function acknowledge(session: Session, payload: unknown) {
    const ws = new WebSocket(`ws://localhost:${port}/api/ws`, {
      headers: { cookie: session.cookie!, origin: 'http://localhost:3000' },
    });
    await new Promise((resolve, reject) => {
      ws.once('message', resolve);
      ws.once('error', reject);
    });
    ws.send(typeof payload === 'string' ? payload : JSON.stringify(payload));
    await new Promise((r) => setTimeout(r, 300));
    ws.close();
  }

  const readerOf = async (session: Session, userName: string) =>
    (
      (await session.get(`/api/conversations/${conversationId}`)).json().readers as {
        name: string;
        deliveredSeq: number;
        lastReadSeq: number;
      }[]
    ).find((r) => r.name === userName);

  it('records what a browser received, never backwards, never beyond the last message', async () => {
    const me = (await accountant.get('/api/me')).json().user.name as string;
    await acknowledge(accountant, {
      type: 'delivered',
      conversationId,
      seq: 1,
    });
    expect(await readerOf(client, me)).toMatchObject({
      deliveredSeq: 1,
      lastReadSeq: 0,
    });
    await acknowledge(accountant, {
      type: 'delivered',
      conversationId,
      seq: 99,
    });
    expect(await readerOf(client, me)).toMatchObject({ deliveredSeq: 2 });
    await acknowledge(accountant, {
      type: 'delivered',
      conversationId,
      seq: 1,
    });
    expect(await readerOf(client, me)).toMatchObject({ deliveredSeq: 2 });
  });

  it('ignores acknowledgements for conversations one may not see, and malformed ones', async () => {
    const name = (await outsider.get('/api/me')).json().user.name as string;
    await acknowledge(outsider, { type: 'delivered', conversationId, seq: 2 });
    await acknowledge(outsider, 'not json');
    expect(await readerOf(client, name)).toBeUndefined();
    expect(parseDelivered(JSON.stringify({ type: 'delivered', conversationId: '../x', seq: 1 }))).toBeUndefined();
    expect(parseDelivered(JSON.stringify({ type: 'delivered', conversationId, seq: 1.5 }))).toBeUndefined();
    expect(parseDelivered(JSON.stringify({ type: 'delivered', conversationId, seq: 3 }))).toEqual({
      conversationId,
      seq: 3,
    });
  });

  it('takes only what the contract describes: a UUID, a safe position from 1, a short frame', () => {
    const id = randomUUID();
    const parse = (frame: object) => parseDelivered(JSON.stringify(frame));
    expect(parse({ type: 'delivered', conversationId: id, seq: 0 })).toBeUndefined();
    expect(parse({ type: 'delivered', conversationId: id, seq: 2 ** 53 })).toBeUndefined();
    expect(parse({ type: 'delivered', conversationId: id, seq: '1' })).toBeUndefined();
    expect(parse({ type: 'hello', conversationId: id, seq: 1 })).toBeUndefined();
    expect(parse({ type: 'delivered', conversationId: `urn:uuid:${id}`, seq: 1 })).toBeUndefined();
    expect(parseDelivered('null')).toBeUndefined();
    expect(parse({ type: 'delivered', conversationId: id, seq: 1, pad: 'x'.repeat(500) })).toBeUndefined();
    expect(parse({ type: 'delivered', conversationId: id, seq: Number.MAX_SAFE_INTEGER })).toEqual({
      conversationId: id,
      seq: Number.MAX_SAFE_INTEGER,
    });
  });
});
