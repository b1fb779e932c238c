// Request and response schemas of office, staff and company routes.
import { Type } from '@fastify/type-provider-typebox';
import {
  CountrySchema,
  DateTime,
  Email,
  LocaleSchema,
  Name,
  PageQuery,
  Paged,
  Password,
  SpecialtySchema,
  StrictObject,
} from '../../http/schemas.js';
import { PreferencesBody } from '../notify/notification.schemas.js';
import { RegistryRecordSchema } from '../registry/registry.schemas.js';

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
  defaultLocale: Type.String(),
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
  role: Type.String(),
  specialties: Type.Array(Type.String()),
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

const Short = (max = 200) => Type.String({ maxLength: max });
const AddressSchema = StrictObject({
  label: Type.Optional(Short(100)),
  line1: Short(),
  line2: Type.Optional(Short()),
  postalCode: Short(20),
  city: Short(100),
  region: Type.Optional(Short(100)),
  country: Short(2),
});
const EmailContactSchema = StrictObject({ label: Type.Optional(Short(100)), email: Short(254) });
const PhoneContactSchema = StrictObject({ label: Type.Optional(Short(100)), phone: Short(40) });
const BankAccountSchema = StrictObject({
  label: Type.Optional(Short(100)),
  iban: Short(64),
  bankName: Type.Optional(Short(200)),
  currency: Type.Optional(Short(3)),
});
const profile = {
  addresses: Type.Optional(Type.Array(AddressSchema, { maxItems: 10 })),
  emails: Type.Optional(Type.Array(EmailContactSchema, { maxItems: 20 })),
  phones: Type.Optional(Type.Array(PhoneContactSchema, { maxItems: 20 })),
  bankAccounts: Type.Optional(Type.Array(BankAccountSchema, { maxItems: 20 })),
};
const TaxId = Type.String({ minLength: 1, maxLength: 40 });
const Tags = Type.Optional(Type.Array(Type.String({ maxLength: 100 }), { maxItems: 20 }));
export const NewCompanyBody = StrictObject({
  name: Name,
  country: CountrySchema,
  taxId: TaxId,
  tags: Tags,
  ...profile,
});
export const CompanyPatchBody = StrictObject({
  name: Type.Optional(Name),
  country: Type.Optional(CountrySchema),
  taxId: Type.Optional(TaxId),
  tags: Tags,
  ...profile,
});

export const CompanySchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  country: Type.String(),
  taxId: Type.String(),
  taxIdFormatted: Type.String(),
  /** France: the establishment's SIRET when one was typed; `taxId` is then the company's SIREN. */
  siret: Type.Union([Type.String(), Type.Null()]),
  status: Type.String(),
  statusChangedAt: DateTime,
  addresses: Type.Array(AddressSchema),
  emails: Type.Array(EmailContactSchema),
  phones: Type.Array(PhoneContactSchema),
  bankAccounts: Type.Array(BankAccountSchema),
  /** Staff only (absent for client users). */
  tags: Type.Optional(Type.Array(Type.String())),
  createdAt: DateTime,
  updatedAt: DateTime,
  permissions: Type.Object({
    update: Type.Boolean(),
    updateProfile: Type.Boolean(),
    setStatus: Type.Boolean(),
    manageUsers: Type.Boolean(),
    manageAssignments: Type.Boolean(),
    manageInvitations: Type.Boolean(),
    checkRegistry: Type.Boolean(),
  }),
  /** Staff only: what the public registry last said (null: never asked). */
  registry: Type.Optional(Type.Union([RegistryRecordSchema, Type.Null()])),
});

const AssignmentSchema = Type.Object({ userId: Type.String(), name: Type.String(), specialty: Type.String() });
export const CompanyListItem = Type.Object({
  id: Type.String(),
  name: Type.String(),
  country: Type.String(),
  taxId: Type.String(),
  taxIdFormatted: Type.String(),
  status: Type.String(),
  statusChangedAt: DateTime,
  userCount: Type.Integer(),
  assigned: Type.Array(AssignmentSchema),
  tags: Type.Array(Type.String()),
});
export const CompanyPage = Paged(CompanyListItem);
export const CompanyListQuery = StrictObject({
  ...PageQuery,
  search: Type.Optional(Type.String({ maxLength: 200 })),
  status: Type.Optional(Type.Union([Type.Literal('active'), Type.Literal('inactive')])),
  country: Type.Optional(CountrySchema),
  assignedTo: Type.Optional(Type.String({ format: 'uuid' })),
  tag: Type.Optional(Type.String({ maxLength: 100 })),
  sort: Type.Optional(
    Type.Union([Type.Literal('name'), Type.Literal('-name'), Type.Literal('createdAt'), Type.Literal('-createdAt')]),
  ),
});
export const StatusBody = StrictObject({
  status: Type.Union([Type.Literal('active'), Type.Literal('inactive')]),
  reason: Type.Optional(Type.String({ maxLength: 500 })),
});
export const StatusHistory = Type.Object({
  items: Type.Array(
    Type.Object({
      status: Type.String(),
      reason: Type.Union([Type.String(), Type.Null()]),
      changedAt: DateTime,
      changedBy: Type.Union([Type.Object({ id: Type.String(), name: Type.String() }), Type.Null()]),
    }),
  ),
});
export const CompanyUserSchema = Type.Object({
  userId: Type.String(),
  name: Type.String(),
  email: Type.String(),
  access: Type.String(),
  hasPassword: Type.Boolean(),
  createdAt: DateTime,
});
export const CompanyUserList = Type.Object({ items: Type.Array(CompanyUserSchema) });
const AccessSchema = Type.Union([Type.Literal('full'), Type.Literal('limited')]);
export const NewCompanyUserBody = StrictObject({
  name: Name,
  email: Email,
  access: AccessSchema,
  locale: Type.Optional(LocaleSchema),
});
export const CompanyUserPatch = StrictObject({ access: AccessSchema });
export const CompanyUserParams = StrictObject({
  id: Type.String({ maxLength: 64 }),
  userId: Type.String({ maxLength: 64 }),
});
export const AssignmentList = Type.Object({ items: Type.Array(AssignmentSchema) });
export const AssignmentsBody = StrictObject({
  items: Type.Array(StrictObject({ userId: Type.String({ format: 'uuid' }), specialty: SpecialtySchema }), {
    maxItems: 100,
  }),
});
