// Office admins browse and filter the audit log.
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { AuditPage, AuditQuery } from '@bureau/common';
import { actorOf } from '../../http/auth.js';
import { presentAuditEntry } from './audit.presenter.js';
import { listAudit } from './audit.service.js';

export async function auditRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  app.get(
    '/audit',
    { schema: { tags: ['audit'], querystring: AuditQuery, response: { 200: AuditPage } } },
    async (request) => {
      const { page = 1, pageSize = 50, from, to, ...filter } = request.query;
      const range = { from: from ? new Date(from) : undefined, to: to ? new Date(to) : undefined };
      const result = await listAudit(app.services.db, actorOf(request), { ...filter, ...range }, page, pageSize);
      return {
        items: result.items.map(presentAuditEntry),
        total: result.total,
        page,
        pageSize,
      };
    },
  );
}
