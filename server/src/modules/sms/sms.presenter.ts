// The only serializers of the SMS log and settings. The provider token never leaves the server.
import type { SmsSchema, SmsSettingsSchema } from '@bureau/common';
import type { Static } from 'typebox';
import { redactSecrets } from '../system/index.js';
import type { SmsRow, SmsSettingsRow } from './sms.repository.js';

export function presentSms(row: SmsRow): Static<typeof SmsSchema> {
  return {
    id: row.id,
    userId: row.userId,
    toNumber: row.toNumber,
    // An admin sees what was sent, never a link or code that would let them in as its addressee.
    body: redactSecrets(row.body),
    provider: row.provider,
    providerMessageId: row.providerMessageId,
    status: row.status,
    error: row.error,
    attempts: row.attempts,
    createdAt: row.createdAt,
    sentAt: row.sentAt,
    statusAt: row.statusAt,
  };
}

export function presentSettings(row: SmsSettingsRow | undefined): Static<typeof SmsSettingsSchema> {
  return {
    configured: !!row,
    provider: row?.provider ?? null,
    accountId: row?.accountId ?? null,
    // The token never leaves the server: the page only learns that one is stored.
    tokenSet: !!row?.tokenSealed,
    senderName: row?.senderName ?? '',
    dailyCap: row?.dailyCap ?? 500,
    perNumberHourly: row?.perNumberHourly ?? 5,
    enabled: row?.enabled ?? false,
    updatedAt: row?.updatedAt ?? null,
  };
}
