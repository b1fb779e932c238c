// Invitations: managed by staff (and a company's full-access users), followed by the invited person from the e-mailed
// link (public), or accepted in the app by someone already signed in to the office.
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { actorOf, originOf } from '../../http/auth.js';
import { answerSignedIn } from '../../http/signed-in.js';
import {
  AcceptInvitationBody,
  IdParams,
  InvitationList,
  InvitationListQuery,
  InvitationPreviewSchema,
  InvitationSchema,
  InvitationTokenParams,
  JoinedCompany,
  MeSchema,
  MyInvitationList,
  NewInvitationBody,
  StaffInvitationList,
  StaffInvitationSchema,
} from '@bureau/common';

export async function invitationRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { invitations } = app.services;
  const tags = ['invitations'];

  app.get(
    '/invitations',
    {
      schema: {
        tags,
        querystring: InvitationListQuery,
        response: { 200: InvitationList },
      },
    },
    async (request) => ({ items: await invitations.list(actorOf(request), request.query) }),
  );

  app.post(
    '/invitations',
    { schema: { tags, body: NewInvitationBody, response: { 201: InvitationSchema } } },
    async (request, reply) => {
      reply.code(201);
      return invitations.create(actorOf(request), request.body);
    },
  );

  app.post(
    '/invitations/:id/resend',
    { schema: { tags, params: IdParams, response: { 200: InvitationSchema } } },
    async (request) => invitations.resend(actorOf(request), request.params.id),
  );

  app.post(
    '/invitations/:id/revoke',
    { schema: { tags, params: IdParams, response: { 200: InvitationSchema } } },
    async (request) => invitations.revoke(actorOf(request), request.params.id),
  );

  app.get('/staff/invitations', { schema: { tags, response: { 200: StaffInvitationList } } }, async (request) => ({
    items: await invitations.listStaff(actorOf(request)),
  }));

  app.post(
    '/staff/invitations/:id/resend',
    { schema: { tags, params: IdParams, response: { 200: StaffInvitationSchema } } },
    async (request) => invitations.resendStaff(actorOf(request), request.params.id),
  );

  app.post(
    '/staff/invitations/:id/revoke',
    { schema: { tags, params: IdParams, response: { 200: StaffInvitationSchema } } },
    async (request) => invitations.revokeStaff(actorOf(request), request.params.id),
  );

  app.get(
    '/invitation-links/:token',
    {
      config: { public: true },
      schema: { tags, params: InvitationTokenParams, response: { 200: InvitationPreviewSchema } },
    },
    async (request) => invitations.preview(originOf(request), request.params.token),
  );

  app.post(
    '/invitation-links/:token/accept',
    {
      config: { public: true },
      schema: { tags, params: InvitationTokenParams, body: AcceptInvitationBody, response: { 200: MeSchema } },
    },
    async (request, reply) =>
      answerSignedIn(
        app,
        request,
        reply,
        await invitations.accept(originOf(request), request.params.token, request.body),
      ),
  );

  // The same link followed by someone signed in as the person it is for (any office): no password asked again.
  app.post(
    '/me/invitation-links/:token/accept',
    { schema: { tags, params: InvitationTokenParams, response: { 200: MeSchema } } },
    async (request, reply) =>
      answerSignedIn(
        app,
        request,
        reply,
        await invitations.acceptSignedIn(actorOf(request), originOf(request), request.params.token),
      ),
  );

  app.get('/me/invitations', { schema: { tags, response: { 200: MyInvitationList } } }, async (request) => ({
    items: await invitations.mine(actorOf(request)),
  }));

  app.post(
    '/me/invitations/:id/accept',
    { schema: { tags, params: IdParams, response: { 200: JoinedCompany } } },
    async (request) => invitations.acceptMine(actorOf(request), request.params.id),
  );
}
