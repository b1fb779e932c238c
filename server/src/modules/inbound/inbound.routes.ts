// Office admins read what arrived at the reply listener: posted e-mails, and refused ones with the reason.
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { actorOf } from '../../http/auth.js';
import { InboundPage, PageQueryObject } from '@bureau/common';

export async function inboundRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { inbound } = app.services;
  app.get(
    '/inbound-emails',
    { schema: { tags: ['outbox'], querystring: PageQueryObject, response: { 200: InboundPage } } },
    async (request) => {
      const actor = actorOf(request);
      const { page = 1, pageSize = 50 } = request.query;
      const result = await inbound.list(actor, page, pageSize);
      return { ...result, page, pageSize };
    },
  );
}
