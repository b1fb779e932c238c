import { describe, expect, it } from 'vitest';
import { notificationsAfterCreated, notificationsAfterRead } from './notificationCache';
import type { Notification } from './notifications';

function notification(id: string, readAt: string | null = null): Notification {
  return {
    id,
    kind: 'message.new',
    companyId: 'company',
    conversationId: 'conv',
    title: 'VAT',
    excerpt: 'Mam ich dwanaście.',
    actorName: 'Tomasz Lis',
    critical: false,
    createdAt: '2026-12-07T10:00:00.000Z',
    readAt,
  };
}

describe('the bell', () => {
  it('shows a new notification first and counts it unread, keeping its length', () => {
    const list = { items: [notification('b'), notification('a', 'then')], unread: 1 };
    const after = notificationsAfterCreated(list, notification('c'), 2);
    expect(after.items.map((n) => n.id)).toEqual(['c', 'b']);
    expect(after.unread).toBe(2);
  });

  it('ignores a notification it already shows (a replayed event)', () => {
    const list = { items: [notification('a')], unread: 1 };
    expect(notificationsAfterCreated(list, notification('a'), 20)).toBe(list);
  });

  it('marks the notifications the server read, and counts those beyond the list too', () => {
    const list = { items: [notification('b'), notification('a')], unread: 5 };
    const after = notificationsAfterRead(list, ['a', 'z'], 'now');
    expect(after.items.map((n) => n.readAt)).toEqual([null, 'now']);
    expect(after.unread).toBe(3);
    expect(notificationsAfterRead({ items: [], unread: 1 }, ['a', 'b'], 'now').unread).toBe(0);
  });

  it('does not count out again what the list already shows read (its own refetch came first, or a replayed event)', () => {
    const list = { items: [notification('a', 'then'), notification('b')], unread: 1 };
    const after = notificationsAfterRead(list, ['a'], 'now');
    expect(after.unread).toBe(1);
    expect(after.items.map((n) => n.readAt)).toEqual(['then', null]);
  });
});
