// Request and response schemas of the SMS routes. The provider token is accepted, never returned.
import { Type, type Static } from 'typebox';
import {
  DateTime,
  LiteralUnion,
  NullableDateTime,
  PageQuery,
  Paged,
  StrictObject,
  StringEnum,
  type Wire,
} from './base.js';

const Provider = Type.Union([Type.Literal('smsapi'), Type.Literal('twilio')]);
export const smsStatuses = ['pending', 'sent', 'delivered', 'failed', 'refused'] as const;
export type SmsStatus = (typeof smsStatuses)[number];
const Status = LiteralUnion(smsStatuses);
/** The longest sender name providers take (alphanumeric senders are shorter in some countries). */
export const SMS_SENDER_MAX = 20;
const NullableString = Type.Union([Type.String(), Type.Null()]);

export const SmsSettingsSchema = Type.Object({
  configured: Type.Boolean(),
  provider: Type.Union([Provider, Type.Null()]),
  accountId: NullableString,
  tokenSet: Type.Boolean(),
  senderName: Type.String(),
  dailyCap: Type.Integer(),
  perNumberHourly: Type.Integer(),
  enabled: Type.Boolean(),
  updatedAt: NullableDateTime,
});

export const SmsSettingsBody = StrictObject({
  provider: Provider,
  accountId: Type.Optional(Type.Union([Type.String({ maxLength: 64 }), Type.Null()])),
  token: Type.Optional(Type.String({ maxLength: 500 })),
  senderName: Type.String({ minLength: 1, maxLength: SMS_SENDER_MAX }),
  dailyCap: Type.Integer({ minimum: 1, maximum: 100000 }),
  perNumberHourly: Type.Integer({ minimum: 1, maximum: 100 }),
  enabled: Type.Boolean(),
});

export const SmsTestBody = StrictObject({ to: Type.String({ minLength: 1, maxLength: 40 }) });

export const SmsSchema = Type.Object({
  id: Type.String(),
  userId: NullableString,
  toNumber: Type.String(),
  body: Type.String(),
  provider: Type.String(),
  providerMessageId: NullableString,
  status: StringEnum(smsStatuses),
  error: NullableString,
  attempts: Type.Integer(),
  createdAt: DateTime,
  sentAt: NullableDateTime,
  statusAt: NullableDateTime,
});

export const SmsPage = Paged(SmsSchema);
export const SmsListQuery = StrictObject({ ...PageQuery, status: Type.Optional(Type.Array(Status, { maxItems: 5 })) });

export const OfficeIdParams = StrictObject({ officeId: Type.String({ maxLength: 64 }) });
export const SmsapiReportParams = StrictObject({
  officeId: Type.String({ maxLength: 64 }),
  token: Type.String({ maxLength: 100 }),
});
/** A provider's report: its own fields, whatever they are (they are read, never stored as such). */
export const ReportFields = Type.Record(Type.String({ maxLength: 100 }), Type.String({ maxLength: 2000 }));
/** The provider's callback answer: plain text it expects. */
export const ProviderAck = Type.String();

export type SmsProvider = Static<typeof Provider>;
export type SmsSettings = Wire<Static<typeof SmsSettingsSchema>>;
export type SmsSettingsInput = Static<typeof SmsSettingsBody>;
export type SmsItem = Wire<Static<typeof SmsSchema>>;
