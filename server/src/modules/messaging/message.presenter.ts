// The only serializer of messages: HTTP answers and realtime events carry the same shape.
import type { MessageSchema, RevisionList } from '@bureau/common';
import type { Static } from 'typebox';
import { presentAttachment, type AttachmentRow } from '../attachments/index.js';
import type { listRevisions, MessageRow } from './conversation.repository.js';

export function presentMessage(
  m: MessageRow & { authorName?: string },
  files: AttachmentRow[] = [],
): Static<typeof MessageSchema> {
  return {
    id: m.id,
    seq: m.seq,
    clientId: m.clientId,
    author: { id: m.authorId, name: m.authorName ?? '', side: m.authorSide },
    body: m.deletedAt ? '' : m.body,
    // A deleted message's files stay stored (the history is permanent) but leave the thread.
    attachments: m.deletedAt ? [] : files.map(presentAttachment),
    createdAt: m.createdAt,
    editedAt: m.editedAt,
    deletedAt: m.deletedAt,
  };
}

type RevisionRow = Awaited<ReturnType<typeof listRevisions>>[number];

/** One earlier text of a message: what it said before an edit (or its deletion), who changed it and when. */
export function presentRevision(r: RevisionRow): Static<typeof RevisionList>['items'][number] {
  return {
    kind: r.kind,
    body: r.body,
    revisedAt: r.revisedAt,
    revisedBy: { id: r.revisedById, name: r.revisedByName },
  };
}
