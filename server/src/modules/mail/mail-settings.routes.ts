// The office's own SMTP sender, for office admins: read, save, remove, send a test message.
import type { FastifyInstance } from 'fastify';
import { Type, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { actorOf } from '../../http/auth.js';
import { DateTime, Email, NoContent, NullableDateTime, StrictObject } from '@bureau/common';

const Security = Type.Union([Type.Literal('tls'), Type.Literal('starttls'), Type.Literal('none')]);
const NullableString = Type.Union([Type.String(), Type.Null()]);

const MailSettingsBody = StrictObject({
  host: Type.String({ minLength: 1, maxLength: 253 }),
  port: Type.Integer({ minimum: 1, maximum: 65535 }),
  security: Security,
  username: Type.Optional(Type.Union([Type.String({ maxLength: 254 }), Type.Null()])),
  /** Write-only; left out, the saved one is kept (for the same host). */
  password: Type.Optional(Type.String({ minLength: 1, maxLength: 1024 })),
  fromAddress: Email,
  fromName: Type.Optional(Type.Union([Type.String({ maxLength: 100 }), Type.Null()])),
});

const MailSettings = Type.Object({
  host: Type.String(),
  port: Type.Integer(),
  security: Security,
  username: NullableString,
  hasPassword: Type.Boolean(),
  fromAddress: Type.String(),
  fromName: NullableString,
  verifiedAt: NullableDateTime,
  lastError: NullableString,
  updatedAt: DateTime,
});

export async function mailSettingsRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { mailSettings } = app.services;
  const tags = ['office'];
  app.get(
    '/office/mail-settings',
    {
      schema: {
        tags,
        response: {
          200: Type.Object({ settings: Type.Union([MailSettings, Type.Null()]), instanceSmtp: Type.Boolean() }),
        },
      },
    },
    async (request) => mailSettings.get(actorOf(request)),
  );
  app.put(
    '/office/mail-settings',
    { schema: { tags, body: MailSettingsBody, response: { 200: MailSettings } } },
    async (request) => mailSettings.save(actorOf(request), request.body),
  );
  app.delete('/office/mail-settings', { schema: { tags, response: NoContent } }, async (request, reply) => {
    await mailSettings.remove(actorOf(request));
    return reply.status(204).send(null);
  });
  app.post(
    '/office/mail-settings/test',
    {
      schema: {
        tags,
        body: StrictObject({ to: Email, settings: Type.Optional(MailSettingsBody) }),
        response: { 200: Type.Object({ to: Type.String() }) },
      },
    },
    async (request) => mailSettings.test(actorOf(request), request.body),
  );
}
