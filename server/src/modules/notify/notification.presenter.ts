// The only serializer of notifications: the bell's list and the realtime event carry the same shape.
import type { NotificationSchema } from '@bureau/common';
import type { Static } from 'typebox';
import type { NotificationRow } from './notification.repository.js';

export function presentNotification(n: NotificationRow): Static<typeof NotificationSchema> {
  return {
    id: n.id,
    kind: n.kind,
    companyId: n.companyId,
    conversationId: n.conversationId,
    title: n.title,
    excerpt: n.excerpt,
    actorName: n.actorName,
    critical: n.critical,
    createdAt: n.createdAt,
    readAt: n.readAt,
  };
}
