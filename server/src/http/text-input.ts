// Text PostgreSQL cannot store (db/text.ts: a NUL character, a lone UTF-16 surrogate) is refused at
// the door, once for every route: every string of the path parameters, the query and a JSON body —
// object keys too — is checked before the route's schema, and the field is named in the 400.
import type { FastifyInstance } from 'fastify';
import { findUnstorableText } from '../db/text.js';
import { invalid } from './app-error.js';

export function registerTextInputCheck(app: FastifyInstance) {
  app.addHook('preValidation', async (request) => {
    for (const part of [request.params, request.query, request.body]) {
      const field = findUnstorableText(part);
      if (field !== undefined) throw invalid({ [field || 'body']: { code: 'text_invalid_characters' } });
    }
  });
}
