// The frames of /api/ws. The server whitelists each event through its schema here (a field not in
// the contract never leaves), and the web client takes its types from the same schemas.
import { Type, type Static, type TObject } from 'typebox';
import { MessageSchema } from './messaging.js';
import { NotificationSchema } from './notifications.js';
import { UUID_PATTERN, type Wire } from './base.js';

/** The event's position in the office's stream: a reconnecting browser resumes after it. */
const EventId = Type.Integer();

export const MessageEvent = Type.Object({
  id: EventId,
  type: Type.Union([Type.Literal('message.created'), Type.Literal('message.updated')]),
  conversationId: Type.String(),
  message: MessageSchema,
});
export const ConversationUpdatedEvent = Type.Object({
  id: EventId,
  type: Type.Literal('conversation.updated'),
  conversationId: Type.String(),
  /** Set when the conversation was closed or reopened; absent for other changes (its people). */
  status: Type.Optional(Type.Union([Type.Literal('open'), Type.Literal('closed')])),
});
/** Someone read (`lastReadSeq`) or their browsers received (`deliveredSeq`) a conversation so far. */
export const ReadUpdatedEvent = Type.Object({
  id: EventId,
  type: Type.Literal('read.updated'),
  conversationId: Type.String(),
  userId: Type.String(),
  lastReadSeq: Type.Optional(Type.Integer()),
  deliveredSeq: Type.Optional(Type.Integer()),
});
/** For one person only: their notification centre changed. */
export const NotificationCreatedEvent = Type.Object({
  id: EventId,
  type: Type.Literal('notification.created'),
  conversationId: Type.Null(),
  notification: NotificationSchema,
});
export const NotificationReadEvent = Type.Object({
  id: EventId,
  type: Type.Literal('notification.read'),
  conversationId: Type.Null(),
  ids: Type.Array(Type.String()),
});

export const RealtimeEvent = Type.Union([
  MessageEvent,
  ConversationUpdatedEvent,
  ReadUpdatedEvent,
  NotificationCreatedEvent,
  NotificationReadEvent,
]);
export type RealtimeEvent = Wire<Static<typeof RealtimeEvent>>;
export type RealtimeEventType = RealtimeEvent['type'];

/** Each event type's schema, for the server's whitelist (one object schema, no union to guess). */
export const realtimeEventSchemas: Record<RealtimeEventType, TObject> = {
  'message.created': MessageEvent,
  'message.updated': MessageEvent,
  'conversation.updated': ConversationUpdatedEvent,
  'read.updated': ReadUpdatedEvent,
  'notification.created': NotificationCreatedEvent,
  'notification.read': NotificationReadEvent,
};

/** The first frame of a connection: where the office's stream stands. */
export const HelloFrame = Type.Object({ type: Type.Literal('hello'), lastEventId: Type.Integer() });
export type HelloFrame = Static<typeof HelloFrame>;

/**
 * What the browser sends: its browsers received a conversation up to `seq`. The server checks each frame
 * against this (anything else is ignored), so it is as tight as what the server can record.
 */
export const DeliveredFrame = Type.Object({
  type: Type.Literal('delivered'),
  conversationId: Type.String({ pattern: UUID_PATTERN }),
  seq: Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER }),
});
/** A longer frame is not a delivered acknowledgement; the server does not parse it. */
export const DELIVERED_FRAME_MAX_LENGTH = 512;
export type DeliveredFrame = Static<typeof DeliveredFrame>;
