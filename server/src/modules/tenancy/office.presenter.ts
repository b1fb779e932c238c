// The only serializer of the office's settings.
import type { Locale, OfficeSchema } from '@bureau/common';
import type { Static } from 'typebox';
import type { offices } from '../../db/schema.js';

type OfficeRow = typeof offices.$inferSelect;

export function presentOffice(row: OfficeRow): Static<typeof OfficeSchema> {
  return {
    id: row.id,
    name: row.name,
    country: row.country,
    defaultLocale: row.defaultLocale as Locale,
    restrictEmployees: row.restrictEmployees,
    allowClientPasswordless: row.allowClientPasswordless,
    requireStaffTwoFactor: row.requireStaffTwoFactor,
    messageEditMinutes: row.messageEditMinutes,
    unreadDigestMinutes: row.unreadDigestMinutes,
    notificationDefaults: row.notificationDefaults,
    createdAt: row.createdAt,
  };
}
