// The only serializer of attachments (in messages, uploads and broadcasts).
import { attachmentTypes, type AttachmentKind, type AttachmentSchema } from '@bureau/common';
import type { Static } from 'typebox';
import type { AttachmentRow } from './attachment.repository.js';

export function presentAttachment(row: AttachmentRow): Static<typeof AttachmentSchema> {
  return {
    id: row.id,
    name: row.name,
    mime: row.mime,
    kind: (attachmentTypes.find((t) => t.mime === row.mime)?.kind ?? 'archive') as AttachmentKind,
    size: row.size,
    width: row.width,
    height: row.height,
    thumbnail: row.thumbnailSha256 !== null,
  };
}
