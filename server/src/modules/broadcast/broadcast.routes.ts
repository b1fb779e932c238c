// Broadcasts: which companies a choice reaches, sending, progress, and the read report (CSV, XLSX).
import type { FastifyInstance } from 'fastify';
import { Type, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { create as contentDisposition } from 'content-disposition';
import { actorOf } from '../../http/auth.js';
import { BROADCAST_MAX_COMPANIES } from './broadcast.service.js';
import {
  CountrySchema,
  DateTime,
  IdParams,
  NullableDateTime,
  Paged,
  PageQuery,
  StrictObject,
  Uuid,
} from '@bureau/common';

const NullableString = Type.Union([Type.String(), Type.Null()]);
const Selection = Type.Union([
  StrictObject({
    kind: Type.Literal('filter'),
    status: Type.Optional(Type.Union([Type.Literal('active'), Type.Literal('inactive')])),
    country: Type.Optional(CountrySchema),
    assignedTo: Type.Optional(Uuid),
    tag: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
  }),
  StrictObject({
    kind: Type.Literal('companies'),
    companyIds: Type.Array(Uuid, { minItems: 1, maxItems: BROADCAST_MAX_COMPANIES }),
  }),
]);
const BroadcastSchema = Type.Object({
  id: Type.String(),
  subject: Type.String(),
  body: Type.String(),
  mode: Type.String(),
  channelId: Type.String(),
  selection: Type.Object({}, { additionalProperties: true }),
  status: Type.String(),
  total: Type.Integer(),
  delivered: Type.Integer(),
  read: Type.Integer(),
  createdAt: DateTime,
  finishedAt: NullableDateTime,
  authorName: Type.Optional(Type.String()),
});
const NewBroadcastBody = StrictObject({
  id: Uuid,
  subject: Type.String({ maxLength: 200 }),
  body: Type.String({ maxLength: 20_000 }),
  mode: Type.Union([Type.Literal('conversation'), Type.Literal('announcement')]),
  channelId: Type.Optional(Type.String({ maxLength: 64 })),
  selection: Selection,
  attachmentIds: Type.Optional(Type.Array(Uuid, { maxItems: 11 })),
});
const Preview = Type.Object({
  total: Type.Integer(),
  items: Type.Array(
    Type.Object({ id: Type.String(), name: Type.String(), country: Type.String(), status: Type.String() }),
  ),
});
const Recipient = Type.Object({
  companyId: Type.String(),
  companyName: Type.String(),
  taxId: Type.String(),
  conversationId: NullableString,
  deliveredAt: NullableDateTime,
  readAt: NullableDateTime,
  readByName: NullableString,
});

export async function broadcastRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { broadcasts } = app.services;

  app.post(
    '/broadcasts/preview',
    {
      schema: {
        tags: ['broadcasts'],
        body: StrictObject({ selection: Selection, search: Type.Optional(Type.String({ maxLength: 200 })) }),
        response: { 200: Preview },
      },
    },
    async (request) => broadcasts.preview(actorOf(request), request.body.selection, request.body.search),
  );
  app.post(
    '/broadcasts',
    { schema: { tags: ['broadcasts'], body: NewBroadcastBody, response: { 201: BroadcastSchema } } },
    async (request, reply) => reply.status(201).send(await broadcasts.send(actorOf(request), request.body)),
  );
  app.get(
    '/broadcasts',
    {
      schema: { tags: ['broadcasts'], querystring: StrictObject(PageQuery), response: { 200: Paged(BroadcastSchema) } },
    },
    async (request) => broadcasts.list(actorOf(request), request.query.page ?? 1, request.query.pageSize ?? 20),
  );
  app.get(
    '/broadcasts/:id',
    { schema: { tags: ['broadcasts'], params: IdParams, response: { 200: BroadcastSchema } } },
    async (request) => broadcasts.get(actorOf(request), request.params.id),
  );
  app.get(
    '/broadcasts/:id/recipients',
    {
      schema: {
        tags: ['broadcasts'],
        params: IdParams,
        response: { 200: Type.Object({ items: Type.Array(Recipient) }) },
      },
    },
    async (request) => ({
      items: await broadcasts.recipients(actorOf(request), request.params.id),
    }),
  );
  app.get(
    '/broadcasts/:id/report',
    {
      schema: {
        tags: ['broadcasts'],
        params: IdParams,
        querystring: StrictObject({ format: Type.Union([Type.Literal('csv'), Type.Literal('xlsx')]) }),
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const file = await broadcasts.report(actor, request.params.id, request.query.format, actor.locale);
      reply.header('Content-Disposition', contentDisposition(file.filename));
      reply.header('X-Content-Type-Options', 'nosniff');
      return reply.type(file.type).send(file.body);
    },
  );
}
