// SMS: the office's provider settings, a test SMS and the SMS log (office admins), and the public
// delivery-report routes each provider calls back.
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { actorOf } from '../../http/auth.js';
import {
  IdParams,
  NoContent,
  OfficeIdParams,
  ProviderAck,
  ReportFields,
  SmsapiReportParams,
  SmsListQuery,
  SmsPage,
  SmsSchema,
  SmsSettingsBody,
  SmsSettingsSchema,
  SmsTestBody,
} from '@bureau/common';

export async function smsRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { sms } = app.services;

  // Twilio posts its status callbacks as a form; this plugin's routes are the only ones that take one.
  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string', bodyLimit: 64 * 1024 },
    (_request, body, done) => {
      done(null, Object.fromEntries(new URLSearchParams(body as string)));
    },
  );

  app.get('/sms/settings', { schema: { tags: ['sms'], response: { 200: SmsSettingsSchema } } }, async (request) =>
    sms.settings(actorOf(request)),
  );
  app.put(
    '/sms/settings',
    { schema: { tags: ['sms'], body: SmsSettingsBody, response: { 200: SmsSettingsSchema } } },
    async (request) => sms.updateSettings(actorOf(request), request.body),
  );
  app.post(
    '/sms/test',
    { schema: { tags: ['sms'], body: SmsTestBody, response: { 202: SmsSchema } } },
    async (request, reply) => reply.status(202).send(await sms.sendTest(actorOf(request), request.body.to)),
  );
  app.get(
    '/sms/messages',
    { schema: { tags: ['sms'], querystring: SmsListQuery, response: { 200: SmsPage } } },
    async (request) => {
      const { page = 1, pageSize = 50, status } = request.query;
      return sms.list(actorOf(request), page, pageSize, status as Parameters<typeof sms.list>[3]);
    },
  );

  app.post(
    '/sms/messages/:id/retry',
    { schema: { tags: ['sms'], params: IdParams, response: NoContent } },
    async (request, reply) => {
      await sms.retry(actorOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/sms/status/twilio/:officeId',
    {
      config: { public: true },
      schema: { tags: ['sms'], params: OfficeIdParams, body: ReportFields, response: NoContent },
    },
    async (request, reply) => {
      // Twilio signs the URL it called: the portal's public address, not the one a proxy passed on.
      const signature = request.headers['x-twilio-signature'];
      await sms.twilioReport(
        request.params.officeId,
        `${app.config.publicUrl}${request.url}`,
        request.body,
        typeof signature === 'string' ? signature : undefined,
      );
      return reply.status(204).send(null);
    },
  );
  app.get(
    '/sms/status/smsapi/:officeId/:token',
    {
      config: { public: true },
      schema: {
        tags: ['sms'],
        params: SmsapiReportParams,
        querystring: ReportFields,
        response: { 200: ProviderAck },
      },
    },
    async (request, reply) => {
      await sms.smsapiReport(request.params.officeId, request.params.token, request.query);
      // SMSAPI calls again until it reads OK.
      return reply.type('text/plain').send('OK');
    },
  );
}
