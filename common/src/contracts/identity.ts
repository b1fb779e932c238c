// Request and response schemas of sign-in and account routes; the response schemas are the
// whitelist of what leaves the server.
import { Type } from 'typebox';
import { DateTime, Email, LocaleSchema, Name, NullableDateTime, Password, StrictObject } from './base.js';

export const MeSchema = Type.Object({
  user: Type.Object({
    id: Type.String(),
    name: Type.String(),
    email: Type.String(),
    locale: Type.String(),
    totpEnabled: Type.Boolean(),
    phone: Type.Union([Type.String(), Type.Null()]),
  }),
  office: Type.Object({ id: Type.String(), name: Type.String(), country: Type.String(), defaultLocale: Type.String() }),
  kind: Type.Union([Type.Literal('staff'), Type.Literal('client')]),
  role: Type.Union([Type.String(), Type.Null()]),
  specialties: Type.Array(Type.String()),
  company: Type.Union([Type.Object({ id: Type.String(), name: Type.String(), access: Type.String() }), Type.Null()]),
  contexts: Type.Array(
    Type.Object({
      officeId: Type.String(),
      officeName: Type.String(),
      kind: Type.String(),
      companyId: Type.Union([Type.String(), Type.Null()]),
      companyName: Type.Union([Type.String(), Type.Null()]),
      companyStatus: Type.Union([Type.String(), Type.Null()]),
    }),
  ),
  csrfToken: Type.Union([Type.String(), Type.Null()]),
  mustEnableTwoFactor: Type.Boolean(),
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
  purpose: Type.String(),
  email: Type.String(),
  name: Type.String(),
  locale: Type.String(),
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
export const SessionList = Type.Object({
  items: Type.Array(
    Type.Object({
      id: Type.String(),
      current: Type.Boolean(),
      ip: Type.Union([Type.String(), Type.Null()]),
      userAgent: Type.Union([Type.String(), Type.Null()]),
      createdAt: DateTime,
      lastSeenAt: DateTime,
    }),
  ),
});
export const TotpSetup = Type.Object({ secret: Type.String(), otpauthUrl: Type.String(), qrSvg: Type.String() });
export const CodeBody = StrictObject({ code: Type.String({ minLength: 1, maxLength: 10 }) });
export const ApiTokenList = Type.Object({
  items: Type.Array(
    Type.Object({
      id: Type.String(),
      name: Type.String(),
      prefix: Type.String(),
      createdAt: DateTime,
      lastUsedAt: NullableDateTime,
      expiresAt: NullableDateTime,
    }),
  ),
});
export const NewApiTokenBody = StrictObject({
  name: Type.String({ minLength: 1, maxLength: 100 }),
  expiresInDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 3650 })),
});
export const NewApiToken = Type.Object({ id: Type.String(), name: Type.String(), token: Type.String() });
