// Web Push against a push service of our own on loopback: it checks the VAPID token like a real one
// (ES256 signature, audience, expiry, contact), and the test decrypts each message (RFC 8291,
// aes128gcm) with the key pair and auth secret a browser would hold.
import {
  createDecipheriv,
  createECDH,
  createPublicKey,
  hkdfSync,
  randomBytes,
  randomUUID,
  verify,
  type ECDH,
} from 'node:crypto';
import { once } from 'node:events';
import http, { type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
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
import { OutboundGuard } from '../../net/outbound-guard.js';
import { startWorkers } from '../../workers.js';
import { PushDelivery } from './push.delivery.js';
import { upsertSubscription } from './push.repository.js';
import { PushService, type PushJob } from './push.service.js';

type Received = { path: string; headers: IncomingHttpHeaders; body: Buffer };

/** A push service on 127.0.0.1: answers 201 unless told otherwise for a path, and keeps every request. */
async function startPushService() {
  const received: Received[] = [];
  const answers = new Map<string, number[]>();
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const path = req.url ?? '';
      received.push({ path, headers: req.headers, body: Buffer.concat(chunks) });
      res.writeHead(answers.get(path)?.shift() ?? 201).end();
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    received,
    to: (path: string) => received.filter((r) => r.path === path),
    answer: (path: string, ...statuses: number[]) => answers.set(path, statuses),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** What a browser keeps for one subscription: its P-256 key pair and the auth secret. */
type Browser = { ecdh: ECDH; auth: Buffer; endpoint: string; path: string };

function newBrowser(origin: string): Browser {
  const ecdh = createECDH('prime256v1');
  ecdh.generateKeys();
  const path = `/push/${randomUUID()}`;
  return { ecdh, auth: randomBytes(16), endpoint: `${origin}${path}`, path };
}

const subscriptionOf = (b: Browser) => ({
  endpoint: b.endpoint,
  expirationTime: null,
  keys: { p256dh: b.ecdh.getPublicKey().toString('base64url'), auth: b.auth.toString('base64url') },
});

/** RFC 8291 + RFC 8188: one aes128gcm record, keyed from ECDH with the sender's key in the header. */
function decrypt(body: Buffer, browser: Browser): Record<string, unknown> {
  const salt = body.subarray(0, 16);
  const recordSize = body.readUInt32BE(16);
  const idLength = body[20]!;
  expect(idLength).toBe(65);
  const senderKey = body.subarray(21, 21 + idLength);
  const ciphertext = body.subarray(21 + idLength);
  expect(ciphertext.length).toBeLessThanOrEqual(recordSize);
  const keyInfo = Buffer.concat([Buffer.from('WebPush: info\0'), browser.ecdh.getPublicKey(), senderKey]);
  const ikm = Buffer.from(hkdfSync('sha256', browser.ecdh.computeSecret(senderKey), browser.auth, keyInfo, 32));
  const cek = Buffer.from(hkdfSync('sha256', ikm, salt, Buffer.from('Content-Encoding: aes128gcm\0'), 16));
  const nonce = Buffer.from(hkdfSync('sha256', ikm, salt, Buffer.from('Content-Encoding: nonce\0'), 12));
  const decipher = createDecipheriv('aes-128-gcm', cek, nonce);
  decipher.setAuthTag(ciphertext.subarray(-16));
  const padded = Buffer.concat([decipher.update(ciphertext.subarray(0, -16)), decipher.final()]);
  let end = padded.length - 1;
  while (padded[end] === 0) end--;
  // The last record's delimiter.
  expect(padded[end]).toBe(2);
  return JSON.parse(padded.subarray(0, end).toString('utf8'));
}

/** What a push service checks before it accepts a message (RFC 8292). */
function verifyVapid(request: Received, origin: string, publicKey: string) {
  const match = /^vapid t=([\w-]+\.[\w-]+\.[\w-]+), k=([\w-]+)$/.exec(String(request.headers.authorization));
  expect(match, String(request.headers.authorization)).not.toBeNull();
  const [, jwt, k] = match!;
  expect(k).toBe(publicKey);
  const [header, claims, signature] = jwt!.split('.') as [string, string, string];
  expect(JSON.parse(Buffer.from(header, 'base64url').toString())).toMatchObject({ alg: 'ES256' });
  const raw = Buffer.from(k!, 'base64url');
  const key = createPublicKey({
    key: {
      kty: 'EC',
      crv: 'P-256',
      x: raw.subarray(1, 33).toString('base64url'),
      y: raw.subarray(33).toString('base64url'),
    },
    format: 'jwk',
  });
  expect(
    verify(
      'sha256',
      Buffer.from(`${header}.${claims}`),
      { key, dsaEncoding: 'ieee-p1363' },
      Buffer.from(signature, 'base64url'),
    ),
  ).toBe(true);
  const body = JSON.parse(Buffer.from(claims, 'base64url').toString()) as { aud: string; exp: number; sub: string };
  expect(body.aud).toBe(origin);
  expect(body.exp * 1000).toBeGreaterThan(Date.now());
  expect(body.exp * 1000).toBeLessThanOrEqual(Date.now() + 24 * 3600_000);
  expect(body.sub).toBe('mailto:no-reply@biuro.test');
}

describe('Web Push', () => {
  let pushService: Awaited<ReturnType<typeof startPushService>>;
  let t: Awaited<ReturnType<typeof createTestApp>>;
  let office: TestOffice;
  let company: TestCompany;
  let accountant: TestUser;
  let client: TestUser;
  let accountantBrowser: Session;
  let clientBrowser: Session;
  let accounting: string;
  let owner: pg.Client;

  beforeAll(async () => {
    pushService = await startPushService();
    t = await createTestApp({ MAIL_FROM: 'Bureau <no-reply@biuro.test>', OUTBOUND_ALLOW_PRIVATE: 'true' });
    owner = new pg.Client({ connectionString: t.url });
    await owner.connect();
    office = await t.factories.office({ name: 'Biuro Rachunkowe Żółw' });
    company = await t.factories.company(office, { name: 'Piekarnia Złoty Kłos' });
    accountant = await t.factories.staff(office, { name: 'Anna Księgowa', specialties: ['accounting'] });
    await t.factories.assign(company, accountant, 'accounting');
    client = await t.factories.clientUser(company, { access: 'full', name: 'Jan Piekarz' });
    accountantBrowser = await signIn(t.app, accountant.email);
    clientBrowser = await signIn(t.app, client.email);
    await clientBrowser.patch('/api/me', { locale: 'pl' });
    accounting = ((await accountantBrowser.get('/api/channels')).json().items as { id: string; key: string }[]).find(
      (c) => c.key === 'accounting',
    )!.id;
  });
  afterAll(async () => {
    await owner?.end();
    await t?.close();
    await pushService?.close();
  });

  const publicKey = () => t.app.services.push.vapidDetails().publicKey;
  /** The 'push' jobs queued for one browser (read from the queue itself, as its owner). */
  const jobsFor = async (subscriptionId: string) =>
    (
      await owner.query<{ data: PushJob }>(
        `SELECT data FROM pgboss.job WHERE name = 'push' AND data->>'subscriptionId' = $1`,
        [subscriptionId],
      )
    ).rows.map((r) => r.data);
  async function subscribe(browser: Session, b: Browser): Promise<string> {
    const res = await browser.post('/api/push/subscriptions', subscriptionOf(b));
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id;
  }
  /** Runs the queued jobs with the real workers until `done` holds. */
  async function runJobs(done: () => boolean | Promise<boolean>) {
    const workers = await startWorkers(t.app.services, t.app.config);
    try {
      await expect.poll(done, { timeout: 20_000, interval: 100 }).toBe(true);
    } finally {
      await workers.stop();
      await t.app.services.jobs.start();
    }
  }

  it('makes one VAPID key pair at first start, the same for processes starting at once, with its private half sealed', async () => {
    const key = (await clientBrowser.get('/api/push/key')).json().publicKey as string;
    expect(key).toBe(publicKey());
    expect(Buffer.from(key, 'base64url')).toHaveLength(65);
    const stored = (
      await owner.query<{ value: { publicKey: string; privateKeySealed: string } }>(
        `SELECT value FROM instance_settings WHERE name = 'vapid'`,
      )
    ).rows;
    expect(stored).toHaveLength(1);
    expect(stored[0]!.value.publicKey).toBe(key);
    expect(stored[0]!.value.privateKeySealed).toMatch(/^v1:/);
    expect(JSON.stringify(stored[0]!.value)).not.toContain(t.app.services.push.vapidDetails().privateKey);

    // A restart reads the same pair.
    const options = {
      publicUrl: 'http://localhost:3000',
      mailFrom: 'no-reply@biuro.test',
      guard: new OutboundGuard({ allowAll: false, allowCidrs: [] }),
    };
    const secrets = t.app.services.secrets;
    const restarted = new PushService(t.db, secrets, t.app.services.jobs, options);
    await restarted.init();
    expect(restarted.vapidDetails()).toMatchObject({
      publicKey: key,
      privateKey: t.app.services.push.vapidDetails().privateKey,
      subject: 'mailto:no-reply@biuro.test',
    });

    // On an empty instance, two processes starting at once agree on one pair.
    await owner.query(`DELETE FROM instance_settings WHERE name = 'vapid'`);
    try {
      const [a, b] = [
        new PushService(t.db, secrets, t.app.services.jobs, options),
        new PushService(t.db, secrets, t.app.services.jobs, options),
      ];
      await Promise.all([a.init(), b.init()]);
      expect(a.vapidDetails().publicKey).toBe(b.vapidDetails().publicKey);
      expect(a.vapidDetails().privateKey).toBe(b.vapidDetails().privateKey);
      expect((await owner.query(`SELECT 1 FROM instance_settings WHERE name = 'vapid'`)).rows).toHaveLength(1);
    } finally {
      await owner.query(`UPDATE instance_settings SET value = $1 WHERE name = 'vapid'`, [stored[0]!.value]);
    }
  });

  it('lets a person add, list and remove only their own browsers, and refuses endpoints and keys it cannot use', async () => {
    const b = newBrowser(pushService.origin);
    const first = await subscribe(clientBrowser, b);
    // The same browser subscribing again is the same device.
    expect(await subscribe(clientBrowser, b)).toBe(first);
    expect((await clientBrowser.get('/api/push/subscriptions')).json().items).toEqual([
      expect.objectContaining({ id: first, endpoint: b.endpoint, lastSuccessAt: null }),
    ]);
    expect((await accountantBrowser.get('/api/push/subscriptions')).json().items).toEqual([]);
    // Removing someone else's endpoint changes nothing.
    expect(
      (await accountantBrowser.delete(`/api/push/subscriptions?endpoint=${encodeURIComponent(b.endpoint)}`)).statusCode,
    ).toBe(204);
    expect((await clientBrowser.get('/api/push/subscriptions')).json().items).toHaveLength(1);
    // Someone else turning notifications on in the same browser takes it over: the first person's pushes stop going there.
    await subscribe(accountantBrowser, b);
    expect((await clientBrowser.get('/api/push/subscriptions')).json().items).toEqual([]);
    expect((await accountantBrowser.get('/api/push/subscriptions')).json().items).toHaveLength(1);
    await subscribe(clientBrowser, b);
    expect((await accountantBrowser.get('/api/push/subscriptions')).json().items).toEqual([]);
    expect(
      (await clientBrowser.delete(`/api/push/subscriptions?endpoint=${encodeURIComponent(b.endpoint)}`)).statusCode,
    ).toBe(204);
    expect((await clientBrowser.get('/api/push/subscriptions')).json().items).toEqual([]);

    const good = subscriptionOf(b);
    const refused = async (body: unknown) =>
      (await clientBrowser.post('/api/push/subscriptions', body)).json().error?.code;
    for (const endpoint of [
      'http://push.example.com/x',
      'https://10.0.0.7/x',
      'https://[fd00::1]/x',
      'https://intranet/x',
      'ftp://push.example.com/x',
      'https://user:pw@push.example.com/x',
      'not a url',
    ]) {
      expect(await refused({ ...good, endpoint }), endpoint).toBe('push.endpoint_invalid');
    }
    expect(await refused({ ...good, keys: { ...good.keys, p256dh: good.keys.p256dh.slice(0, 40) } })).toBe(
      'push.keys_invalid',
    );
    // 65 bytes that are no point of the curve.
    expect(
      await refused({
        ...good,
        keys: { ...good.keys, p256dh: Buffer.concat([Buffer.from([4]), Buffer.alloc(64, 0xff)]).toString('base64url') },
      }),
    ).toBe('push.keys_invalid');
    expect(await refused({ ...good, keys: { ...good.keys, auth: randomBytes(8).toString('base64url') } })).toBe(
      'push.keys_invalid',
    );
    expect(await refused({ ...good, extra: true })).toBe('validation');
    // A public HTTPS push service is fine (nothing is sent to it here).
    const res = await clientBrowser.post('/api/push/subscriptions', {
      ...good,
      endpoint: 'https://push.example.com/send/abc',
    });
    expect(res.statusCode, res.body).toBe(201);
    await clientBrowser.delete(
      `/api/push/subscriptions?endpoint=${encodeURIComponent('https://push.example.com/send/abc')}`,
    );
  });

  it("pushes a new message, encrypted and VAPID-signed, in the recipient's language, opening the conversation on their side", async () => {
    const staffDevice = newBrowser(pushService.origin);
    const clientDevice = newBrowser(pushService.origin);
    const staffSubscription = await subscribe(accountantBrowser, staffDevice);
    await subscribe(clientBrowser, clientDevice);

    const conversation = (
      await clientBrowser.post('/api/conversations', {
        clientId: randomUUID(),
        channelId: accounting,
        visibility: 'company',
        subject: 'Faktury za październik',
        body: 'W załączeniu **faktury**.',
      })
    ).json();
    await runJobs(() => pushService.to(staffDevice.path).length === 1);
    const toStaff = pushService.to(staffDevice.path)[0]!;
    verifyVapid(toStaff, pushService.origin, publicKey());
    expect(toStaff.headers).toMatchObject({
      'content-encoding': 'aes128gcm',
      ttl: '86400',
      urgency: 'normal',
      topic: conversation.id.replaceAll('-', ''),
    });
    const staffPayload = decrypt(toStaff.body, staffDevice);
    expect(staffPayload).toEqual({
      id: expect.any(String),
      title: 'Jan Piekarz started a conversation',
      body: 'Faktury za październik: W załączeniu faktury.',
      url: `/inbox/${conversation.id}`,
      tag: `conversation:${conversation.id}`,
    });
    // The author's own browser hears nothing of their own message.
    expect(pushService.to(clientDevice.path)).toHaveLength(0);

    await accountantBrowser.post(`/api/conversations/${conversation.id}/messages`, {
      clientId: randomUUID(),
      body: 'Dziękuję, zaksięgowane.',
    });
    await runJobs(() => pushService.to(clientDevice.path).length === 1);
    const toClient = pushService.to(clientDevice.path)[0]!;
    verifyVapid(toClient, pushService.origin, publicKey());
    expect(decrypt(toClient.body, clientDevice)).toMatchObject({
      title: 'Anna Księgowa – nowa wiadomość',
      body: 'Faktury za październik: Dziękuję, zaksięgowane.',
      url: `/conversations/${conversation.id}`,
    });
    const device = (await accountantBrowser.get('/api/push/subscriptions'))
      .json()
      .items.find((d: { id: string }) => d.id === staffSubscription);
    expect(device).toMatchObject({ lastError: null, lastSuccessAt: expect.any(String) });
  });

  it('pushes each message once, even when its notification job runs again', async () => {
    const device = newBrowser(pushService.origin);
    const subscriptionId = await subscribe(accountantBrowser, device);
    const conversation = (
      await clientBrowser.post('/api/conversations', {
        clientId: randomUUID(),
        channelId: accounting,
        visibility: 'company',
        subject: 'Raz',
        body: 'Tylko raz.',
      })
    ).json();
    await runJobs(() => pushService.to(device.path).length === 1);
    const [first] = (await clientBrowser.get(`/api/conversations/${conversation.id}/messages`)).json().items;
    // A repeated job (a retry after a crash) queues no second push…
    await t.app.services.notifications.handleMessage({
      officeId: office.id,
      messageId: first.id,
      kind: 'conversation',
    });
    expect(await jobsFor(subscriptionId)).toHaveLength(1);
    // …and a later message still gets its own.
    await clientBrowser.post(`/api/conversations/${conversation.id}/messages`, {
      clientId: randomUUID(),
      body: 'I jeszcze to.',
    });
    await runJobs(() => pushService.to(device.path).length === 2);
    const ids = pushService.to(device.path).map((r) => decrypt(r.body, device).id);
    expect(new Set(ids).size).toBe(2);
  });

  it('sends nothing to a person who switched message pushes off, nor to the people of an inactive company', async () => {
    const optedOut = await t.factories.clientUser(company, { access: 'full' });
    const optedOutBrowser = await signIn(t.app, optedOut.email);
    await optedOutBrowser.put('/api/notifications/preferences', {
      message: { inApp: true, email: 'now', sms: false, push: false },
    });
    const optedOutDevice = newBrowser(pushService.origin);
    const optedOutSubscription = await subscribe(optedOutBrowser, optedOutDevice);
    const listening = newBrowser(pushService.origin);
    await subscribe(clientBrowser, listening);

    const conversation = (
      await accountantBrowser.post('/api/conversations', {
        clientId: randomUUID(),
        companyId: company.id,
        channelId: accounting,
        visibility: 'company',
        subject: 'Wyciąg',
        body: 'Proszę o wyciąg.',
      })
    ).json();
    await accountantBrowser.post(`/api/conversations/${conversation.id}/messages`, {
      clientId: randomUUID(),
      body: 'Przypominam.',
    });
    await runJobs(() => pushService.to(listening.path).length === 2);
    // 'conversation' pushes stay on for them; 'message' ones are off.
    const got = pushService.to(optedOutDevice.path).map((r) => decrypt(r.body, optedOutDevice).body);
    expect(got).toEqual(['Wyciąg: Proszę o wyciąg.']);
    expect((await jobsFor(optedOutSubscription)).map((j) => j.payload.body)).toEqual(['Wyciąg: Proszę o wyciąg.']);

    // An inactive company's person cannot sign in; a browser of theirs from before still hears nothing.
    const closed = await t.factories.company(office, { name: 'Zamknięta sp. z o.o.', status: 'inactive' });
    const former = await t.factories.clientUser(closed, { access: 'full' });
    const formerDevice = newBrowser(pushService.origin);
    const formerSubscription = await t.db.inTenant({ officeId: office.id }, (tx) =>
      upsertSubscription(tx, {
        id: randomUUID(),
        officeId: office.id,
        userId: former.id,
        endpoint: formerDevice.endpoint,
        p256dh: subscriptionOf(formerDevice).keys.p256dh,
        auth: subscriptionOf(formerDevice).keys.auth,
      }),
    );
    const ownerBrowser = await signIn(t.app, office.owner.email);
    await ownerBrowser.post('/api/conversations', {
      clientId: randomUUID(),
      companyId: closed.id,
      channelId: accounting,
      visibility: 'company',
      subject: 'Archiwum',
      body: 'Proszę odebrać dokumenty.',
    });
    const emailed = async () =>
      ((await ownerBrowser.get('/api/outbox')).json().items as { toAddress: string }[]).some(
        (e) => e.toAddress === former.email,
      );
    await runJobs(emailed);
    expect(await jobsFor(formerSubscription.id)).toEqual([]);
    expect(pushService.to(formerDevice.path)).toEqual([]);
  });

  it('forgets a browser the push service says is gone (410), and sends a test to every browser of the person', async () => {
    const kept = newBrowser(pushService.origin);
    const gone = newBrowser(pushService.origin);
    await subscribe(clientBrowser, kept);
    await subscribe(clientBrowser, gone);
    pushService.answer(gone.path, 410);
    const devices = (await clientBrowser.get('/api/push/subscriptions')).json().items.length;
    expect((await clientBrowser.post('/api/push/test')).json()).toEqual({ devices });
    await runJobs(
      async () =>
        pushService.to(gone.path).length === 1 &&
        pushService.to(kept.path).length === 1 &&
        !(await clientBrowser.get('/api/push/subscriptions'))
          .json()
          .items.some((d: { endpoint: string }) => d.endpoint === gone.endpoint),
    );
    expect(decrypt(pushService.to(kept.path)[0]!.body, kept)).toMatchObject({
      title: 'Powiadomienia działają',
      body: 'To urządzenie pokaże nowe wiadomości od Biuro Rachunkowe Żółw.',
      url: '/account',
    });
    expect(pushService.to(kept.path)[0]!.headers.urgency).toBe('high');
  });

  it('sends nothing to a push service on a local or private network where the operator has not allowed it, and does not retry', async () => {
    const device = newBrowser(pushService.origin);
    const subscriptionId = await subscribe(accountantBrowser, device);
    const strict = new PushDelivery(
      t.db,
      () => t.app.services.push.vapidDetails(),
      new OutboundGuard({ allowAll: false, allowCidrs: [] }),
    );
    const job: PushJob = {
      officeId: office.id,
      subscriptionId,
      payload: { id: randomUUID(), title: 'T', body: 'B', url: '/inbox', tag: 'x' },
      topic: 'guardTopic',
      urgency: 'normal',
      ttl: 60,
    };
    expect(await strict.deliver(job, false)).toBe('failed');
    expect(pushService.to(device.path)).toHaveLength(0);
    const item = (await accountantBrowser.get('/api/push/subscriptions'))
      .json()
      .items.find((d: { id: string }) => d.id === subscriptionId);
    expect(item.lastError).toBe('127.0.0.1: this address is not allowed (a local or private network)');
  });

  it('retries on 5xx, 429 and lost connections with the same message, gives up on other refusals, and skips a browser turned off', async () => {
    const device = newBrowser(pushService.origin);
    const subscriptionId = await subscribe(accountantBrowser, device);
    const delivery = new PushDelivery(t.db, () => t.app.services.push.vapidDetails(), t.app.services.outbound);
    const job: PushJob = {
      officeId: office.id,
      subscriptionId,
      payload: { id: randomUUID(), title: 'T', body: 'B', url: '/inbox', tag: 'x' },
      topic: 'retryTopic',
      urgency: 'normal',
      ttl: 60,
    };
    const lastError = async () =>
      (await accountantBrowser.get('/api/push/subscriptions'))
        .json()
        .items.find((d: { id: string }) => d.id === subscriptionId)?.lastError;

    pushService.answer(device.path, 500, 429, 201, 400);
    await expect(delivery.deliver(job, false)).rejects.toThrow('push service answered 500');
    expect(await lastError()).toBe('push service answered 500');
    await expect(delivery.deliver(job, false)).rejects.toThrow('push service answered 429');
    expect(await delivery.deliver(job, false)).toBe('delivered');
    expect(await lastError()).toBeNull();
    // Every attempt carried the same message and topic: a browser that got two shows one.
    const attempts = pushService.to(device.path);
    expect(attempts.map((r) => decrypt(r.body, device).id)).toEqual([job.payload.id, job.payload.id, job.payload.id]);
    expect(attempts.map((r) => r.headers.topic)).toEqual(['retryTopic', 'retryTopic', 'retryTopic']);

    // A refusal that will not get better: recorded, no retry.
    expect(await delivery.deliver(job, false)).toBe('failed');
    expect(await lastError()).toBe('push service answered 400');
    // The last attempt of a failing delivery does not throw: the queue has nothing left to retry.
    pushService.answer(device.path, 503);
    expect(await delivery.deliver(job, true)).toBe('failed');

    // A push service that drops the connection without an answer (as a timeout does) is retried.
    const silent = http.createServer(() => {});
    silent.listen(0, '127.0.0.1');
    await once(silent, 'listening');
    try {
      const slowEndpoint = `http://127.0.0.1:${(silent.address() as AddressInfo).port}/slow`;
      const slow = await t.db.inTenant({ officeId: office.id }, (tx) =>
        upsertSubscription(tx, {
          id: randomUUID(),
          officeId: office.id,
          userId: accountant.id,
          endpoint: slowEndpoint,
          p256dh: subscriptionOf(device).keys.p256dh,
          auth: subscriptionOf(device).keys.auth,
        }),
      );
      const abort = setTimeout(() => silent.closeAllConnections(), 500);
      await expect(delivery.deliver({ ...job, subscriptionId: slow.id }, false)).rejects.toThrow();
      clearTimeout(abort);
    } finally {
      silent.closeAllConnections();
      silent.close();
    }

    // Turned off before its job ran: nothing is sent.
    await accountantBrowser.delete(`/api/push/subscriptions?endpoint=${encodeURIComponent(device.endpoint)}`);
    const before = pushService.received.length;
    expect(await delivery.deliver(job, false)).toBe('skipped');
    expect(pushService.received.length).toBe(before);
  });
});
