// The face of the messaging module: what other modules may use of it. Reach for nothing behind it.
import { findChannel, listChannels } from './channel.repository.js';
import { SUBSCRIBER, findMessageNotice, subscriberScope, visibleConversationIds } from './conversation.repository.js';
export type { SubscriberScope } from './conversation.repository.js';
export { checkBody, type ConversationService } from './conversation.service.js';

// Channels, and who is subscribed to which conversations, for modules that post, notify or push in their own
// transaction (broadcasts, notifications, the realtime gateway).
export const conversationRecords = {
  findChannel,
  listChannels,
  SUBSCRIBER,
  findMessageNotice,
  subscriberScope,
  visibleConversationIds,
};
