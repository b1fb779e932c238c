// Serves the built web app (web/dist): its hashed files for a year, everything else revalidated on every use, each in
// the smallest encoding the browser accepts (the build writes .br and .gz copies beside each file; web/build/
// precompress.ts), and index.html for every other GET so the single-page app handles its own routes.
import { existsSync } from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { sendError } from './error-handler.js';

/** Vite names every file it writes under assets/ by its content: a changed file is a new URL, so it never goes stale. */
export const HASHED_CACHE = 'public, max-age=31536000, immutable';
/** The page, the service worker, the manifest and the icons keep their names: a browser asks again (a 304 is cheap). */
export const REVALIDATED_CACHE = 'no-cache';

const isHashedAsset = (root: string, file: string) => path.relative(root, file).split(path.sep)[0] === 'assets';

export async function registerWebApp(app: FastifyInstance, webDistDir: string): Promise<void> {
  const indexHtml = path.join(webDistDir, 'index.html');
  if (existsSync(indexHtml)) {
    // wildcard: files are looked up per request, so a rebuilt web app needs no restart.
    await app.register(fastifyStatic, {
      root: webDistDir,
      index: false,
      preCompressed: true,
      cacheControl: false,
      setHeaders: (reply: FastifyReply, file: string) => {
        reply.header('cache-control', isHashedAsset(webDistDir, file) ? HASHED_CACHE : REVALIDATED_CACHE);
      },
    });
    app.get('/', { schema: { hide: true } }, (_request, reply) => reply.sendFile('index.html'));
  }
  app.setNotFoundHandler((request, reply) => {
    if (request.url.startsWith('/api/') || request.url === '/api' || request.method !== 'GET')
      return sendError(request, reply, 'not_found');
    // A chunk of an older build (a tab open across an upgrade): a 404 lets the app notice, where the page would be
    // parsed as a script.
    if (request.url.startsWith('/assets/')) return reply.status(404).type('text/plain').send('Not found');
    if (!existsSync(indexHtml)) {
      return reply
        .status(503)
        .type('text/plain')
        .send('The web app is not built yet: run `npm run build` (npm start does it for you).');
    }
    // The single-page app handles its own routes; its index must never be cached stale.
    return reply.sendFile('index.html');
  });
}
