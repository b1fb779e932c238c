// One error handler: every error leaves as { error: { code, message, fields? } } with a stable code
// and a message in the user's language; 5xx details are logged with the request id, never sent.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { errorStatus, type ErrorCode } from '@bureau/common';
import { AppError, type FieldError } from './app-error.js';
import { translator } from './i18n.js';

type AjvError = { instancePath: string; keyword: string; params: Record<string, unknown>; message?: string };

function fieldFromAjv(err: AjvError): [string, FieldError] {
  const path = err.instancePath.replace(/^\//, '').replaceAll('/', '.');
  switch (err.keyword) {
    case 'required':
      return [[path, err.params.missingProperty].filter(Boolean).join('.'), { code: 'required' }];
    case 'additionalProperties':
      return [[path, err.params.additionalProperty].filter(Boolean).join('.'), { code: 'unknown_field' }];
    case 'maxLength':
    case 'maxItems':
      return [path, { code: 'too_long', params: { max: Number(err.params.limit) } }];
    case 'minLength':
      return [
        path,
        Number(err.params.limit) <= 1
          ? { code: 'required' }
          : { code: 'too_short', params: { min: Number(err.params.limit) } },
      ];
    case 'format':
      return [path, { code: err.params.format === 'email' ? 'email_invalid' : 'invalid' }];
    default:
      return [path || 'body', { code: 'invalid' }];
  }
}

export function sendError(
  request: FastifyRequest,
  reply: FastifyReply,
  code: ErrorCode,
  options: AppError['options'] = {},
) {
  const t = translator(request.locale);
  const fields = options.fields
    ? Object.fromEntries(
        Object.entries(options.fields).map(([field, f]) => {
          const params = { ...f.params };
          if (typeof params.kind === 'string') params.kind = t(`errors:taxIdKind.${params.kind}`);
          return [field, t(`errors:field.${f.code}`, params)];
        }),
      )
    : undefined;
  for (const [name, value] of Object.entries(options.headers ?? {})) reply.header(name, value);
  return reply.status(errorStatus[code]).send({
    error: {
      code,
      message: t(`errors:${code}`, options.params),
      ...(fields && { fields }),
      ...(options.details && { details: options.details }),
    },
  });
}

export function registerErrorHandler(app: FastifyInstance) {
  app.setErrorHandler((err: FastifyError, request, reply) => {
    if (err instanceof AppError) {
      // A 5xx from the catalogue (a registry down, its firewall's support ID) keeps its details in the log, never in the answer.
      if (errorStatus[err.code] >= 500)
        request.log.warn({ code: err.code, params: err.options.params }, 'request failed: %s', err.code);
      return sendError(request, reply, err.code, err.options);
    }
    if (err.validation) {
      const fields = Object.fromEntries((err.validation as AjvError[]).map(fieldFromAjv));
      return sendError(request, reply, 'validation', { fields });
    }
    if (
      err.code === 'FST_ERR_CTP_INVALID_JSON_BODY' ||
      err.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' ||
      err instanceof SyntaxError
    ) {
      return sendError(request, reply, 'invalid_json');
    }
    if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return sendError(request, reply, 'payload_too_large');
    if (err.statusCode === 429) return sendError(request, reply, 'rate_limited');
    if (err.statusCode === 415) return sendError(request, reply, 'invalid_json');
    if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
      return sendError(
        request,
        reply,
        err.statusCode === 404 ? 'not_found' : err.statusCode === 403 ? 'forbidden' : 'validation',
      );
    }
    request.log.error({ err }, 'request failed');
    return sendError(request, reply, 'internal');
  });
}
