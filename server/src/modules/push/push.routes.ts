// Web Push for the signed-in person's own browsers: the VAPID key to subscribe with, their devices,
// turning a browser on or off, and a test notification.
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { actorOf } from '../../http/auth.js';
import {
  NoContent,
  PushDevice,
  PushDeviceList,
  PushEndpointQuery,
  PushKey,
  PushSubscriptionBody,
  PushTestResult,
} from '@bureau/common';

export async function pushRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { push } = app.services;

  app.get('/push/key', { schema: { tags: ['push'], response: { 200: PushKey } } }, async (request) =>
    push.publicKey(actorOf(request)),
  );

  app.get('/push/subscriptions', { schema: { tags: ['push'], response: { 200: PushDeviceList } } }, async (request) =>
    push.devices(actorOf(request)),
  );

  app.post(
    '/push/subscriptions',
    { schema: { tags: ['push'], body: PushSubscriptionBody, response: { 201: PushDevice } } },
    async (request, reply) => {
      const device = await push.subscribe(actorOf(request), request.body, request.headers['user-agent'] ?? null);
      return reply.status(201).send(device);
    },
  );

  app.delete(
    '/push/subscriptions',
    { schema: { tags: ['push'], querystring: PushEndpointQuery, response: NoContent } },
    async (request, reply) => {
      await push.unsubscribe(actorOf(request), request.query.endpoint);
      return reply.status(204).send(null);
    },
  );

  app.post('/push/test', { schema: { tags: ['push'], response: { 200: PushTestResult } } }, async (request) =>
    push.sendTest(actorOf(request)),
  );
}
