// The outbox: office admins read the e-mails the portal sent or stored.
import type { FastifyInstance } from 'fastify';
import { Type, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { actorOf } from '../../http/auth.js';
import { DateTime, IdParams, NullableDateTime, Paged, PageQuery, StrictObject } from '@bureau/common';

const OutboxItem = Type.Object({
  id: Type.String(),
  toAddress: Type.String(),
  toName: Type.Union([Type.String(), Type.Null()]),
  subject: Type.String(),
  template: Type.String(),
  status: Type.String(),
  createdAt: DateTime,
  sentAt: NullableDateTime,
  lastError: Type.Union([Type.String(), Type.Null()]),
});
const OutboxEmail = Type.Object({ ...OutboxItem.properties, textBody: Type.String(), htmlBody: Type.String() });

export async function mailRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { mail } = app.services;
  app.get(
    '/outbox',
    { schema: { tags: ['outbox'], querystring: StrictObject(PageQuery), response: { 200: Paged(OutboxItem) } } },
    async (request) => {
      const actor = actorOf(request);
      const { page = 1, pageSize = 50 } = request.query;
      const result = await mail.list(actor, page, pageSize);
      return { ...result, page, pageSize };
    },
  );
  app.get(
    '/outbox/:id',
    { schema: { tags: ['outbox'], params: IdParams, response: { 200: OutboxEmail } } },
    async (request) => {
      const actor = actorOf(request);
      return mail.get(actor, request.params.id);
    },
  );
  app.post(
    '/outbox/:id/retry',
    { schema: { tags: ['outbox'], params: IdParams, response: { 204: Type.Null() } } },
    async (request, reply) => {
      const actor = actorOf(request);
      await mail.retry(actor, request.params.id);
      return reply.status(204).send(null);
    },
  );
}
