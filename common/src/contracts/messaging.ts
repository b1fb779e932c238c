// Request and response schemas of channels, conversations and messages.
import { Type, type Static } from 'typebox';
import { MAX_ATTACHMENTS_PER_MESSAGE, type AttachmentKind } from '../attachments.js';
import { MESSAGE_MAX, SUBJECT_MAX } from '../limits.js';
import {
  DateTime,
  NullableDateTime,
  PageQuery,
  Paged,
  SpecialtyOut,
  SpecialtySchema,
  StrictObject,
  StringEnum,
  type Wire,
} from './base.js';

/** The four channels every office starts with (their names are translated; the office's own have none). */
export const defaultChannelKeys = ['accounting', 'payroll', 'invoicing', 'admin'] as const;
export type ChannelKey = (typeof defaultChannelKeys)[number];
export const conversationStatuses = ['open', 'closed'] as const;
export type ConversationStatus = (typeof conversationStatuses)[number];
export const visibilities = ['company', 'private'] as const;
export type Visibility = (typeof visibilities)[number];

/** The longest channel name, in each language. */
export const CHANNEL_NAME_MAX = 60;

const Side = Type.Union([Type.Literal('office'), Type.Literal('client')]);
const NullableString = Type.Union([Type.String(), Type.Null()]);
/** Who closed a conversation (null while it is open). */
const ClosedBy = Type.Union([Type.Object({ id: Type.String(), name: Type.String() }), Type.Null()]);
const ChannelName = Type.String({ minLength: 1, maxLength: CHANNEL_NAME_MAX });
const ChannelNames = StrictObject({
  en: Type.Optional(ChannelName),
  pl: Type.Optional(ChannelName),
  ro: Type.Optional(ChannelName),
  fr: Type.Optional(ChannelName),
});

export const ChannelSchema = Type.Object({
  id: Type.String(),
  /** Set for the four default channels; null for the office's own. */
  key: Type.Union([StringEnum(defaultChannelKeys), Type.Null()]),
  names: Type.Object({
    en: Type.Optional(Type.String()),
    pl: Type.Optional(Type.String()),
    ro: Type.Optional(Type.String()),
    fr: Type.Optional(Type.String()),
  }),
  specialty: Type.Union([SpecialtyOut, Type.Null()]),
  position: Type.Integer(),
  archived: Type.Boolean(),
});
export const ChannelList = Type.Object({ items: Type.Array(ChannelSchema) });
export const NewChannelBody = StrictObject({
  names: ChannelNames,
  specialty: Type.Union([SpecialtySchema, Type.Null()]),
  position: Type.Optional(Type.Integer({ minimum: 0, maximum: 1000 })),
});
export const ChannelPatchBody = StrictObject({
  names: Type.Optional(ChannelNames),
  specialty: Type.Optional(Type.Union([SpecialtySchema, Type.Null()])),
  position: Type.Optional(Type.Integer({ minimum: 0, maximum: 1000 })),
  archived: Type.Optional(Type.Boolean()),
});

// Empty text is allowed in the schema: a message of files only has none (the service decides).
const Body = Type.String({ maxLength: MESSAGE_MAX });
const ClientId = Type.String({ format: 'uuid' });
// One more than allowed, so the service answers the translated "at most 10 files".
const AttachmentIds = Type.Optional(
  Type.Array(Type.String({ format: 'uuid' }), {
    maxItems: MAX_ATTACHMENTS_PER_MESSAGE + 1,
  }),
);

export const AttachmentSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  mime: Type.String(),
  kind: Type.Unsafe<AttachmentKind>(Type.String()),
  size: Type.Integer(),
  width: Type.Union([Type.Integer(), Type.Null()]),
  height: Type.Union([Type.Integer(), Type.Null()]),
  thumbnail: Type.Boolean(),
});
export const UploadQuery = StrictObject({ companyId: Type.Optional(Type.String({ format: 'uuid' })) });
export const DownloadQuery = StrictObject({ inline: Type.Optional(Type.Boolean()) });

export const NewConversationBody = StrictObject({
  companyId: Type.Optional(Type.String({ format: 'uuid' })),
  channelId: Type.String({ maxLength: 64 }),
  subject: Type.String({ minLength: 1, maxLength: SUBJECT_MAX }),
  body: Body,
  clientId: ClientId,
  visibility: Type.Union([Type.Literal('company'), Type.Literal('private')]),
  participantIds: Type.Optional(Type.Array(Type.String({ format: 'uuid' }), { maxItems: 50 })),
  attachmentIds: AttachmentIds,
});

const Person = Type.Object({ id: Type.String(), name: Type.String() });
/**
 * The office's own state of a conversation, for staff only (absent for clients): marked handled (until the client
 * writes again), snoozed until a moment (or until the client writes again), assigned to a colleague.
 */
export const TriageSchema = Type.Object({
  handledAt: NullableDateTime,
  handledBy: Type.Union([Person, Type.Null()]),
  snoozedUntil: NullableDateTime,
  assignee: Type.Union([Person, Type.Null()]),
});
export const HandledBody = StrictObject({ handled: Type.Boolean() });
export const SnoozeBody = StrictObject({ until: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]) });
export const AssignBody = StrictObject({ assigneeId: Type.Union([Type.String({ format: 'uuid' }), Type.Null()]) });
/** The colleagues a conversation may be assigned to (staff of the office who may see it). */
export const AssigneeList = Type.Object({ items: Type.Array(Person) });

