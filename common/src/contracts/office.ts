// Request and response schemas of the setup, office and staff routes.
import { Type, type Static } from 'typebox';
import {
  CountrySchema,
  DateTime,
  Email,
  LocaleOut,
  LocaleSchema,
  Name,
  Password,
  SpecialtyOut,
  SpecialtySchema,
  StaffRoleOut,
  StrictObject,
  type Wire,
} from './base.js';
import { PreferencesBody } from './notifications.js';

export const SetupStatus = Type.Object({
  needed: Type.Boolean(),
  officeName: Type.Union([Type.String(), Type.Null()]),
});
export const SetupBody = StrictObject({
  officeName: Name,
  country: CountrySchema,
  locale: LocaleSchema,
  ownerName: Name,
  email: Email,
  password: Password,
});

export const OfficeSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  country: Type.String(),
  defaultLocale: LocaleOut,
  restrictEmployees: Type.Boolean(),
  allowClientPasswordless: Type.Boolean(),
  requireStaffTwoFactor: Type.Boolean(),
  messageEditMinutes: Type.Integer(),
  unreadDigestMinutes: Type.Integer(),
  /** The office's defaults per kind of event; what a kind lacks is Bureau's default. */
  notificationDefaults: Type.Record(Type.String(), Type.Unknown()),
  createdAt: DateTime,
});
export const OfficePatch = StrictObject({
  name: Type.Optional(Name),
  defaultLocale: Type.Optional(LocaleSchema),
  restrictEmployees: Type.Optional(Type.Boolean()),
  allowClientPasswordless: Type.Optional(Type.Boolean()),
  requireStaffTwoFactor: Type.Optional(Type.Boolean()),
  messageEditMinutes: Type.Optional(Type.Integer({ minimum: 0, maximum: 10080 })),
  unreadDigestMinutes: Type.Optional(Type.Integer({ minimum: 1, maximum: 1440 })),
  notificationDefaults: Type.Optional(PreferencesBody),
});

const RoleSchema = Type.Union([Type.Literal('owner'), Type.Literal('admin'), Type.Literal('employee')]);
export const StaffSchema = Type.Object({
  userId: Type.String(),
  name: Type.String(),
  email: Type.String(),
  role: StaffRoleOut,
  specialties: Type.Array(SpecialtyOut),
  disabled: Type.Boolean(),
  totpEnabled: Type.Boolean(),
  createdAt: DateTime,
  assignedCompanies: Type.Integer(),
});
export const StaffList = Type.Object({ items: Type.Array(StaffSchema) });
export const NewStaffBody = StrictObject({
  name: Name,
  email: Email,
  role: Type.Union([Type.Literal('admin'), Type.Literal('employee')]),
  specialties: Type.Array(SpecialtySchema, { maxItems: 3 }),
  locale: Type.Optional(LocaleSchema),
});
export const StaffPatchBody = StrictObject({
  role: Type.Optional(RoleSchema),
  specialties: Type.Optional(Type.Array(SpecialtySchema, { maxItems: 3 })),
  disabled: Type.Optional(Type.Boolean()),
});
export const UserIdParams = StrictObject({ userId: Type.String({ maxLength: 64 }) });

export type SetupStatus = Static<typeof SetupStatus>;
export type Office = Wire<Static<typeof OfficeSchema>>;
export type Staff = Wire<Static<typeof StaffSchema>>;
export type SetupBody = Static<typeof SetupBody>;
export type NewStaff = Static<typeof NewStaffBody>;
export type OfficePatch = Static<typeof OfficePatch>;
export type StaffPatch = Static<typeof StaffPatchBody>;
