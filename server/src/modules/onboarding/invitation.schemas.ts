// The invitation contracts the routes answer with (also the company's and the staff's add routes).
import { Type } from '@fastify/type-provider-typebox';
import { invitationStatuses, type InvitationStatus } from '@bureau/common';

export const Access = Type.Union([Type.Literal('full'), Type.Literal('limited')]);
export const Status = Type.Unsafe<InvitationStatus>({ type: 'string', enum: [...invitationStatuses] });
export const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);

export const StaffInvitationSchema = Type.Object({
  id: Type.String(),
  email: Type.String(),
  name: Type.String(),
  role: Type.String(),
  specialties: Type.Array(Type.String()),
  status: Status,
  sendCount: Type.Integer(),
  createdAt: Type.String(),
  lastSentAt: Type.String(),
  expiresAt: Type.String(),
  acceptedAt: Nullable(Type.String()),
  revokedAt: Nullable(Type.String()),
  invitedByName: Nullable(Type.String()),
});

export const InvitationSchema = Type.Object({
  id: Type.String(),
  companyId: Type.String(),
  companyName: Type.String(),
  email: Type.String(),
  name: Type.String(),
  phone: Nullable(Type.String()),
  access: Access,
  status: Status,
  sendCount: Type.Integer(),
  createdAt: Type.String(),
  lastSentAt: Type.String(),
  expiresAt: Type.String(),
  openedAt: Nullable(Type.String()),
  acceptedAt: Nullable(Type.String()),
  revokedAt: Nullable(Type.String()),
  invitedByName: Nullable(Type.String()),
});
