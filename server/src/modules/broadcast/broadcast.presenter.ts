// The only serializer of broadcasts (the list, the detail, the answer to sending), their recipients
// and the preview of whom a selection reaches.
import type { BroadcastPreview, BroadcastRecipient, BroadcastSchema } from '@bureau/common';
import type { Static } from 'typebox';
import type { BroadcastRow, listRecipients, selectCompanies } from './broadcast.repository.js';

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

type RecipientRow = Awaited<ReturnType<typeof listRecipients>>[number];

/** A company the broadcast went to, with when it arrived and who read it first. */
export function presentRecipient(row: RecipientRow): Static<typeof BroadcastRecipient> {
  return {
    companyId: row.companyId,
    companyName: row.companyName,
    country: row.country,
    taxId: row.taxId,
    conversationId: row.conversationId,
    deliveredAt: row.deliveredAt,
    readAt: row.readAt,
    readByName: row.readByName,
  };
}

type PreviewRows = Awaited<ReturnType<typeof selectCompanies>>;

/** The first companies a selection reaches, and how many it reaches in all. */
export function presentPreview(rows: PreviewRows): Static<typeof BroadcastPreview> {
  return {
    total: rows.total,
    items: rows.items.map((c) => ({ id: c.id, name: c.name, country: c.country, status: c.status })),
  };
}
