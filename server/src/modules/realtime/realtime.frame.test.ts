import { describe, expect, it } from 'vitest';
import { eventFrame } from './realtime.frame.js';

describe('realtime frames', () => {
  it('drops every field the event contract does not name, at the top and inside', () => {
    const frame = eventFrame({
      id: 7,
      type: 'read.updated',
      conversationId: 'c1',
      payload: { userId: 'u1', lastReadSeq: 3, email: 'leak@example.com', nested: { secret: true } },
    });
    expect(JSON.parse(frame!)).toEqual({
      id: 7,
      type: 'read.updated',
      conversationId: 'c1',
      userId: 'u1',
      lastReadSeq: 3,
    });
  });

  it('keeps the payload it was given intact (the outbox row may be sent to other sockets)', () => {
    const payload = { ids: ['n1'], extra: 1 };
    eventFrame({ id: 1, type: 'notification.read', conversationId: null, payload });
    expect(payload).toEqual({ ids: ['n1'], extra: 1 });
  });

  it('sends nothing for an event type without a contract', () => {
    expect(eventFrame({ id: 2, type: 'office.secret', conversationId: null, payload: {} })).toBeUndefined();
  });
});
