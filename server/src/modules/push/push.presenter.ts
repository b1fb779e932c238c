// The only serializer of a person's push devices.
import type { PushDevice } from '@bureau/common';
import type { Static } from 'typebox';
import type { PushSubscriptionRow } from './push.repository.js';

export function presentDevice(row: PushSubscriptionRow): Static<typeof PushDevice> {
  return {
    id: row.id,
    endpoint: row.endpoint,
    userAgent: row.userAgent,
    createdAt: row.createdAt,
    lastSuccessAt: row.lastSuccessAt,
    lastError: row.lastError,
  };
}
