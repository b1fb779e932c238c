// The person's notification centre (the bell) and their notification preferences.
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import {
  NotificationList,
  NotificationListQuery,
  NotificationReadBody,
  NotificationReadResult,
  Preferences,
  PreferencesBody,
} from '@bureau/common';
import { actorOf } from '../../http/auth.js';

export async function notificationRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { notifications } = app.services;

  app.get(
    '/notifications',
    {
      schema: {
        tags: ['notifications'],
        querystring: NotificationListQuery,
        response: { 200: NotificationList },
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
        body: NotificationReadBody,
        response: { 200: NotificationReadResult },
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
