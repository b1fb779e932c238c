// The invitation contracts the routes answer with (also the company's and the staff's add routes).
import { Type } from 'typebox';
import {
  AccessSchema,
  Email,
  StaffRoleOut,
  LocaleSchema,
  Name,
  Nullable,
  Password,
  StrictObject,
  Uuid,
} from './base.js';
import { invitationStatuses, type InvitationStatus } from '../onboarding.js';

export const InvitationStatusSchema = Type.Unsafe<InvitationStatus>({ type: 'string', enum: [...invitationStatuses] });

export const StaffInvitationSchema = Type.Object({
  id: Type.String(),
  email: Type.String(),
  name: Type.String(),
  role: StaffRoleOut,
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

export const InvitedCompanyBody = StrictObject({
  country: Type.Union([Type.Literal('PL'), Type.Literal('RO'), Type.Literal('FR'), Type.Literal('BE')]),
  taxId: Type.String({ minLength: 1, maxLength: 40 }),
  name: Name,
  address: Type.Optional(
    StrictObject({
      line1: Type.String({ minLength: 1, maxLength: 200 }),
      postalCode: Type.String({ maxLength: 20 }),
      city: Type.String({ maxLength: 100 }),
      region: Type.Optional(Type.String({ maxLength: 100 })),
      country: Type.String({ minLength: 2, maxLength: 2 }),
    }),
  ),
});

export const NewInvitationBody = StrictObject({
  companyId: Type.Optional(Uuid),
  company: Type.Optional(InvitedCompanyBody),
  email: Email,
  name: Name,
  phone: Type.Optional(Type.String({ maxLength: 40 })),
  access: AccessSchema,
  locale: Type.Optional(LocaleSchema),
});

export const InvitationPreviewSchema = Type.Object({
  officeName: Type.String(),
  companyName: Nullable(Type.String()),
  companyTaxId: Nullable(Type.String()),
  companyCountry: Nullable(Type.String()),
  email: Type.String(),
  name: Type.String(),
  access: Type.Union([AccessSchema, Type.Null()]),
  role: Type.Union([Type.Literal('owner'), Type.Literal('admin'), Type.Literal('employee'), Type.Null()]),
  expiresAt: Type.String(),
  locale: Type.String(),
  accountExists: Type.Boolean(),
  signInRequired: Type.Boolean(),
  twoFactor: Type.Boolean(),
});

export const InvitationTokenParams = StrictObject({ token: Type.String({ minLength: 1, maxLength: 200 }) });
export const AcceptInvitationBody = StrictObject({
  name: Type.Optional(Name),
  password: Password,
  totpCode: Type.Optional(Type.String({ maxLength: 12 })),
  locale: Type.Optional(LocaleSchema),
});

export const MyInvitationSchema = Type.Object({
  id: Type.String(),
  companyId: Type.String(),
  companyName: Type.String(),
  access: AccessSchema,
  expiresAt: Type.String(),
  invitedByName: Nullable(Type.String()),
});
export const InvitationListQuery = StrictObject({
  companyId: Type.Optional(Uuid),
  status: Type.Optional(InvitationStatusSchema),
});
export const InvitationList = Type.Object({ items: Type.Array(InvitationSchema) });
export const StaffInvitationList = Type.Object({ items: Type.Array(StaffInvitationSchema) });
export const MyInvitationList = Type.Object({ items: Type.Array(MyInvitationSchema) });
export const JoinedCompany = Type.Object({ companyId: Type.String() });
