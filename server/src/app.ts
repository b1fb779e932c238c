// Builds the Fastify application (server.ts / main.ts listen): security headers, cookies, the
// auth hook, the error handler, the OpenAPI document, the API modules and the web app.
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import swagger from '@fastify/swagger';
import websocket from '@fastify/websocket';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import type { Config } from './config.js';
import type { Database } from './db/database.js';
import { registerAuth } from './http/auth.js';
import { registerErrorHandler } from './http/error-handler.js';
import { registerTextInputCheck } from './http/text-input.js';
import { registerWebApp } from './http/web-app.js';
import { lazySerializerBuilder, lazyValidatorBuilder } from './http/lazy-compilers.js';
import { attachmentRoutes } from './modules/attachments/attachment.routes.js';
import { auditRoutes } from './modules/audit/audit.routes.js';
import { identityRoutes } from './modules/identity/identity.routes.js';
import { importRoutes } from './modules/onboarding/import.routes.js';
import { inboundRoutes } from './modules/inbound/inbound.routes.js';
import { notificationRoutes } from './modules/notify/notification.routes.js';
import { broadcastRoutes } from './modules/broadcast/broadcast.routes.js';
import { registryRoutes } from './modules/registry/registry.routes.js';
import { invitationRoutes } from './modules/onboarding/invitation.routes.js';
import { portfolioRoutes } from './modules/onboarding/portfolio.routes.js';
import { pushRoutes } from './modules/push/push.routes.js';
import { mailSettingsRoutes } from './modules/mail/mail-settings.routes.js';
import { mailRoutes } from './modules/mail/mail.routes.js';
import { messagingRoutes } from './modules/messaging/messaging.routes.js';
import { realtimeRoutes } from './modules/realtime/realtime.routes.js';
import { smsRoutes } from './modules/sms/sms.routes.js';
import { systemRoutes } from './modules/system/system.routes.js';
import { tenancyRoutes } from './modules/tenancy/tenancy.routes.js';
import { createServices, type Services } from './services.js';

declare module 'fastify' {
  interface FastifyInstance {
    services: Services;
    config: Config;
    /** Every API route, for the authorization matrix test and the docs. */
    apiRoutes: { method: string; url: string; public: boolean }[];
  }
}

/** A year, this host and its subdomains (sent over HTTPS only). */
export const HSTS = 'max-age=31536000; includeSubDomains';

/** The URL with secret path segments (tokens of e-mailed links) replaced. */
export function redactUrl(url: string): string {
  return url.replace(
    /^(\/api\/auth\/token|\/set-password|\/reset-password|\/sign-in\/link|\/invite|\/api\/invitation-links|\/api\/sms\/status\/smsapi\/[^/?#]+)\/[^/?#]+/,
    '$1/[redacted]',
  );
}

export async function buildApp(
  config: Config,
  db: Database,
  options: { logger?: FastifyServerOptions['logger'] } = {},
): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ?? {
      level: config.logLevel,
      serializers: {
        // Links from e-mails (and SMSAPI's report URL) carry secrets in the path (/api/auth/token/<token>): never log them.
        req: (req: { method: string; url: string; ip?: string }) => ({
          method: req.method,
          url: redactUrl(req.url),
          ip: req.ip,
        }),
      },
    },
    trustProxy: config.trustProxy,
    bodyLimit: 1024 * 1024,
    // A request must arrive whole within 15 minutes: a 25 MB upload at 30 kB/s still does, a trickle
    // holding a temp file and a connection forever does not.
    requestTimeout: 15 * 60_000,
    routerOptions: { maxParamLength: 300 },
    ajv: { customOptions: { removeAdditional: false, allErrors: true, coerceTypes: 'array', useDefaults: true } },
    schemaController: {
      compilersFactory: { buildValidator: lazyValidatorBuilder, buildSerializer: lazySerializerBuilder },
    },
  });
  app.decorate('config', config);
  app.decorate('services', createServices(config, db, app.log));
  await app.services.files.init();
  // The VAPID key pair is made at the first start of the instance, then the same for every process.
  await app.services.push.init();
  app.decorate('apiRoutes', []);
  app.addHook('onRoute', (route) => {
    // The WebSocket has its own tests (realtime.test.ts): it is no HTTP route to call.
    if (!route.url.startsWith('/api/') || route.url === '/api/openapi.json' || route.websocket) return;
    for (const method of [route.method].flat()) {
      if (method === 'HEAD') continue;
      app.apiRoutes.push({ method, url: route.url, public: !!route.config?.public });
    }
  });

  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        frameSrc: ["'self'"],
        frameAncestors: ["'none'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        workerSrc: ["'self'"],
        manifestSrc: ["'self'"],
      },
    },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
    // Sent per request below: only over HTTPS, which behind a proxy only the request knows.
    strictTransportSecurity: false,
    crossOriginEmbedderPolicy: false,
  });
  await app.register(cookie);
  await app.register(websocket, { options: { maxPayload: 64 * 1024 } });
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'Bureau API',
        version: '1.0.0',
        description: 'Client portal for accounting offices. See docs/API.md.',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: '__Host-bureau_session' },
          bearer: { type: 'http', scheme: 'bearer' },
        },
      },
      security: [{ session: [] }, { bearer: [] }],
    },
  });

  // HTTPS is known from PUBLIC_URL, or per request from the socket or (TRUST_PROXY) X-Forwarded-Proto;
  // over plain HTTP a browser must not be told to insist on HTTPS for a year.
  const httpsEverywhere = new URL(config.publicUrl).protocol === 'https:';
  app.addHook('onRequest', async (request, reply) => {
    if (httpsEverywhere || request.protocol === 'https') reply.header('strict-transport-security', HSTS);
  });
  app.addHook('onSend', async (request, reply, payload) => {
    if (request.url.startsWith('/api/')) reply.header('cache-control', 'no-store');
    return payload;
  });

  registerErrorHandler(app);
  registerTextInputCheck(app);
  registerAuth(app, app.services.sessions, config.publicUrl);

  await app.register(
    async (api) => {
      await api.register(systemRoutes);
      await api.register(identityRoutes);
      await api.register(tenancyRoutes);
      await api.register(auditRoutes);
      await api.register(mailRoutes);
      await api.register(inboundRoutes);
      await api.register(mailSettingsRoutes);
      await api.register(messagingRoutes);
      await api.register(attachmentRoutes);
      await api.register(realtimeRoutes);
      await api.register(notificationRoutes);
      await api.register(broadcastRoutes);
      await api.register(registryRoutes);
      await api.register(invitationRoutes);
      await api.register(portfolioRoutes);
      await api.register(importRoutes);
      await api.register(pushRoutes);
      await api.register(smsRoutes);
    },
    { prefix: '/api' },
  );

  await app.services.gateway.start();
  app.addHook('onClose', () => app.services.gateway.stop());
  // Requests add jobs in their transactions; main.ts (or a test) starts the workers that run them.
  await app.services.jobs.start();
  app.addHook('onClose', () => app.services.jobs.stop());

  await registerWebApp(app, config.webDistDir);
  return app;
}
