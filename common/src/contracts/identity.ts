// Request and response schemas of sign-in and account routes; the response schemas are the
// whitelist of what leaves the server.
import { Type, type Static } from 'typebox';
import {
  AccessOut,
  DateTime,
  Email,
  LocaleOut,
  LocaleSchema,
  Name,
  NullableDateTime,
  Password,
  StaffRoleOut,
  StrictObject,
  type Wire,
} from './base.js';

const Kind = Type.Union([Type.Literal('staff'), Type.Literal('client')]);

export const MeContextSchema = Type.Object({
  officeId: Type.String(),
  officeName: Type.String(),
  kind: Kind,
  companyId: Type.Union([Type.String(), Type.Null()]),
  companyName: Type.Union([Type.String(), Type.Null()]),
  companyStatus: Type.Union([Type.String(), Type.Null()]),
});

export const MeSchema = Type.Object({
  user: Type.Object({
    id: Type.String(),
    name: Type.String(),
    email: Type.String(),
    locale: LocaleOut,
    totpEnabled: Type.Boolean(),
    phone: Type.Union([Type.String(), Type.Null()]),
  }),
  office: Type.Object({ id: Type.String(), name: Type.String(), country: Type.String(), defaultLocale: Type.String() }),
  kind: Kind,
  role: Type.Union([StaffRoleOut, Type.Null()]),
  specialties: Type.Array(Type.String()),
  company: Type.Union([Type.Object({ id: Type.String(), name: Type.String(), access: AccessOut }), Type.Null()]),
  contexts: Type.Array(MeContextSchema),
  csrfToken: Type.Union([Type.String(), Type.Null()]),
  mustEnableTwoFactor: Type.Boolean(),
  /** What the person may do, from the policy's own rules (policy.meCan): the web app offers only that. */
  can: Type.Object({
    manageOffice: Type.Boolean(),
    manageStaff: Type.Boolean(),
    manageChannels: Type.Boolean(),
    createCompanies: Type.Boolean(),
    restoreCompanies: Type.Boolean(),
    importCompanies: Type.Boolean(),
    readAudit: Type.Boolean(),
    readOutbox: Type.Boolean(),
    announce: Type.Boolean(),
    /** The office's company list and what it is filtered by (its tags): staff. */
    listCompanies: Type.Boolean(),
    /** Personal API tokens: staff. */
    manageApiTokens: Type.Boolean(),
    manageColleagues: Type.Boolean(),
    writeToWholeCompany: Type.Boolean(),
  }),
  /** What the browser checks before sending (GET /me only). */
  limits: Type.Optional(Type.Object({ attachmentMaxBytes: Type.Integer(), attachmentsPerMessage: Type.Integer() })),
});

export const SignInBody = StrictObject({
  email: Email,
  password: Password,
  totpCode: Type.Optional(Type.String({ maxLength: 10 })),
});
export const EmailBody = StrictObject({ email: Email });
export const VerifyCodeBody = Type.Union([
  StrictObject({ email: Email, code: Type.String({ minLength: 1, maxLength: 10 }) }),
  StrictObject({ token: Type.String({ minLength: 1, maxLength: 200 }) }),
]);
export const CompleteTokenBody = StrictObject({
  token: Type.String({ minLength: 1, maxLength: 200 }),
  password: Password,
});
export const TokenParams = StrictObject({ token: Type.String({ maxLength: 200 }) });
export const TokenInfo = Type.Object({
  purpose: Type.Union([Type.Literal('reset_password'), Type.Literal('set_password')]),
  email: Type.String(),
  name: Type.String(),
  locale: LocaleOut,
});

export const UpdateMeBody = StrictObject({
  name: Type.Optional(Name),
  locale: Type.Optional(LocaleSchema),
  /** A mobile number for SMS notifications, in any usual writing; null removes it. */
  phone: Type.Optional(Type.Union([Type.String({ maxLength: 40 }), Type.Null()])),
});
export const ChangePasswordBody = StrictObject({ currentPassword: Password, newPassword: Password });
export const ContextBody = StrictObject({
  officeId: Type.String({ format: 'uuid' }),
  companyId: Type.Optional(Type.Union([Type.String({ format: 'uuid' }), Type.Null()])),
});
export const SessionSchema = Type.Object({
  id: Type.String(),
  current: Type.Boolean(),
  ip: Type.Union([Type.String(), Type.Null()]),
  userAgent: Type.Union([Type.String(), Type.Null()]),
  createdAt: DateTime,
  lastSeenAt: DateTime,
});
export const SessionList = Type.Object({ items: Type.Array(SessionSchema) });
export const TotpSetup = Type.Object({ secret: Type.String(), otpauthUrl: Type.String(), qrSvg: Type.String() });
export const CodeBody = StrictObject({ code: Type.String({ minLength: 1, maxLength: 10 }) });
export const ApiTokenSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  prefix: Type.String(),
  createdAt: DateTime,
  lastUsedAt: NullableDateTime,
  expiresAt: NullableDateTime,
});
export const ApiTokenList = Type.Object({ items: Type.Array(ApiTokenSchema) });
export const NewApiTokenBody = StrictObject({
  name: Type.String({ minLength: 1, maxLength: 100 }),
  expiresInDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 3650 })),
});
export const NewApiToken = Type.Object({ id: Type.String(), name: Type.String(), token: Type.String() });

export type Me = Wire<Static<typeof MeSchema>>;
export type MeContext = Wire<Static<typeof MeContextSchema>>;
export type TokenInfo = Wire<Static<typeof TokenInfo>>;
export type Session = Wire<Static<typeof SessionSchema>>;
export type ApiToken = Wire<Static<typeof ApiTokenSchema>>;
export type TotpSetup = Static<typeof TotpSetup>;
export type NewApiToken = Static<typeof NewApiToken>;
