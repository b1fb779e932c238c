// Look-up of a company in its country's public registry, for staff filling in a company.
import type { FastifyInstance } from 'fastify';
import { Type, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { actorOf } from '../../http/auth.js';
import { CountrySchema, RegistryCompanySchema, StrictObject } from '@bureau/common';

export async function registryRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { registry } = app.services;
  app.get(
    '/registry/lookup',
    {
      schema: {
        tags: ['companies'],
        querystring: StrictObject({ country: CountrySchema, taxId: Type.String({ minLength: 1, maxLength: 40 }) }),
        response: { 200: RegistryCompanySchema },
      },
    },
    async (request) => registry.lookup(actorOf(request), request.query.country, request.query.taxId),
  );
}
