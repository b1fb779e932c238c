// Sign-in, sign-out, passwordless codes, password links, and the signed-in person's own account.
import {
  Accepted,
  ApiTokenList,
  ChangePasswordBody,
  CodeBody,
  CompleteTokenBody,
  ContextBody,
  EmailBody,
  IdParams,
  MAX_ATTACHMENTS_PER_MESSAGE,
  MeSchema,
  NewApiToken,
  NewApiTokenBody,
  NoContent,
  SessionList,
  SignInBody,
  TokenInfo,
  TokenParams,
  TotpSetup,
  UpdateMeBody,
  VerifyCodeBody,
} from '@bureau/common';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { actorOf, clearSessionCookie, originOf } from '../../http/auth.js';
import { answerSignedIn } from '../../http/signed-in.js';
import type { SignedIn } from './auth.service.js';

export async function identityRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { auth, account } = app.services;

  const signedIn = (request: FastifyRequest, reply: FastifyReply, result: SignedIn) =>
    answerSignedIn(app, request, reply, result);

  const auth200 = { response: { 200: MeSchema } };

  app.post(
    '/auth/sign-in',
    { config: { public: true }, schema: { tags: ['auth'], body: SignInBody, ...auth200 } },
    async (request, reply) => signedIn(request, reply, await auth.signInWithPassword(originOf(request), request.body)),
  );

  app.post(
    '/auth/sign-out',
    { config: { public: true, allowWithoutTwoFactor: true }, schema: { tags: ['auth'], response: NoContent } },
    async (request, reply) => {
      if (request.actor) await auth.signOut(request.actor);
      clearSessionCookie(request, reply);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/auth/email-code',
    { config: { public: true }, schema: { tags: ['auth'], body: EmailBody, response: Accepted } },
    async (request, reply) => {
      await auth.requestEmailCode(originOf(request), request.body.email);
      return reply.status(202).send(null);
    },
  );

  app.post(
    '/auth/email-code/verify',
    { config: { public: true }, schema: { tags: ['auth'], body: VerifyCodeBody, ...auth200 } },
    async (request, reply) => {
      const body = request.body;
      const result =
        'token' in body
          ? await auth.verifyEmailLink(originOf(request), body.token)
          : await auth.verifyEmailCode(originOf(request), body);
      return signedIn(request, reply, result);
    },
  );

  app.post(
    '/auth/password-reset',
    { config: { public: true }, schema: { tags: ['auth'], body: EmailBody, response: Accepted } },
    async (request, reply) => {
      await auth.requestPasswordReset(originOf(request), request.body.email);
      return reply.status(202).send(null);
    },
  );

  app.post(
    '/auth/password-reset/complete',
    { config: { public: true }, schema: { tags: ['auth'], body: CompleteTokenBody, ...auth200 } },
    async (request, reply) =>
      signedIn(request, reply, await auth.completePasswordToken(originOf(request), request.body)),
  );

  app.get(
    '/auth/token/:token',
    { config: { public: true }, schema: { tags: ['auth'], params: TokenParams, response: { 200: TokenInfo } } },
    async (request) => auth.describePasswordToken(request.params.token),
  );

  // --- my account ------------------------------------------------------------------------------
  const own = { allowWithoutTwoFactor: true };

  app.get('/me', { config: own, schema: { tags: ['account'], ...auth200 } }, async (request) => ({
    ...(await account.me(actorOf(request))),
    limits: { attachmentMaxBytes: app.config.attachmentMaxBytes, attachmentsPerMessage: MAX_ATTACHMENTS_PER_MESSAGE },
  }));

  app.patch('/me', { config: own, schema: { tags: ['account'], body: UpdateMeBody, ...auth200 } }, async (request) =>
    account.me(await account.updateProfile(actorOf(request), request.body)),
  );

  app.post(
    '/me/password',
    { config: own, schema: { tags: ['account'], body: ChangePasswordBody, response: NoContent } },
    async (request, reply) => {
      await account.changePassword(actorOf(request), request.body);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/me/context',
    { config: own, schema: { tags: ['account'], body: ContextBody, ...auth200 } },
    async (request, reply) => {
      const session = await account.switchContext(actorOf(request), originOf(request), {
        officeId: request.body.officeId,
        companyId: request.body.companyId ?? null,
      });
      return signedIn(request, reply, { ...session, userId: actorOf(request).userId, officeId: request.body.officeId });
    },
  );

  app.get(
    '/me/sessions',
    { config: own, schema: { tags: ['account'], response: { 200: SessionList } } },
    async (request) => ({
      items: await account.listSessions(actorOf(request)),
    }),
  );

  app.delete(
    '/me/sessions/:id',
    { config: own, schema: { tags: ['account'], params: IdParams, response: NoContent } },
    async (request, reply) => {
      await account.revokeSession(actorOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/me/totp/setup',
    { config: own, schema: { tags: ['account'], response: { 200: TotpSetup } } },
    async (request) => account.startTotpSetup(actorOf(request)),
  );

  app.post(
    '/me/totp/enable',
    { config: own, schema: { tags: ['account'], body: CodeBody, response: NoContent } },
    async (request, reply) => {
      await account.enableTotp(actorOf(request), request.body.code);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/me/totp/disable',
    { config: own, schema: { tags: ['account'], body: CodeBody, response: NoContent } },
    async (request, reply) => {
      await account.disableTotp(actorOf(request), request.body.code);
      return reply.status(204).send(null);
    },
  );

  app.get('/me/api-tokens', { schema: { tags: ['account'], response: { 200: ApiTokenList } } }, async (request) => ({
    items: await account.listApiTokens(actorOf(request)),
  }));

  app.post(
    '/me/api-tokens',
    { schema: { tags: ['account'], body: NewApiTokenBody, response: { 201: NewApiToken } } },
    async (request, reply) => reply.status(201).send(await account.createApiToken(actorOf(request), request.body)),
  );

  app.delete(
    '/me/api-tokens/:id',
    { schema: { tags: ['account'], params: IdParams, response: NoContent } },
    async (request, reply) => {
      await account.revokeApiToken(actorOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );
}
