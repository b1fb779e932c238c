// Invitations: managed by staff (and a company's full-access users), followed by the invited person from the e-mailed
// link (public), or accepted in the app by someone already signed in to the office.
import type { FastifyInstance } from 'fastify';
import { Type, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { actorOf, originOf } from '../../http/auth.js';
import { answerSignedIn } from '../identity/identity.routes.js';
import {
  AccessSchema,
  Email,
  IdParams,
  InvitationSchema,
  LocaleSchema,
  MeSchema,
  Name,
  Nullable,
  Password,
  StaffInvitationSchema,
  InvitationStatusSchema,
  StrictObject,
  Uuid,
} from '@bureau/common';

const InvitedCompanyBody = StrictObject({
  country: Type.Union([Type.Literal('PL'), Type.Literal('RO'), Type.Literal('FR'), Type.Literal('BE')]),
  taxId: Type.String({ minLength: 1, maxLength: 40 }),
  name: Name,
  address: Type.Optional(
    StrictObject({
      line1: Type.String({ minLength: 1, maxLength: 200 }),
      postalCode: Type.String({ maxLength: 20 }),
      city: Type.String({ maxLength: 100 }),
      region: Type.Optional(Type.String({ maxLength: 100 })),
      country: Type.String({ minLength: 2, maxLength: 2 }),
    }),
  ),
});

const NewInvitationBody = StrictObject({
  companyId: Type.Optional(Uuid),
  company: Type.Optional(InvitedCompanyBody),
  email: Email,
  name: Name,
  phone: Type.Optional(Type.String({ maxLength: 40 })),
  access: AccessSchema,
  locale: Type.Optional(LocaleSchema),
});

const PreviewSchema = Type.Object({
  officeName: Type.String(),
  companyName: Nullable(Type.String()),
  companyTaxId: Nullable(Type.String()),
  companyCountry: Nullable(Type.String()),
  email: Type.String(),
  name: Type.String(),
  access: Type.Union([AccessSchema, Type.Null()]),
  role: Type.Union([Type.Literal('owner'), Type.Literal('admin'), Type.Literal('employee'), Type.Null()]),
  expiresAt: Type.String(),
  locale: Type.String(),
  accountExists: Type.Boolean(),
  signInRequired: Type.Boolean(),
  twoFactor: Type.Boolean(),
});

const TokenParams = StrictObject({ token: Type.String({ minLength: 1, maxLength: 200 }) });
const AcceptBody = StrictObject({
  name: Type.Optional(Name),
  password: Password,
  totpCode: Type.Optional(Type.String({ maxLength: 12 })),
  locale: Type.Optional(LocaleSchema),
});

const MyInvitationSchema = Type.Object({
  id: Type.String(),
  companyId: Type.String(),
  companyName: Type.String(),
  access: AccessSchema,
  expiresAt: Type.String(),
  invitedByName: Nullable(Type.String()),
});

export async function invitationRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { invitations } = app.services;
  const tags = ['invitations'];

  app.get(
    '/invitations',
    {
      schema: {
        tags,
        querystring: StrictObject({ companyId: Type.Optional(Uuid), status: Type.Optional(InvitationStatusSchema) }),
        response: { 200: Type.Object({ items: Type.Array(InvitationSchema) }) },
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

  app.get(
    '/staff/invitations',
    { schema: { tags, response: { 200: Type.Object({ items: Type.Array(StaffInvitationSchema) }) } } },
    async (request) => ({
      items: await invitations.listStaff(actorOf(request)),
    }),
  );

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
    { config: { public: true }, schema: { tags, params: TokenParams, response: { 200: PreviewSchema } } },
    async (request) => invitations.preview(originOf(request), request.params.token),
  );

  app.post(
    '/invitation-links/:token/accept',
    { config: { public: true }, schema: { tags, params: TokenParams, body: AcceptBody, response: { 200: MeSchema } } },
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
    { schema: { tags, params: TokenParams, response: { 200: MeSchema } } },
    async (request, reply) =>
      answerSignedIn(
        app,
        request,
        reply,
        await invitations.acceptSignedIn(actorOf(request), originOf(request), request.params.token),
      ),
  );

  app.get(
    '/me/invitations',
    { schema: { tags, response: { 200: Type.Object({ items: Type.Array(MyInvitationSchema) }) } } },
    async (request) => ({
      items: await invitations.mine(actorOf(request)),
    }),
  );

  app.post(
    '/me/invitations/:id/accept',
    { schema: { tags, params: IdParams, response: { 200: Type.Object({ companyId: Type.String() }) } } },
    async (request) => invitations.acceptMine(actorOf(request), request.params.id),
  );
}
