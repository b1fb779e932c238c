// Look-up of a company in its country's public registry, for staff filling in a company.
import type { FastifyInstance } from 'fastify';
import { Type, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { actorOf } from '../../http/auth.js';
import { CountrySchema, StrictObject } from '../../http/schemas.js';

const Address = Type.Object({
  raw: Type.String(),
  line1: Type.String(),
  postalCode: Type.Optional(Type.String()),
  city: Type.Optional(Type.String()),
  region: Type.Optional(Type.String()),
  country: Type.String(),
});
const RegistryCompanySchema = Type.Object({
  source: Type.String(),
  country: Type.String(),
  taxId: Type.String(),
  name: Type.String(),
  address: Type.Optional(Address),
  vatStatus: Type.String(),
  eInvoicing: Type.Optional(Type.Boolean()),
  bankAccounts: Type.Optional(Type.Array(Type.String())),
  checkedAt: Type.String(),
});

export async function registryRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { registry } = app.services;
  app.get(
    '/registry/lookup',
    { schema: { tags: ['companies'], querystring: StrictObject({ country: CountrySchema, taxId: Type.String({ minLength: 1, maxLength: 40 }) }), response: { 200: RegistryCompanySchema } } },
    async (request) => registry.lookup(actorOf(request), request.query.country, request.query.taxId),
  );
}
