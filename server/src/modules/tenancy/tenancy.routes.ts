// First-run setup, office settings, staff, client companies, their users and assignments.
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { actorOf, originOf, setSessionCookie } from '../../http/auth.js';
import {
  AssignmentList,
  AssignmentsBody,
  CompanyListQuery,
  CompanyPage,
  CompanyPatchBody,
  CompanySchema,
  CompanyUserList,
  CompanyUserParams,
  CompanyUserPatch,
  CompanyUserSchema,
  DeletedCompanyList,
  IdParams,
  InvitationSchema,
  MeSchema,
  NewCompanyBody,
  NewCompanyUserBody,
  NewStaffBody,
  NoContent,
  OfficePatch,
  OfficeSchema,
  SetupBody,
  SetupStatus,
  StaffInvitationSchema,
  StaffList,
  StaffPatchBody,
  StaffSchema,
  StatusBody,
  StatusHistory,
  TagList,
  UserIdParams,
} from '@bureau/common';

export async function tenancyRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { office, staff, companies, companyUsers, account, sessions } = app.services;

  app.get(
    '/setup',
    { config: { public: true }, schema: { tags: ['setup'], response: { 200: SetupStatus } } },
    async () => office.setupStatus(),
  );

  app.post(
    '/setup',
    { config: { public: true }, schema: { tags: ['setup'], body: SetupBody, response: { 200: MeSchema } } },
    async (request, reply) => {
      const result = await office.setup(originOf(request), request.body);
      setSessionCookie(request, reply, result.token, app.config.sessionTtlHours * 3600);
      return account.me((await sessions.resolve(result.token, originOf(request)))!);
    },
  );

  app.get('/office', { schema: { tags: ['office'], response: { 200: OfficeSchema } } }, async (request) =>
    office.get(actorOf(request)),
  );
  app.patch(
    '/office',
    { schema: { tags: ['office'], body: OfficePatch, response: { 200: OfficeSchema } } },
    async (request) => office.update(actorOf(request), request.body),
  );

  app.get('/staff', { schema: { tags: ['staff'], response: { 200: StaffList } } }, async (request) => ({
    items: await staff.list(actorOf(request)),
  }));
  // Someone joins the staff by accepting an invitation: the answer is the invitation, whoever the address belongs to.
  app.post(
    '/staff',
    { schema: { tags: ['staff'], body: NewStaffBody, response: { 201: StaffInvitationSchema } } },
    async (request, reply) =>
      reply.status(201).send(await app.services.invitations.createStaff(actorOf(request), request.body)),
  );
  app.patch(
    '/staff/:userId',
    { schema: { tags: ['staff'], params: UserIdParams, body: StaffPatchBody, response: { 200: StaffSchema } } },
    async (request) => staff.update(actorOf(request), request.params.userId, request.body),
  );

  app.get('/companies/tags', { schema: { tags: ['companies'], response: { 200: TagList } } }, async (request) => ({
    items: await companies.tags(actorOf(request)),
  }));
  app.get(
    '/companies',
    { schema: { tags: ['companies'], querystring: CompanyListQuery, response: { 200: CompanyPage } } },
    async (request) => {
      const { page = 1, pageSize = 50, ...filter } = request.query;
      return companies.list(actorOf(request), filter, page, pageSize);
    },
  );
  app.post(
    '/companies',
    { schema: { tags: ['companies'], body: NewCompanyBody, response: { 201: CompanySchema } } },
    async (request, reply) => reply.status(201).send(await companies.create(actorOf(request), request.body)),
  );
  app.get(
    '/companies/:id',
    { schema: { tags: ['companies'], params: IdParams, response: { 200: CompanySchema } } },
    async (request) => companies.get(actorOf(request), request.params.id),
  );
  app.patch(
    '/companies/:id',
    { schema: { tags: ['companies'], params: IdParams, body: CompanyPatchBody, response: { 200: CompanySchema } } },
    async (request) => companies.update(actorOf(request), request.params.id, request.body),
  );
  app.post(
    '/companies/:id/status',
    { schema: { tags: ['companies'], params: IdParams, body: StatusBody, response: { 200: CompanySchema } } },
    async (request) => companies.setStatus(actorOf(request), request.params.id, request.body),
  );
  // A soft delete, undoable for 30 days from "Recently deleted" (GET /companies/deleted, POST …/restore).
  app.delete(
    '/companies/:id',
    { schema: { tags: ['companies'], params: IdParams, response: NoContent } },
    async (request, reply) => {
      await companies.delete(actorOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );
  app.get(
    '/companies/deleted',
    { schema: { tags: ['companies'], response: { 200: DeletedCompanyList } } },
    async (request) => ({ items: await companies.listDeleted(actorOf(request)) }),
  );
  app.post(
    '/companies/:id/restore',
    { schema: { tags: ['companies'], params: IdParams, response: { 200: CompanySchema } } },
    async (request) => companies.restore(actorOf(request), request.params.id),
  );
  app.post(
    '/companies/:id/registry-check',
    { schema: { tags: ['companies'], params: IdParams, response: { 200: CompanySchema } } },
    async (request) => companies.checkRegistry(actorOf(request), request.params.id),
  );
  app.get(
    '/companies/:id/status-history',
    { schema: { tags: ['companies'], params: IdParams, response: { 200: StatusHistory } } },
    async (request) => ({
      items: await companies.statusHistory(actorOf(request), request.params.id),
    }),
  );

  app.get(
    '/companies/:id/users',
    { schema: { tags: ['companies'], params: IdParams, response: { 200: CompanyUserList } } },
    async (request) => ({
      items: await companyUsers.list(actorOf(request), request.params.id),
    }),
  );
  app.post(
    '/companies/:id/users',
    {
      schema: { tags: ['companies'], params: IdParams, body: NewCompanyUserBody, response: { 201: InvitationSchema } },
    },
    async (request, reply) =>
      reply.status(201).send(await companyUsers.add(actorOf(request), request.params.id, request.body)),
  );
  app.patch(
    '/companies/:id/users/:userId',
    {
      schema: {
        tags: ['companies'],
        params: CompanyUserParams,
        body: CompanyUserPatch,
        response: { 200: CompanyUserSchema },
      },
    },
    async (request) =>
      companyUsers.changeAccess(actorOf(request), request.params.id, request.params.userId, request.body.access),
  );
  app.delete(
    '/companies/:id/users/:userId',
    { schema: { tags: ['companies'], params: CompanyUserParams, response: NoContent } },
    async (request, reply) => {
      await companyUsers.remove(actorOf(request), request.params.id, request.params.userId);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/companies/:id/assignments',
    { schema: { tags: ['companies'], params: IdParams, response: { 200: AssignmentList } } },
    async (request) => ({
      items: await companies.assignments(actorOf(request), request.params.id),
    }),
  );
  app.put(
    '/companies/:id/assignments',
    { schema: { tags: ['companies'], params: IdParams, body: AssignmentsBody, response: { 200: AssignmentList } } },
    async (request) => ({
      items: await companies.setAssignments(actorOf(request), request.params.id, request.body.items),
    }),
  );
}
