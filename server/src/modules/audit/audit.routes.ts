// Office admins browse and filter the audit log.
import type { FastifyInstance } from 'fastify';
import { Type, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { auditObjectTypes, DateTime, Paged, PageQuery, StrictObject } from '@bureau/common';
import { actorOf } from '../../http/auth.js';
import { listAudit } from './audit.service.js';

const AuditEntry = Type.Object({
  id: Type.Integer(),
  at: DateTime,
  actor: Type.Union([Type.Object({ id: Type.String(), name: Type.String() }), Type.Null()]),
  action: Type.String(),
  objectType: Type.String(),
  objectId: Type.Union([Type.String(), Type.Null()]),
  objectLabel: Type.Union([Type.String(), Type.Null()]),
  companyId: Type.Union([Type.String(), Type.Null()]),
  companyName: Type.Union([Type.String(), Type.Null()]),
  before: Type.Unknown(),
  after: Type.Unknown(),
  ip: Type.Union([Type.String(), Type.Null()]),
});

const AuditQuery = StrictObject({
  ...PageQuery,
  action: Type.Optional(Type.String({ maxLength: 100, description: 'an action, or a prefix such as "company."' })),
  objectType: Type.Optional(Type.Union(auditObjectTypes.map((t) => Type.Literal(t)))),
  objectId: Type.Optional(Type.String({ maxLength: 100 })),
  actorId: Type.Optional(Type.String({ format: 'uuid' })),
  companyId: Type.Optional(Type.String({ format: 'uuid' })),
  from: Type.Optional(Type.String({ format: 'date-time' })),
  to: Type.Optional(Type.String({ format: 'date-time' })),
});

export async function auditRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  app.get(
    '/audit',
    { schema: { tags: ['audit'], querystring: AuditQuery, response: { 200: Paged(AuditEntry) } } },
    async (request) => {
      const { page = 1, pageSize = 50, from, to, ...filter } = request.query;
      const range = { from: from ? new Date(from) : undefined, to: to ? new Date(to) : undefined };
      const result = await listAudit(app.services.db, actorOf(request), { ...filter, ...range }, page, pageSize);
      return {
        items: result.items.map((e) => ({
          ...e,
          actor: e.actorUserId ? { id: e.actorUserId, name: e.actorName ?? '' } : null,
        })),
        total: result.total,
        page,
        pageSize,
      };
    },
  );
}
