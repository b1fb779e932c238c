// @vitest-environment jsdom
import { beforeEach, describe, expect, it } from 'vitest';
import { MessageOutbox, resendable, type OutgoingMessage } from './messageOutbox';

const USER = '0b0e0a5e-0000-4000-8000-000000000001';
let n = 0;
const entry = (changes: Partial<OutgoingMessage> = {}): OutgoingMessage => ({
  clientId: `client-${++n}`,
  conversationId: 'conversation-1',
  body: `message ${n}`,
  createdAt: new Date(Date.UTC(2026, 11, 7, 12, 0, n)).toISOString(),
  state: 'failed',
  error: '',
  status: 0,
  ...changes,
});

/** A server stand-in: answers each send with the status given for its body (200 when none), and keeps the order. */
function fakeServer(box: MessageOutbox, statusOf: Record<string, number> = {}) {
  const posted: string[] = [];
  const send = async (e: OutgoingMessage) => {
    box.put({ ...e, state: 'sending', error: undefined, status: undefined });
    await Promise.resolve();
    posted.push(e.clientId);
    const status = statusOf[e.body] ?? 200;
    if (status >= 200 && status < 300) box.remove(e.clientId);
    else box.patch(e.clientId, { state: 'failed', status, error: status === 0 ? '' : 'refused' });
  };
  return { posted, send };
}

describe('what goes again by itself when the connection is back', () => {
  beforeEach(() => localStorage.clear());

  it('resends a send that got no answer, or that the server failed (5xx)', () => {
    expect(resendable(entry({ status: 0 }))).toBe(true);
    expect(resendable(entry({ status: 502, error: 'Bad gateway' }))).toBe(true);
    expect(resendable(entry({ status: 503, error: 'Unavailable' }))).toBe(true);
  });

  it('never resends a message the server refused with a 4xx', () => {
    for (const status of [400, 403, 404, 409, 413, 422, 429]) {
      expect(resendable(entry({ status, error: 'The conversation is closed.' })), String(status)).toBe(false);
    }
  });

  it('leaves a send on its way alone', () => {
    expect(resendable(entry({ state: 'sending', status: undefined, error: undefined }))).toBe(false);
  });

  it('tells entries saved before statuses were kept by their error text', () => {
    expect(resendable(entry({ status: undefined, error: '' }))).toBe(true);
    expect(resendable(entry({ status: undefined, error: 'The conversation is closed.' }))).toBe(false);
  });

  it('sends the failed ones again in the order they were written, and keeps the refused one for the person', async () => {
    const box = new MessageOutbox();
    box.use(USER);
    const first = entry({ body: 'first' });
    const refused = entry({ body: 'refused', status: 409, error: 'The conversation is closed.' });
    const second = entry({ body: 'second', status: 503, error: 'Unavailable' });
    for (const e of [first, refused, second]) box.put(e);
    const server = fakeServer(box);
    await box.resendFailed(server.send);
    expect(server.posted).toEqual([first.clientId, second.clientId]);
    expect(box.snapshot().map((e) => e.body)).toEqual(['refused']);
  });

  it('keeps what fails again for the next time the connection comes back', async () => {
    const box = new MessageOutbox();
    box.use(USER);
    box.put(entry({ body: 'still offline' }));
    await box.resendFailed(fakeServer(box, { 'still offline': 0 }).send);
    expect(box.snapshot()).toMatchObject([{ body: 'still offline', state: 'failed', status: 0 }]);
    const later = fakeServer(box);
    await box.resendFailed(later.send);
    expect(later.posted).toHaveLength(1);
    expect(box.snapshot()).toEqual([]);
  });

  it('sends each message once when "online" and the socket return both ask at the same moment', async () => {
    const box = new MessageOutbox();
    box.use(USER);
    box.put(entry({ body: 'a' }));
    box.put(entry({ body: 'b' }));
    const server = fakeServer(box);
    await Promise.all([box.resendFailed(server.send), box.resendFailed(server.send)]);
    expect(server.posted).toHaveLength(2);
    expect(new Set(server.posted).size).toBe(2);
  });

  it('runs one more pass for what failed while a pass was running', async () => {
    const box = new MessageOutbox();
    box.use(USER);
    box.put(entry({ body: 'a' }));
    const server = fakeServer(box);
    const running = box.resendFailed(server.send);
    // Failed meanwhile (sent while the pass was busy, without an answer).
    const late = entry({ body: 'late' });
    box.put(late);
    await Promise.all([running, box.resendFailed(server.send)]);
    expect(server.posted).toContain(late.clientId);
    expect(box.snapshot()).toEqual([]);
  });

  it('finds after a reload what was on its way, and sends it again by itself', async () => {
    const before = new MessageOutbox();
    before.use(USER);
    before.put(entry({ body: 'cut short', state: 'sending', status: undefined, error: undefined }));
    const after = new MessageOutbox();
    after.use(USER);
    expect(after.snapshot()).toMatchObject([{ body: 'cut short', state: 'failed', status: 0 }]);
    const server = fakeServer(after);
    await after.resendFailed(server.send);
    expect(server.posted).toHaveLength(1);
    expect(localStorage.length).toBe(0);
  });
});
