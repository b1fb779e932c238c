// The office portfolio: companies grouped as collaborating, invited, pending and own, with counts.
import { Type } from 'typebox';
import { invitationStatuses, portfolioGroups, type InvitationStatus, type PortfolioGroup } from '../onboarding.js';
import { StrictObject } from './base.js';

const PortfolioGroupSchema = Type.Unsafe<PortfolioGroup>({ type: 'string', enum: [...portfolioGroups] });

export const PortfolioCompanySchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  country: Type.String(),
  taxId: Type.String(),
  status: Type.Union([Type.Literal('active'), Type.Literal('inactive')]),
  group: PortfolioGroupSchema,
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

export const PortfolioPageSchema = Type.Object({
  counts: Type.Unsafe<Record<PortfolioGroup, number>>(
    Type.Object(Object.fromEntries(portfolioGroups.map((g) => [g, Type.Integer()]))),
  ),
  items: Type.Array(PortfolioCompanySchema),
  nextCursor: Type.Union([Type.String(), Type.Null()]),
});
export const PortfolioQuery = StrictObject({
  group: Type.Optional(PortfolioGroupSchema),
  q: Type.Optional(Type.String({ maxLength: 200 })),
  cursor: Type.Optional(Type.String({ maxLength: 400 })),
});
