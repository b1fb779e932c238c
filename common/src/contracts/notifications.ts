// The notification centre (the bell) and a person's (or the office's default) choice for one kind
// of event, and a set of them by kind.
import { Type, type Static } from 'typebox';
import { notificationKinds } from '../notifications.js';
import { DateTime, NullableDateTime, StrictObject, type Wire } from './base.js';

const NullableString = Type.Union([Type.String(), Type.Null()]);

export const NotificationSchema = Type.Object({
  id: Type.String(),
  kind: Type.String(),
  companyId: NullableString,
  conversationId: NullableString,
  title: Type.String(),
  excerpt: Type.String(),
  actorName: NullableString,
  critical: Type.Boolean(),
  createdAt: DateTime,
  readAt: NullableDateTime,
});
export const NotificationListQuery = StrictObject({
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
  before: Type.Optional(Type.String({ format: 'date-time' })),
});
export const NotificationList = Type.Object({ items: Type.Array(NotificationSchema), unread: Type.Integer() });
export const NotificationReadBody = StrictObject({
  ids: Type.Optional(Type.Array(Type.String({ format: 'uuid' }), { minItems: 1, maxItems: 100 })),
  all: Type.Optional(Type.Literal(true)),
});
export const NotificationReadResult = Type.Object({ read: Type.Integer(), unread: Type.Integer() });

export const Preference = StrictObject({
  inApp: Type.Boolean(),
  email: Type.Union([Type.Literal('now'), Type.Literal('digest'), Type.Literal('off')]),
  sms: Type.Boolean(),
  push: Type.Boolean(),
});
export const PreferencesBody = StrictObject(
  Object.fromEntries(notificationKinds.map((k) => [k, Type.Optional(Preference)])),
);
export const Preferences = Type.Object({
  items: Type.Object(Object.fromEntries(notificationKinds.map((k) => [k, Preference]))),
  criticalKinds: Type.Array(Type.String()),
});

export type Notification = Wire<Static<typeof NotificationSchema>>;
export type NotificationList = Wire<Static<typeof NotificationList>>;
