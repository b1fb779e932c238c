// Look-up of a company in its country's public registry, for staff filling in a company.
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { actorOf } from '../../http/auth.js';
import { RegistryCompanySchema, RegistryLookupQuery } from '@bureau/common';

export async function registryRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { registry } = app.services;
  app.get(
    '/registry/lookup',
    {
      schema: {
        tags: ['companies'],
        querystring: RegistryLookupQuery,
        response: { 200: RegistryCompanySchema },
      },
    },
    async (request) => registry.lookup(actorOf(request), request.query.country, request.query.taxId),
  );
}
