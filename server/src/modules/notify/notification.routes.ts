// The person's notification centre (the bell) and their notification preferences.
import type { FastifyInstance } from 'fastify';
import { Type, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import {
  DateTime,
  notificationKinds,
  NullableDateTime,
  Preference,
  PreferencesBody,
  StrictObject,
} from '@bureau/common';
import { actorOf } from '../../http/auth.js';

const NullableString = Type.Union([Type.String(), Type.Null()]);
const NotificationSchema = Type.Object({
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
const Preferences = Type.Object({
  items: Type.Object(Object.fromEntries(notificationKinds.map((k) => [k, Preference]))),
  criticalKinds: Type.Array(Type.String()),
});

export async function notificationRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { notifications } = app.services;

  app.get(
    '/notifications',
    {
      schema: {
        tags: ['notifications'],
        querystring: StrictObject({
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
          before: Type.Optional(Type.String({ format: 'date-time' })),
        }),
        response: { 200: Type.Object({ items: Type.Array(NotificationSchema), unread: Type.Integer() }) },
      },
    },
    async (request) =>
      notifications.list(
        actorOf(request),
        request.query.limit ?? 30,
        request.query.before ? new Date(request.query.before) : undefined,
      ),
  );

  app.post(
    '/notifications/read',
    {
      schema: {
        tags: ['notifications'],
        body: StrictObject({
          ids: Type.Optional(Type.Array(Type.String({ format: 'uuid' }), { minItems: 1, maxItems: 100 })),
          all: Type.Optional(Type.Literal(true)),
        }),
        response: { 200: Type.Object({ read: Type.Integer(), unread: Type.Integer() }) },
      },
    },
    async (request) => notifications.markRead(actorOf(request), request.body.all ? 'all' : (request.body.ids ?? [])),
  );

  app.get(
    '/notifications/preferences',
    { schema: { tags: ['notifications'], response: { 200: Preferences } } },
    async (request) => notifications.preferences(actorOf(request)),
  );

  app.put(
    '/notifications/preferences',
    { schema: { tags: ['notifications'], body: PreferencesBody, response: { 200: Preferences } } },
    async (request) => notifications.setPreferences(actorOf(request), request.body),
  );
}
