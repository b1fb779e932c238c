// What a notification event changes in the bell's loaded list, so the bell follows the socket
// without asking the server again (pure, tested in notificationCache.test.ts).
import type { Notification } from './notifications';

export type NotificationList = { items: Notification[]; unread: number };

/** The bell's list after a new notification: first in the list (which keeps its length), and one more unread. */
export function notificationsAfterCreated(list: NotificationList, notification: Notification, limit: number) {
  if (list.items.some((n) => n.id === notification.id)) return list;
  return {
    items: [notification, ...list.items].slice(0, Math.max(limit, list.items.length)),
    unread: list.unread + (notification.readAt ? 0 : 1),
  };
}

/** The bell's list after the server marked these notifications read (it names only those it changed). */
export function notificationsAfterRead(list: NotificationList, ids: string[], at: string): NotificationList {
  const read = new Set(ids);
  // Those the list already shows read were counted out already (a refetch after this tab's own POST, a replayed event).
  const already = list.items.filter((n) => read.has(n.id) && n.readAt).length;
  return {
    items: list.items.map((n) => (read.has(n.id) && !n.readAt ? { ...n, readAt: at } : n)),
    unread: Math.max(0, list.unread - (read.size - already)),
  };
}
