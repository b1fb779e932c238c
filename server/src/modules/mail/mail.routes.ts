// The outbox: office admins read the e-mails the portal sent or stored.
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { actorOf } from '../../http/auth.js';
import { IdParams, NoContent, OutboxEmail, OutboxPage, PageQueryObject } from '@bureau/common';

export async function mailRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { mail } = app.services;
  app.get(
    '/outbox',
    { schema: { tags: ['outbox'], querystring: PageQueryObject, response: { 200: OutboxPage } } },
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
    { schema: { tags: ['outbox'], params: IdParams, response: NoContent } },
    async (request, reply) => {
      const actor = actorOf(request);
      await mail.retry(actor, request.params.id);
      return reply.status(204).send(null);
    },
  );
}
