// Web Push for the signed-in person's own browsers: the VAPID key to subscribe with, their devices,
// turning a browser on or off, and a test notification.
import type { FastifyInstance } from 'fastify';
import { Type, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { actorOf } from '../../http/auth.js';
import { DateTime, NoContent, NullableDateTime, StrictObject } from '@bureau/common';

const NullableString = Type.Union([Type.String(), Type.Null()]);
const Device = Type.Object({
  id: Type.String(),
  endpoint: Type.String(),
  userAgent: NullableString,
  createdAt: DateTime,
  lastSuccessAt: NullableDateTime,
  lastError: NullableString,
});
const Endpoint = Type.String({ minLength: 1, maxLength: 2048 });
// The shape of the browser's PushSubscription.toJSON().
const SubscriptionBody = StrictObject({
  endpoint: Endpoint,
  expirationTime: Type.Optional(Type.Union([Type.Number(), Type.Null()])),
  keys: StrictObject({
    p256dh: Type.String({ minLength: 1, maxLength: 200 }),
    auth: Type.String({ minLength: 1, maxLength: 100 }),
  }),
});

export async function pushRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { push } = app.services;

  app.get(
    '/push/key',
    { schema: { tags: ['push'], response: { 200: Type.Object({ publicKey: Type.String() }) } } },
    async (request) => push.publicKey(actorOf(request)),
  );

  app.get(
    '/push/subscriptions',
    { schema: { tags: ['push'], response: { 200: Type.Object({ items: Type.Array(Device) }) } } },
    async (request) => push.devices(actorOf(request)),
  );

  app.post(
    '/push/subscriptions',
    { schema: { tags: ['push'], body: SubscriptionBody, response: { 201: Device } } },
    async (request, reply) => {
      const device = await push.subscribe(actorOf(request), request.body, request.headers['user-agent'] ?? null);
      return reply.status(201).send(device);
    },
  );

  app.delete(
    '/push/subscriptions',
    { schema: { tags: ['push'], querystring: StrictObject({ endpoint: Endpoint }), response: NoContent } },
    async (request, reply) => {
      await push.unsubscribe(actorOf(request), request.query.endpoint);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/push/test',
    { schema: { tags: ['push'], response: { 200: Type.Object({ devices: Type.Integer() }) } } },
    async (request) => push.sendTest(actorOf(request)),
  );
}
