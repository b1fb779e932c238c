// Authenticated by default: one hook builds the actor for every /api request from the session
// cookie or a Bearer API token. Routes opt out with `config: { public: true }`. Cookie-authenticated
// writes must carry the session's CSRF token.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Locale } from '@bureau/common';
import type { Actor, RequestOrigin } from '../modules/identity/actor.js';
import type { SessionService } from '../modules/identity/session.service.js';
import { safeEqual } from '../modules/identity/secrets.js';
import { sendError } from './error-handler.js';
import { localeFromHeader } from './i18n.js';

export const SECURE_COOKIE = '__Host-bureau_session';
export const PLAIN_COOKIE = 'bureau_session';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
    locale: Locale;
  }
  interface FastifyContextConfig {
    /** Reachable without signing in. */
    public?: boolean;
    /** Reachable by staff who must still enable the two-factor authentication their office requires. */
    allowWithoutTwoFactor?: boolean;
  }
}

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** A `__Host-` cookie needs Secure, which browsers accept over HTTPS and on localhost only. */
export function cookieIsSecure(request: FastifyRequest): boolean {
  const host = request.hostname.replace(/:\d+$/, '');
  return request.protocol === 'https' || host === 'localhost' || host === '127.0.0.1' || host === '[::1]';
}

export function setSessionCookie(request: FastifyRequest, reply: FastifyReply, token: string, maxAgeSeconds: number) {
  const secure = cookieIsSecure(request);
  reply.setCookie(secure ? SECURE_COOKIE : PLAIN_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure,
    maxAge: maxAgeSeconds,
  });
}

export function clearSessionCookie(request: FastifyRequest, reply: FastifyReply) {
  const secure = cookieIsSecure(request);
  reply.clearCookie(secure ? SECURE_COOKIE : PLAIN_COOKIE, { path: '/', httpOnly: true, sameSite: 'lax', secure });
}

export function originOf(request: FastifyRequest): RequestOrigin {
  return {
    ip: request.ip ?? null,
    userAgent: (request.headers['user-agent'] as string | undefined) ?? null,
    requestId: String(request.id),
    locale: request.locale,
  };
}

export function registerAuth(app: FastifyInstance, sessions: SessionService, publicUrl: string) {
  app.decorateRequest('actor', null);
  app.decorateRequest('locale', 'en');
  const allowedOrigin = new URL(publicUrl).origin;

  app.addHook('onRequest', async (request, reply) => {
    request.locale = localeFromHeader(request.headers['accept-language']);
    if (!request.url.startsWith('/api/')) return;
    const origin = originOf(request);
    const authorization = request.headers.authorization;
    let viaCookie = false;
    if (authorization?.startsWith('Bearer ')) {
      request.actor = await sessions.resolveApiToken(authorization.slice(7).trim(), origin);
    } else {
      const token = request.cookies[SECURE_COOKIE] ?? request.cookies[PLAIN_COOKIE];
      if (token) {
        request.actor = await sessions.resolve(token, origin);
        viaCookie = true;
        if (!request.actor) clearSessionCookie(request, reply);
      }
    }
    if (request.actor) request.locale = request.actor.locale;
    const config = request.routeOptions.config;
    if (WRITE_METHODS.has(request.method)) {
      // Login CSRF and cross-site writes: a browser's Origin header must be ours (or the Host's).
      const sentOrigin = request.headers.origin;
      const hostOrigin = `${request.protocol}://${request.headers.host}`;
      if (sentOrigin && sentOrigin !== allowedOrigin && sentOrigin !== hostOrigin)
        return sendError(request, reply, 'csrf_invalid');
      // Public routes (sign-in, setup, links from e-mails) are guarded by the Origin check and
      // SameSite; a browser may hold a stale session without its token there.
      if (viaCookie && request.actor && !config.public) {
        const sent = request.headers['x-csrf-token'];
        if (typeof sent !== 'string' || !request.actor.csrfToken || !safeEqual(sent, request.actor.csrfToken)) {
          return sendError(request, reply, 'csrf_invalid');
        }
      }
    }
    if (config.public) return;
    if (!request.actor) return sendError(request, reply, 'unauthenticated');
    const actor = request.actor;
    if (actor.kind === 'staff' && actor.requireTwoFactor && !actor.totpEnabled && !config.allowWithoutTwoFactor) {
      return sendError(request, reply, 'auth.two_factor_required');
    }
  });
}

/** The actor of a route that is not public (the hook guarantees it). */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw new Error('actorOf() on a route without an actor');
  return request.actor;
}
