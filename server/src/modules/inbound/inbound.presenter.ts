// The only serializer of e-mails that arrived at the reply listener. It takes rows the service has
// already redacted.
import type { InboundItem } from '@bureau/common';
import type { Static } from 'typebox';
import type { findInboundPage } from './inbound.repository.js';

type InboundRow = Awaited<ReturnType<typeof findInboundPage>>['items'][number];

export function presentInboundEmail(row: InboundRow): Static<typeof InboundItem> {
  return {
    id: row.id,
    fromAddress: row.fromAddress,
    status: row.status,
    reason: row.reason,
    conversationId: row.conversationId,
    subject: row.subject,
    messageId: row.messageId,
    receivedAt: row.receivedAt,
  };
}
