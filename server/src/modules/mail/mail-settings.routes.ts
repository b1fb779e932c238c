// The office's own SMTP sender, for office admins: read, save, remove, send a test message.
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { actorOf } from '../../http/auth.js';
import {
  MailSettings,
  MailSettingsBody,
  MailSettingsState,
  MailTestBody,
  MailTestResult,
  NoContent,
} from '@bureau/common';

export async function mailSettingsRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { mailSettings } = app.services;
  const tags = ['office'];
  app.get(
    '/office/mail-settings',
    {
      schema: {
        tags,
        response: { 200: MailSettingsState },
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
        body: MailTestBody,
        response: { 200: MailTestResult },
      },
    },
    async (request) => mailSettings.test(actorOf(request), request.body),
  );
}
