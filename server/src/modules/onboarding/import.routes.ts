// Portfolio import: POST /api/imports (one CSV or XLSX file, multipart field "file"), GET /api/imports (the latest),
// GET /api/imports/:id (polled for progress), PUT /api/imports/:id/reading (read the file again another way),
// PUT /api/imports/:id (settings → dry run), POST /api/imports/:id/commit,
// GET /api/imports/:id/report?format=csv|xlsx.
import { binaryResponse } from '../../http/binary-response.js';
import multipart from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { create as contentDisposition } from 'content-disposition';
import { actorOf } from '../../http/auth.js';
import { AppError } from '../../http/app-error.js';
import { MAX_BYTES } from './import.read.js';
import {
  CommitBody,
  DryRunSchema,
  IdParams,
  ImportList,
  ImportReadingBody,
  ImportSettingsBody,
  ImportViewSchema,
  ReportQuery,
} from '@bureau/common';

export async function importRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { imports } = app.services;

  await app.register(multipart, {
    // A file over the limit is answered as import.file_too_large in the user's language (not a bare 413).
    throwFileSizeLimit: false,
    limits: { fileSize: MAX_BYTES + 1, files: 1, fields: 0, parts: 1, headerPairs: 20, fieldNameSize: 50 },
  });

  app.post(
    '/imports',
    { schema: { tags: ['imports'], consumes: ['multipart/form-data'], response: { 201: ImportViewSchema } } },
    async (request, reply) => {
      const actor = actorOf(request);
      if (!request.isMultipart()) throw new AppError('import.file_missing');
      let part;
      try {
        part = await request.file();
      } catch {
        throw new AppError('import.file_missing');
      }
      if (!part) throw new AppError('import.file_missing');
      // Browsers escape these three characters of a file name in the form (HTML's multipart rules).
      const fileName = part.filename.replaceAll('%22', '"').replaceAll('%0D', '').replaceAll('%0A', '');
      return reply.status(201).send(await imports.upload(actor, { fileName, file: part.file }));
    },
  );
  app.get('/imports', { schema: { tags: ['imports'], response: { 200: ImportList } } }, async (request) =>
    imports.list(actorOf(request)),
  );
  app.get(
    '/imports/:id',
    { schema: { tags: ['imports'], params: IdParams, response: { 200: ImportViewSchema } } },
    async (request) => imports.get(actorOf(request), request.params.id),
  );
  app.put(
    '/imports/:id/reading',
    { schema: { tags: ['imports'], params: IdParams, body: ImportReadingBody, response: { 200: ImportViewSchema } } },
    async (request) => imports.reread(actorOf(request), request.params.id, request.body),
  );
  app.put(
    '/imports/:id',
    { schema: { tags: ['imports'], params: IdParams, body: ImportSettingsBody, response: { 200: DryRunSchema } } },
    async (request) => imports.dryRun(actorOf(request), request.params.id, request.body),
  );
  app.post(
    '/imports/:id/commit',
    { schema: { tags: ['imports'], params: IdParams, body: CommitBody, response: { 202: ImportViewSchema } } },
    async (request, reply) =>
      reply.status(202).send(await imports.commit(actorOf(request), request.params.id, request.body.settings)),
  );
  app.get(
    '/imports/:id/report',
    {
      schema: {
        tags: ['imports'],
        params: IdParams,
        querystring: ReportQuery,
        response: binaryResponse('The report as CSV or XLSX', [
          'text/csv',
          'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        ]),
      },
    },
    async (request, reply) => {
      const file = await imports.report(actorOf(request), request.params.id, request.query.format);
      reply.header('Content-Disposition', contentDisposition(file.filename));
      reply.header('X-Content-Type-Options', 'nosniff');
      return reply.type(file.type).send(file.body);
    },
  );
}
