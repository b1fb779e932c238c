// The office portfolio: companies grouped as collaborating, invited, pending and own, with counts.
import type { FastifyInstance } from 'fastify';
import { Type, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import {
  type InvitationStatus,
  invitationStatuses,
  type PortfolioGroup,
  portfolioGroups,
  StrictObject,
} from '@bureau/common';
import { actorOf } from '../../http/auth.js';

const Group = Type.Unsafe<PortfolioGroup>({ type: 'string', enum: [...portfolioGroups] });

const PortfolioCompany = Type.Object({
  id: Type.String(),
  name: Type.String(),
  country: Type.String(),
  taxId: Type.String(),
  status: Type.Union([Type.Literal('active'), Type.Literal('inactive')]),
  group: Group,
  clientUsers: Type.Integer(),
  invitation: Type.Union([
    Type.Object({
      id: Type.String(),
      email: Type.String(),
      status: Type.Unsafe<InvitationStatus>({ type: 'string', enum: [...invitationStatuses] }),
      expiresAt: Type.String(),
      lastSentAt: Type.String(),
    }),
    Type.Null(),
  ]),
});

const PortfolioPageSchema = Type.Object({
  counts: Type.Unsafe<Record<PortfolioGroup, number>>(
    Type.Object(Object.fromEntries(portfolioGroups.map((g) => [g, Type.Integer()]))),
  ),
  items: Type.Array(PortfolioCompany),
  nextCursor: Type.Union([Type.String(), Type.Null()]),
});

export async function portfolioRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { portfolio } = app.services;
  app.get(
    '/portfolio',
    {
      schema: {
        tags: ['companies'],
        querystring: StrictObject({
          group: Type.Optional(Group),
          q: Type.Optional(Type.String({ maxLength: 200 })),
          cursor: Type.Optional(Type.String({ maxLength: 400 })),
        }),
        response: { 200: PortfolioPageSchema },
      },
    },
    async (request) => portfolio.page(actorOf(request), request.query),
  );
}
