// Channels, conversations (the inbox, counters, start, close, reopen; the office's handled, snoozed, assigned) and
// their messages.
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { actorOf } from '../../http/auth.js';
import {
  AssignBody,
  AssigneeList,
  ChannelList,
  ChannelPatchBody,
  ChannelSchema,
  ConversationSchema,
  Counts,
  EditMessageBody,
  HandledBody,
  IdParams,
  InboxPage,
  InboxQuery,
  MessageList,
  MessageSchema,
  MessagesQuery,
  NewChannelBody,
  NewConversationBody,
  NewMessageBody,
  NoContent,
  ParticipantOptions,
  ParticipantOptionsQuery,
  ReadBody,
  RevisionList,
  SearchPage,
  SearchQuery,
  SnoozeBody,
} from '@bureau/common';

export async function messagingRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { channels, conversations } = app.services;

  app.get('/channels', { schema: { tags: ['conversations'], response: { 200: ChannelList } } }, async (request) => ({
    items: await channels.list(actorOf(request)),
  }));
  app.post(
    '/channels',
    { schema: { tags: ['conversations'], body: NewChannelBody, response: { 201: ChannelSchema } } },
    async (request, reply) => reply.status(201).send(await channels.create(actorOf(request), request.body)),
  );
  app.patch(
    '/channels/:id',
    { schema: { tags: ['conversations'], params: IdParams, body: ChannelPatchBody, response: { 200: ChannelSchema } } },
    async (request) => channels.update(actorOf(request), request.params.id, request.body),
  );

  app.get(
    '/conversations',
    { schema: { tags: ['conversations'], querystring: InboxQuery, response: { 200: InboxPage } } },
    async (request) => {
      const { page = 1, pageSize = 50, ...query } = request.query;
      return conversations.list(actorOf(request), query, page, pageSize);
    },
  );
  app.get(
    '/search',
    { schema: { tags: ['conversations'], querystring: SearchQuery, response: { 200: SearchPage } } },
    async (request) => {
      const { q, page = 1, pageSize = 20 } = request.query;
      return conversations.search(actorOf(request), q, page, pageSize);
    },
  );
  app.get(
    '/conversations/counts',
    { schema: { tags: ['conversations'], response: { 200: Counts } } },
    async (request) => conversations.counts(actorOf(request)),
  );
  app.post(
    '/conversations',
    { schema: { tags: ['conversations'], body: NewConversationBody, response: { 201: ConversationSchema } } },
    async (request, reply) => reply.status(201).send(await conversations.start(actorOf(request), request.body)),
  );
  app.get(
    '/conversations/participants',
    {
      schema: { tags: ['conversations'], querystring: ParticipantOptionsQuery, response: { 200: ParticipantOptions } },
    },
    async (request) => ({ items: await conversations.participantOptions(actorOf(request), request.query.companyId) }),
  );
  app.get(
    '/conversations/:id',
    { schema: { tags: ['conversations'], params: IdParams, response: { 200: ConversationSchema } } },
    async (request) => conversations.get(actorOf(request), request.params.id),
  );
  app.post(
    '/conversations/:id/close',
    { schema: { tags: ['conversations'], params: IdParams, response: { 200: ConversationSchema } } },
    async (request) => conversations.close(actorOf(request), request.params.id),
  );
  app.post(
    '/conversations/:id/reopen',
    { schema: { tags: ['conversations'], params: IdParams, response: { 200: ConversationSchema } } },
    async (request) => conversations.reopen(actorOf(request), request.params.id),
  );
  app.post(
    '/conversations/:id/handled',
    { schema: { tags: ['conversations'], params: IdParams, body: HandledBody, response: { 200: ConversationSchema } } },
    async (request) => conversations.setHandled(actorOf(request), request.params.id, request.body.handled),
  );
  app.post(
    '/conversations/:id/snooze',
    { schema: { tags: ['conversations'], params: IdParams, body: SnoozeBody, response: { 200: ConversationSchema } } },
    async (request) =>
      conversations.snooze(
        actorOf(request),
        request.params.id,
        request.body.until ? new Date(request.body.until) : null,
      ),
  );
  app.post(
    '/conversations/:id/assign',
    { schema: { tags: ['conversations'], params: IdParams, body: AssignBody, response: { 200: ConversationSchema } } },
    async (request) => conversations.assign(actorOf(request), request.params.id, request.body.assigneeId),
  );
  app.get(
    '/conversations/:id/assignees',
    { schema: { tags: ['conversations'], params: IdParams, response: { 200: AssigneeList } } },
    async (request) => ({ items: await conversations.assignees(actorOf(request), request.params.id) }),
  );
  app.post(
    '/conversations/:id/read',
    { schema: { tags: ['conversations'], params: IdParams, body: ReadBody, response: NoContent } },
    async (request, reply) => {
      await conversations.markRead(actorOf(request), request.params.id, request.body.seq);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/conversations/:id/messages',
    {
      schema: { tags: ['conversations'], params: IdParams, querystring: MessagesQuery, response: { 200: MessageList } },
    },
    async (request) => ({
      items: await conversations.messages(
        actorOf(request),
        request.params.id,
        request.query.afterSeq ?? 0,
        request.query.limit ?? 100,
      ),
    }),
  );
  app.post(
    '/conversations/:id/messages',
    { schema: { tags: ['conversations'], params: IdParams, body: NewMessageBody, response: { 201: MessageSchema } } },
    async (request, reply) =>
      reply.status(201).send(await conversations.post(actorOf(request), request.params.id, request.body)),
  );
  app.patch(
    '/messages/:id',
    { schema: { tags: ['conversations'], params: IdParams, body: EditMessageBody, response: { 200: MessageSchema } } },
    async (request) => conversations.edit(actorOf(request), request.params.id, request.body),
  );
  app.delete(
    '/messages/:id',
    { schema: { tags: ['conversations'], params: IdParams, response: NoContent } },
    async (request, reply) => {
      await conversations.remove(actorOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );
  app.get(
    '/messages/:id/revisions',
    { schema: { tags: ['conversations'], params: IdParams, response: { 200: RevisionList } } },
    async (request) => ({
      items: await conversations.revisions(actorOf(request), request.params.id),
    }),
  );
}
