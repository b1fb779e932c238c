// POST /api/attachments: one file, streamed (multipart/form-data, field "file"); a message then
// takes it by id. GET /api/attachments/:id (the file, as a download), …/thumbnail and …/preview
// (re-encoded WebP copies of images). Every file leaves with nosniff and a sandboxing CSP — an inline
// PDF too, since a PDF can carry JavaScript — and only PDFs may be shown inline; HTML or SVG never are.
import { binaryResponse } from '../../http/binary-response.js';
import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { create as contentDisposition } from 'content-disposition';
import { actorOf } from '../../http/auth.js';
import { AppError } from '../../http/app-error.js';
import type { Variant } from './attachment.service.js';
import { safeFileName } from './file-name.js';
import { attachmentTypes, AttachmentSchema, DownloadQuery, IdParams, NoContent, UploadQuery } from '@bureau/common';

const SANDBOX = "default-src 'none'; sandbox";

export async function attachmentRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { attachments } = app.services;

  await app.register(multipart, {
    // The size limit is answered in the user's language (not thrown as a bare 413).
    throwFileSizeLimit: false,
    limits: {
      fileSize: attachments.maxBytes,
      files: 1,
      fields: 0,
      parts: 1,
      headerPairs: 20,
      fieldNameSize: 50,
    },
  });

  app.post(
    '/attachments',
    {
      schema: {
        tags: ['conversations'],
        querystring: UploadQuery,
        consumes: ['multipart/form-data'],
        response: { 201: AttachmentSchema },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      if (!request.isMultipart()) throw new AppError('attachment.missing');
      try {
        const part = await request.file();
        if (!part) throw new AppError('attachment.missing');
        // Browsers escape these three characters of a file name in the form (HTML's multipart rules).
        const filename = part.filename.replaceAll('%22', '"').replaceAll('%0D', '').replaceAll('%0A', '');
        const created = await attachments.upload(actor, request.query.companyId, { filename, file: part.file });
        return reply.status(201).send(created);
      } catch (err) {
        if (isMalformedForm(err)) throw new AppError('attachment.missing');
        throw err;
      }
    },
  );

  const serve =
    (variant: Variant) =>
    async (
      request: FastifyRequest<{ Params: { id: string }; Querystring: { inline?: boolean } }>,
      reply: FastifyReply,
    ) => {
      const file = await attachments.open(actorOf(request), request.params.id, variant);
      // Every answer is "no-store" (app.ts): a file someone may no longer see must not stay in a cache.
      reply.header('X-Content-Type-Options', 'nosniff');
      reply.header('Cross-Origin-Resource-Policy', 'same-origin');
      const inline = variant !== 'original' || (request.query.inline === true && file.mime === 'application/pdf');
      // The same for an inline PDF: its scripts must never run on the portal's origin.
      reply.header('Content-Security-Policy', SANDBOX);
      // Names stored before the current rules are made safe on the way out too.
      const stored = safeFileName(file.attachment.name) || 'file';
      const name =
        variant === 'original' ? stored : safeFileName(`${stored.replace(/\.[^.]+$/, '')}.webp`) || 'file.webp';
      reply.header('Content-Disposition', contentDisposition(name, { type: inline ? 'inline' : 'attachment' }));
      // CSV is text: name its encoding, so nothing guesses (and never as HTML: nosniff, sandbox).
      reply.type(file.mime === 'text/csv' ? 'text/csv; charset=utf-8' : file.mime);
      reply.header('Accept-Ranges', 'bytes');
      const range = parseRange(request.headers.range, file.size);
      if (range === 'unsatisfiable') {
        reply.header('Content-Range', `bytes */${file.size}`);
        return reply.status(416).send();
      }
      if (range) {
        reply.header('Content-Range', `bytes ${range.start}-${range.end}/${file.size}`);
        reply.header('Content-Length', range.end - range.start + 1);
        return reply.status(206).send(file.open(range));
      }
      reply.header('Content-Length', file.size);
      return reply.send(file.open());
    };

  const schema = { tags: ['conversations'], params: IdParams, querystring: DownloadQuery };
  app.get(
    '/attachments/:id',
    {
      schema: {
        ...schema,
        response: binaryResponse(
          'The file as it was sent',
          attachmentTypes.map((t) => t.mime),
          true,
        ),
      },
    },
    serve('original'),
  );
  app.delete(
    '/attachments/:id',
    { schema: { tags: ['conversations'], params: IdParams, response: NoContent } },
    async (request, reply) => {
      await attachments.discard(actorOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );
  app.get(
    '/attachments/:id/thumbnail',
    { schema: { ...schema, response: binaryResponse('A small image of the file', ['image/webp'], true) } },
    serve('thumbnail'),
  );
  app.get(
    '/attachments/:id/preview',
    { schema: { ...schema, response: binaryResponse('An image of the file for viewing', ['image/webp'], true) } },
    serve('preview'),
  );
}

/** One byte range ("bytes=0-99", "bytes=100-", "bytes=-50"); several ranges are served whole. */
export function parseRange(
  header: string | string[] | undefined,
  size: number,
): { start: number; end: number } | 'unsatisfiable' | undefined {
  if (typeof header !== 'string') return undefined;
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match || (match[1] === '' && match[2] === '')) return undefined;
  let start: number;
  let end: number;
  if (match[1] === '') {
    start = Math.max(0, size - Number(match[2]));
    end = size - 1;
  } else {
    start = Number(match[1]);
    end = match[2] === '' ? size - 1 : Math.min(Number(match[2]), size - 1);
  }
  if (start >= size) return 'unsatisfiable';
  // "bytes=5-3" is no valid range: the whole file is the answer (RFC 9110).
  if (start > end) return undefined;
  return { start, end };
}

/** A form the multipart parser could not read (as opposed to our own errors or the disk's). */
function isMalformedForm(err: unknown): boolean {
  if (err instanceof AppError) return false;
  const e = err as { code?: string; syscall?: string; message?: string };
  if (typeof e.code === 'string' && e.code.startsWith('FST_')) return true;
  // busboy's own errors carry neither a code nor a system call.
  return !e.syscall && !e.code && /form|part|boundary|multipart/i.test(e.message ?? '');
}
