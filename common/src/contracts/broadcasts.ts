// Broadcasts: which companies a choice reaches, sending, progress and recipients.
import { Type, type Static } from 'typebox';
import { MAX_ATTACHMENTS_PER_MESSAGE } from '../attachments.js';
import type { BroadcastMode } from '../broadcasts.js';
import { MESSAGE_MAX, SUBJECT_MAX } from '../limits.js';
import { CountrySchema, DateTime, NullableDateTime, Paged, StrictObject, StringEnum, Uuid, type Wire } from './base.js';

/** The most companies one broadcast may name. */
export const BROADCAST_MAX_COMPANIES = 20_000;

const NullableString = Type.Union([Type.String(), Type.Null()]);
export const BroadcastSelectionSchema = Type.Union([
  StrictObject({
    kind: Type.Literal('filter'),
    status: Type.Optional(Type.Union([Type.Literal('active'), Type.Literal('inactive')])),
    country: Type.Optional(CountrySchema),
    assignedTo: Type.Optional(Uuid),
    tag: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
  }),
  StrictObject({
    kind: Type.Literal('companies'),
    companyIds: Type.Array(Uuid, { minItems: 1, maxItems: BROADCAST_MAX_COMPANIES }),
  }),
]);
export const BroadcastSchema = Type.Object({
  id: Type.String(),
  subject: Type.String(),
  body: Type.String(),
  mode: Type.Unsafe<BroadcastMode>(Type.String()),
  channelId: Type.String(),
  selection: Type.Object({}, { additionalProperties: true }),
  status: StringEnum(['sending', 'done']),
  total: Type.Integer(),
  delivered: Type.Integer(),
  read: Type.Integer(),
  createdAt: DateTime,
  finishedAt: NullableDateTime,
  authorName: Type.Optional(Type.String()),
});
export const BroadcastPage = Paged(BroadcastSchema);
export const NewBroadcastBody = StrictObject({
  id: Uuid,
  subject: Type.String({ maxLength: SUBJECT_MAX }),
  body: Type.String({ maxLength: MESSAGE_MAX }),
  mode: Type.Union([Type.Literal('conversation'), Type.Literal('announcement')]),
  channelId: Type.Optional(Type.String({ maxLength: 64 })),
  selection: BroadcastSelectionSchema,
  // One more than allowed, so the service answers the translated "at most 10 files".
  attachmentIds: Type.Optional(Type.Array(Uuid, { maxItems: MAX_ATTACHMENTS_PER_MESSAGE + 1 })),
});
export const BroadcastPreviewBody = StrictObject({
  selection: BroadcastSelectionSchema,
  search: Type.Optional(Type.String({ maxLength: 200 })),
});
export const BroadcastPreview = Type.Object({
  total: Type.Integer(),
  items: Type.Array(
    Type.Object({ id: Type.String(), name: Type.String(), country: Type.String(), status: Type.String() }),
  ),
});
export const BroadcastRecipient = Type.Object({
  companyId: Type.String(),
  companyName: Type.String(),
  country: Type.String(),
  /** Stored bare; screens and reports write it with `formatTaxId`. */
  taxId: Type.String(),
  conversationId: NullableString,
  deliveredAt: NullableDateTime,
  readAt: NullableDateTime,
  readByName: NullableString,
});
export const BroadcastRecipientList = Type.Object({ items: Type.Array(BroadcastRecipient) });

export type Broadcast = Wire<Static<typeof BroadcastSchema>>;
export type BroadcastRecipient = Wire<Static<typeof BroadcastRecipient>>;
export type NewBroadcast = Static<typeof NewBroadcastBody>;
export type BroadcastPreview = Static<typeof BroadcastPreview>;
