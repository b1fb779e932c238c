// Request and response schemas of the company routes (profile, status, people, assignments).
import { Type, type Static } from 'typebox';
import {
  AccessOut,
  AccessSchema,
  CompanyStatusOut,
  CountryOut,
  CountrySchema,
  DateTime,
  Email,
  LocaleSchema,
  Name,
  PageQuery,
  Paged,
  SpecialtyOut,
  SpecialtySchema,
  StrictObject,
  type Wire,
} from './base.js';
import { RegistryRecordSchema } from './registry.js';
const Short = (max = 200) => Type.String({ maxLength: max });
export const AddressSchema = StrictObject({
  label: Type.Optional(Short(100)),
  line1: Short(),
  line2: Type.Optional(Short()),
  postalCode: Short(20),
  city: Short(100),
  region: Type.Optional(Short(100)),
  country: Short(2),
});
export const EmailContactSchema = StrictObject({ label: Type.Optional(Short(100)), email: Short(254) });
export const PhoneContactSchema = StrictObject({ label: Type.Optional(Short(100)), phone: Short(40) });
export const BankAccountSchema = StrictObject({
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
  /** The company's own address that also receives the office's messages and daily summaries; null stops it. */
  notificationEmail: Type.Optional(Type.Union([Short(254), Type.Null()])),
  country: Type.Optional(CountrySchema),
  taxId: Type.Optional(TaxId),
  tags: Tags,
  ...profile,
});

export const CompanySchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  country: CountryOut,
  taxId: Type.String(),
  taxIdFormatted: Type.String(),
  /** France: the establishment's SIRET when one was typed; `taxId` is then the company's SIREN. */
  siret: Type.Union([Type.String(), Type.Null()]),
  status: CompanyStatusOut,
  statusChangedAt: DateTime,
  addresses: Type.Array(AddressSchema),
  emails: Type.Array(EmailContactSchema),
  phones: Type.Array(PhoneContactSchema),
  bankAccounts: Type.Array(BankAccountSchema),
  /** The company's own address that also receives the office's messages and daily summaries (null: none). */
  notificationEmail: Type.Union([Type.String(), Type.Null()]),
  /** Staff only (absent for client users). */
  tags: Type.Optional(Type.Array(Type.String())),
  createdAt: DateTime,
  updatedAt: DateTime,
  permissions: Type.Object({
    update: Type.Boolean(),
    updateProfile: Type.Boolean(),
    setStatus: Type.Boolean(),
    delete: Type.Boolean(),
    manageUsers: Type.Boolean(),
    manageAssignments: Type.Boolean(),
    manageInvitations: Type.Boolean(),
    checkRegistry: Type.Boolean(),
  }),
  /** Staff only: what the public registry last said (null: never asked). */
  registry: Type.Optional(Type.Union([RegistryRecordSchema, Type.Null()])),
});

export const AssignmentSchema = Type.Object({ userId: Type.String(), name: Type.String(), specialty: SpecialtyOut });
export const CompanyListItem = Type.Object({
  id: Type.String(),
  name: Type.String(),
  country: CountryOut,
  taxId: Type.String(),
  taxIdFormatted: Type.String(),
  status: CompanyStatusOut,
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
/** A company an office admin deleted, which may be restored until `restorableUntil`. */
export const DeletedCompany = Type.Object({
  id: Type.String(),
  name: Type.String(),
  country: CountryOut,
  taxId: Type.String(),
  taxIdFormatted: Type.String(),
  deletedAt: DateTime,
  deletedBy: Type.Union([Type.Object({ id: Type.String(), name: Type.String() }), Type.Null()]),
  restorableUntil: DateTime,
});
export const DeletedCompanyList = Type.Object({ items: Type.Array(DeletedCompany) });
export const StatusHistory = Type.Object({
  items: Type.Array(
    Type.Object({
      status: CompanyStatusOut,
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
  access: AccessOut,
  hasPassword: Type.Boolean(),
  createdAt: DateTime,
});
export const CompanyUserList = Type.Object({ items: Type.Array(CompanyUserSchema) });
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
/** The office's company tags in use. */
export const TagList = Type.Object({ items: Type.Array(Type.String()) });

export type Address = Static<typeof AddressSchema>;
export type CompanyEmail = Static<typeof EmailContactSchema>;
export type CompanyPhone = Static<typeof PhoneContactSchema>;
export type BankAccount = Static<typeof BankAccountSchema>;
export type Company = Wire<Static<typeof CompanySchema>>;
export type CompanyPermissions = Company['permissions'];
export type Assignment = Static<typeof AssignmentSchema>;
export type CompanyListItem = Wire<Static<typeof CompanyListItem>>;
export type CompanyUser = Wire<Static<typeof CompanyUserSchema>>;
export type StatusHistoryEntry = Wire<Static<typeof StatusHistory>>['items'][number];
export type DeletedCompanyView = Wire<Static<typeof DeletedCompany>>;
export type NewCompany = Static<typeof NewCompanyBody>;
export type CompanyListQuery = Static<typeof CompanyListQuery>;
