// Office admins read what arrived at the reply listener: posted e-mails, and refused ones with the reason.
import type { FastifyInstance } from 'fastify';
import { Type, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { actorOf } from '../../http/auth.js';
import { DateTime, Paged, PageQuery, StrictObject } from '@bureau/common';

const Nullable = <T extends ReturnType<typeof Type.String>>(schema: T) => Type.Union([schema, Type.Null()]);

const InboundItem = Type.Object({
  id: Type.String(),
  fromAddress: Type.String(),
  status: Type.Union([Type.Literal('posted'), Type.Literal('refused')]),
  /** A stable code (unknown_sender, auto_reply, malformed, no_access, closed, empty, too_long, too_many_files, attachment_refused, refused), optionally ": detail". */
  reason: Nullable(Type.String()),
  conversationId: Nullable(Type.String()),
  subject: Nullable(Type.String()),
  messageId: Nullable(Type.String()),
  receivedAt: DateTime,
});

export async function inboundRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { inbound } = app.services;
  app.get(
    '/inbound-emails',
    { schema: { tags: ['outbox'], querystring: StrictObject(PageQuery), response: { 200: Paged(InboundItem) } } },
    async (request) => {
      const actor = actorOf(request);
      const { page = 1, pageSize = 50 } = request.query;
      const result = await inbound.list(actor, page, pageSize);
      return { ...result, page, pageSize };
    },
  );
}