export const ConversationSchema = Type.Object({
  id: Type.String(),
  companyId: Type.String(),
  channelId: Type.String(),
  subject: Type.String(),
  status: StringEnum(conversationStatuses),
  visibility: StringEnum(visibilities),
  startedBySide: Side,
  startedBy: Type.String(),
  closedAt: NullableDateTime,
  closedBy: ClosedBy,
  closedBySide: Type.Union([Side, Type.Null()]),
  lastMessageAt: DateTime,
  lastMessageSeq: Type.Integer(),
  participants: Type.Array(Type.Object({ userId: Type.String(), name: Type.String() })),
  readers: Type.Array(
    Type.Object({
      userId: Type.String(),
      name: Type.String(),
      side: Side,
      lastReadSeq: Type.Integer(),
      deliveredSeq: Type.Integer(),
      readAt: DateTime,
    }),
  ),
  permissions: Type.Object({
    post: Type.Boolean(),
    close: Type.Boolean(),
    reopen: Type.Boolean(),
    handle: Type.Boolean(),
    snooze: Type.Boolean(),
    assign: Type.Boolean(),
    /** The earlier texts of a deleted message (the history of an edited one is open to all who see it). */
    readDeletedText: Type.Boolean(),
  }),
  triage: Type.Optional(TriageSchema),
});

export const InboxItem = Type.Object({
  id: Type.String(),
  companyId: Type.String(),
  companyName: Type.String(),
  channelId: Type.String(),
  subject: Type.String(),
  status: StringEnum(conversationStatuses),
  visibility: StringEnum(visibilities),
  startedBySide: Side,
  closedAt: NullableDateTime,
  closedBy: ClosedBy,
  lastMessageAt: DateTime,
  lastMessageSide: Side,
  lastMessageSeq: Type.Integer(),
  lastMessage: NullableString,
  unread: Type.Boolean(),
  needsAction: Type.Boolean(),
  triage: Type.Optional(TriageSchema),
});
export const InboxPage = Paged(InboxItem);
export const InboxQuery = StrictObject({
  ...PageQuery,
  status: Type.Optional(Type.Union([Type.Literal('open'), Type.Literal('closed')])),
  companyId: Type.Optional(Type.String({ format: 'uuid' })),
  channelId: Type.Optional(Type.String({ format: 'uuid' })),
  assigneeId: Type.Optional(Type.String({ format: 'uuid' })),
  needsAction: Type.Optional(Type.Boolean()),
});
export const Counts = Type.Object({
  total: Type.Integer(),
  byChannel: Type.Array(Type.Object({ id: Type.String(), count: Type.Integer() })),
  byCompany: Type.Array(Type.Object({ id: Type.String(), count: Type.Integer() })),
});

export const MessageSchema = Type.Object({
  id: Type.String(),
  seq: Type.Integer(),
  clientId: Type.String(),
  author: Type.Object({ id: Type.String(), name: Type.String(), side: Side }),
  body: Type.String(),
  attachments: Type.Array(AttachmentSchema),
  createdAt: DateTime,
  editedAt: NullableDateTime,
  deletedAt: NullableDateTime,
});
export const MessageList = Type.Object({ items: Type.Array(MessageSchema) });
export const MessagesQuery = StrictObject({
  afterSeq: Type.Optional(Type.Integer({ minimum: 0, default: 0 })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 100 })),
});
export const NewMessageBody = StrictObject({ clientId: ClientId, body: Body, attachmentIds: AttachmentIds });
export const EditMessageBody = StrictObject({ body: Body });
export const ReadBody = StrictObject({ seq: Type.Integer({ minimum: 0 }) });
export const RevisionList = Type.Object({
  /** Oldest first: each item is the text as it was before that edit (or the deletion). */
  items: Type.Array(
    Type.Object({
      kind: StringEnum(['edit', 'delete'] as const),
      body: Type.String(),
      revisedAt: DateTime,
      revisedBy: Type.Object({ id: Type.String(), name: Type.String() }),
    }),
  ),
});

/** The people of a company one may write to privately (names only: a limited user sees no more). */
export const ParticipantOptionsQuery = StrictObject({ companyId: Type.Optional(Type.String({ format: 'uuid' })) });
export const ParticipantOptions = Type.Object({
  items: Type.Array(Type.Object({ userId: Type.String(), name: Type.String() })),
});

export const SearchQuery = StrictObject({ ...PageQuery, q: Type.String({ minLength: 1, maxLength: 200 }) });
export const SearchPage = Paged(
  Type.Object({
    id: Type.String(),
    subject: Type.String(),
    companyId: Type.String(),
    companyName: Type.String(),
    channelId: Type.String(),
    status: Type.String(),
    lastMessageAt: DateTime,
    /** The newest message that matches (null when only the subject does), with who wrote it and when. */
    match: Type.Union([
      Type.Object({ seq: Type.Integer(), body: Type.String(), authorName: Type.String(), createdAt: DateTime }),
      Type.Null(),
    ]),
  }),
);

export type Side = Static<typeof Side>;
export type Channel = Static<typeof ChannelSchema>;
export type ChannelNames = Channel['names'];
export type Attachment = Static<typeof AttachmentSchema>;
export type Message = Wire<Static<typeof MessageSchema>>;
export type Conversation = Wire<Static<typeof ConversationSchema>>;
export type Reader = Conversation['readers'][number];
export type Triage = Wire<Static<typeof TriageSchema>>;
export type Assignee = Static<typeof AssigneeList>['items'][number];
export type InboxItem = Wire<Static<typeof InboxItem>>;
export type ConversationCounts = Static<typeof Counts>;
export type Revision = Wire<Static<typeof RevisionList>>['items'][number];
export type ParticipantOption = Static<typeof ParticipantOptions>['items'][number];
export type SearchHit = Wire<Static<typeof SearchPage>>['items'][number];
export type NewChannel = Static<typeof NewChannelBody>;
export type ChannelPatch = Static<typeof ChannelPatchBody>;
export type NewConversation = Static<typeof NewConversationBody>;
