// The invitation contracts the routes answer with (also the company's and the staff's add routes).
import { Type } from 'typebox';
import { AccessSchema, Nullable } from './base.js';
import { invitationStatuses, type InvitationStatus } from '../onboarding.js';

export const InvitationStatusSchema = Type.Unsafe<InvitationStatus>({ type: 'string', enum: [...invitationStatuses] });

export const StaffInvitationSchema = Type.Object({
  id: Type.String(),
  email: Type.String(),
  name: Type.String(),
  role: Type.String(),
  specialties: Type.Array(Type.String()),
  status: InvitationStatusSchema,
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
  access: AccessSchema,
  status: InvitationStatusSchema,
  sendCount: Type.Integer(),
  createdAt: Type.String(),
  lastSentAt: Type.String(),
  expiresAt: Type.String(),
  openedAt: Nullable(Type.String()),
  acceptedAt: Nullable(Type.String()),
  revokedAt: Nullable(Type.String()),
  invitedByName: Nullable(Type.String()),
});
