// The office's own SMTP settings, the outbox of e-mails sent, and the e-mails the reply listener
// received. The SMTP password is accepted, never returned.
import { Type, type Static } from 'typebox';
import { DateTime, Email, Nullable, NullableDateTime, Paged, StrictObject, type Wire } from './base.js';

export const SmtpSecurity = Type.Union([Type.Literal('tls'), Type.Literal('starttls'), Type.Literal('none')]);
const NullableString = Type.Union([Type.String(), Type.Null()]);

export const MailSettingsBody = StrictObject({
  host: Type.String({ minLength: 1, maxLength: 253 }),
  port: Type.Integer({ minimum: 1, maximum: 65535 }),
  security: SmtpSecurity,
  username: Type.Optional(Type.Union([Type.String({ maxLength: 254 }), Type.Null()])),
  /** Write-only; left out, the saved one is kept (for the same host). */
  password: Type.Optional(Type.String({ minLength: 1, maxLength: 1024 })),
  fromAddress: Email,
  fromName: Type.Optional(Type.Union([Type.String({ maxLength: 100 }), Type.Null()])),
});

export const MailSettings = Type.Object({
  host: Type.String(),
  port: Type.Integer(),
  security: SmtpSecurity,
  username: NullableString,
  hasPassword: Type.Boolean(),
  fromAddress: Type.String(),
  fromName: NullableString,
  verifiedAt: NullableDateTime,
  lastError: NullableString,
  updatedAt: DateTime,
});
export const MailSettingsState = Type.Object({
  settings: Type.Union([MailSettings, Type.Null()]),
  instanceSmtp: Type.Boolean(),
});
export const MailTestBody = StrictObject({ to: Email, settings: Type.Optional(MailSettingsBody) });
export const MailTestResult = Type.Object({ to: Type.String() });

export const OutboxItem = Type.Object({
  id: Type.String(),
  toAddress: Type.String(),
  toName: Type.Union([Type.String(), Type.Null()]),
  subject: Type.String(),
  template: Type.String(),
  status: Type.String(),
  createdAt: DateTime,
  sentAt: NullableDateTime,
  lastError: Type.Union([Type.String(), Type.Null()]),
});
export const OutboxPage = Paged(OutboxItem);
export const OutboxEmail = Type.Object({ ...OutboxItem.properties, textBody: Type.String(), htmlBody: Type.String() });

export const InboundItem = Type.Object({
  id: Type.String(),
  fromAddress: Type.String(),
  status: Type.Union([Type.Literal('posted'), Type.Literal('refused')]),
  /** A stable code (unknown_sender, auto_reply, malformed, no_access, closed, empty, too_long, too_many_files, attachment_refused, refused), optionally ": detail". */
  reason: Nullable(Type.String()),
  conversationId: Nullable(Type.String()),
  subject: Nullable(Type.String()),
  messageId: Nullable(Type.String()),
  receivedAt: DateTime,
});
export const InboundPage = Paged(InboundItem);
export type OutboxItem = Wire<Static<typeof OutboxItem>>;
export type OutboxMessage = Wire<Static<typeof OutboxEmail>>;
/** An e-mail that arrived at the reply listener; `reason` is a code (see the inbound locale section), optionally followed by ": detail". */
export type InboundEmail = Wire<Static<typeof InboundItem>>;
export type MailSettings = Wire<Static<typeof MailSettings>>;
export type MailSettingsState = Wire<Static<typeof MailSettingsState>>;
export type SmtpSecurity = Static<typeof SmtpSecurity>;
export type MailSettingsInput = Static<typeof MailSettingsBody>;
