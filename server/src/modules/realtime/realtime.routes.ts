// GET /api/ws: the browser's realtime channel, authenticated by its session cookie (or a Bearer
// token), from our own origin only.
import type { FastifyInstance } from 'fastify';
import { originOf, PLAIN_COOKIE, SECURE_COOKIE } from '../../http/auth.js';
import { deliveredAcks } from './delivered-acks.js';

export async function realtimeRoutes(app: FastifyInstance) {
  const { gateway, sessions, conversations } = app.services;
  const allowedOrigin = new URL(app.config.publicUrl).origin;

  app.get('/ws', { websocket: true, schema: { hide: true } }, (socket, request) => {
    const origin = request.headers.origin;
    if (origin && origin !== allowedOrigin && origin !== `${request.protocol}://${request.headers.host}`) {
      socket.close(1008, 'origin not allowed');
      return;
    }
    const actor = request.actor!;
    const cookie = request.cookies[SECURE_COOKIE] ?? request.cookies[PLAIN_COOKIE];
    const bearer = request.headers.authorization?.startsWith('Bearer ')
      ? request.headers.authorization.slice(7).trim()
      : undefined;
    const from = originOf(request);
    const resolve = () =>
      cookie ? sessions.resolve(cookie, from) : bearer ? sessions.resolveApiToken(bearer, from) : Promise.resolve(null);
    const after = Number((request.query as { after?: string }).after);
    void gateway.connect(socket, actor, Number.isSafeInteger(after) && after >= 0 ? after : undefined);
    const acks = deliveredAcks(resolve, (current, conversationId, seq) =>
      conversations.markDelivered(current, conversationId, seq),
    );
    socket.on('message', (data, isBinary) => {
      if (!isBinary) acks.receive(data.toString());
    });
    socket.on('close', () => acks.close());
  });
}
