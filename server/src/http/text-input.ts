// Text PostgreSQL cannot store is refused at the door, once for every route: a NUL character (text
// and JSON columns refuse it) or a lone UTF-16 surrogate (half of an emoji: jsonb refuses it, and a
// text column would silently get U+FFFD). Every string of the path parameters, the query and a JSON
// body — object keys too — is checked before the route's schema, and the field is named in the 400.
import type { FastifyInstance } from 'fastify';
import { invalid } from './app-error.js';

// A NUL, a high surrogate without its low half, or a low one without its high half (UTF-16 code units).
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** True for a string PostgreSQL can store as it is. */
export const isStorableText = (value: string): boolean => !UNSTORABLE.test(value);

/** The path ("items.2.name") of the first string in `root` that cannot be stored, if any. */
export function findUnstorableText(root: unknown): string | undefined {
  // An explicit stack, not recursion: a 1 MB body can nest far deeper than the call stack.
  const stack: [unknown, string][] = [[root, '']];
  while (stack.length > 0) {
    const [value, path] = stack.pop()!;
    if (typeof value === 'string') {
      if (!isStorableText(value)) return path;
    } else if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) stack.push([value[i], path ? `${path}.${i}` : String(i)]);
    } else if (value && typeof value === 'object') {
      for (const [key, child] of Object.entries(value)) {
        // A key that cannot be stored is reported as its object (the key itself cannot be echoed).
        if (!isStorableText(key)) return path;
        stack.push([child, path ? `${path}.${key}` : key]);
      }
    }
  }
  return undefined;
}

export function registerTextInputCheck(app: FastifyInstance) {
  app.addHook('preValidation', async (request) => {
    for (const part of [request.params, request.query, request.body]) {
      const field = findUnstorableText(part);
      if (field !== undefined) throw invalid({ [field || 'body']: { code: 'text_invalid_characters' } });
    }
  });
}
