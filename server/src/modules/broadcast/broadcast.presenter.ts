// The only serializer of broadcasts (the list, the detail, the answer to sending).
import type { BroadcastSchema } from '@bureau/common';
import type { Static } from 'typebox';
import type { BroadcastRow } from './broadcast.repository.js';

export function presentBroadcast(
  row: BroadcastRow,
  progress: { delivered: number; read: number } | undefined,
): Static<typeof BroadcastSchema> {
  return {
    id: row.id,
    subject: row.subject,
    body: row.body,
    mode: row.mode,
    channelId: row.channelId,
    selection: row.selection,
    status: row.status,
    total: row.total,
    delivered: progress?.delivered ?? 0,
    read: progress?.read ?? 0,
    createdAt: row.createdAt,
    finishedAt: row.finishedAt,
  };
}
