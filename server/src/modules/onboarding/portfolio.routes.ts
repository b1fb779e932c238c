// The office portfolio: companies grouped as collaborating, invited, pending and own, with counts.
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { PortfolioPageSchema, PortfolioQuery } from '@bureau/common';
import { actorOf } from '../../http/auth.js';

export async function portfolioRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { portfolio } = app.services;
  app.get(
    '/portfolio',
    {
      schema: {
        tags: ['companies'],
        querystring: PortfolioQuery,
        response: { 200: PortfolioPageSchema },
      },
    },
    async (request) => portfolio.page(actorOf(request), request.query),
  );
}
