// GET /api/ws: the browser's realtime channel, authenticated by its session cookie (or a Bearer
// token), from our own origin only.
import type { FastifyInstance } from 'fastify';
import { originOf, PLAIN_COOKIE, SECURE_COOKIE } from '../../http/auth.js';
import { isUuid } from '../../http/ids.js';

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
    // The browser says what it has received ("delivered"). Acknowledgements are merged per
    // conversation (the highest position wins) and recorded one batch at a time, so a flood of
    // frames costs one write per conversation; whatever is pending when the socket closes is dropped.
    const pending = new Map<string, number>();
    let draining = false;
    let open = true;
    const drain = async () => {
      draining = true;
      try {
        while (open && pending.size > 0) {
          const batch = [...pending].slice(0, 20);
          for (const [id] of batch) pending.delete(id);
          const current = await resolve();
          if (!current) return;
          for (const [conversationId, seq] of batch) {
            await conversations.markDelivered(current, conversationId, seq).catch(() => {
              // A conversation no longer visible: nothing to record.
            });
          }
        }
      } finally {
        draining = false;
      }
    };
    socket.on('message', (data, isBinary) => {
      const ack = isBinary ? undefined : parseDelivered(data.toString());
      if (!ack || (pending.size >= 200 && !pending.has(ack.conversationId))) return;
      pending.set(ack.conversationId, Math.max(pending.get(ack.conversationId) ?? 0, ack.seq));
      if (!draining) void drain().catch(() => {});
    });
    socket.on('close', () => {
      open = false;
      pending.clear();
    });
  });
}

/** `{"type":"delivered","conversationId":"…","seq":N}` from the browser, or undefined for anything else. */
export function parseDelivered(text: string): { conversationId: string; seq: number } | undefined {
  if (text.length > 512) return undefined;
  try {
    const message = JSON.parse(text) as { type?: unknown; conversationId?: unknown; seq?: unknown };
    if (message.type !== 'delivered' || !isUuid(message.conversationId)) return undefined;
    if (typeof message.seq !== 'number' || !Number.isSafeInteger(message.seq) || message.seq < 1) return undefined;
    return { conversationId: message.conversationId, seq: message.seq };
  } catch {
    return undefined;
  }
}
