// Broadcasts: which companies a choice reaches, sending, progress, and the read report (CSV, XLSX).
import { binaryResponse } from '../../http/binary-response.js';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { create as contentDisposition } from 'content-disposition';
import { actorOf } from '../../http/auth.js';
import {
  BroadcastPage,
  BroadcastPreview,
  BroadcastPreviewBody,
  BroadcastRecipientList,
  BroadcastSchema,
  IdParams,
  NewBroadcastBody,
  PageQueryObject,
  ReportQuery,
} from '@bureau/common';

export async function broadcastRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { broadcasts } = app.services;

  app.post(
    '/broadcasts/preview',
    {
      schema: {
        tags: ['broadcasts'],
        body: BroadcastPreviewBody,
        response: { 200: BroadcastPreview },
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
      schema: { tags: ['broadcasts'], querystring: PageQueryObject, response: { 200: BroadcastPage } },
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
        response: { 200: BroadcastRecipientList },
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
        querystring: ReportQuery,
        response: binaryResponse('The report as CSV or XLSX', [
          'text/csv',
          'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        ]),
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
