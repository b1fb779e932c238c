// The only serializer of an office's SMTP settings.
import type { MailSettings } from '@bureau/common';
import type { Static } from 'typebox';
import type { MailSettingsRow } from './mail-settings.repository.js';

/** What leaves the server: everything but the password, of which only its existence. */
export function presentMailSettings(row: MailSettingsRow): Static<typeof MailSettings> {
  return {
    host: row.host,
    port: row.port,
    security: row.security,
    username: row.username,
    hasPassword: !!row.passwordSealed,
    fromAddress: row.fromAddress,
    fromName: row.fromName,
    verifiedAt: row.verifiedAt,
    lastError: row.lastError,
    updatedAt: row.updatedAt,
  };
}
