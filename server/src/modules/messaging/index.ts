// The face of the messaging module: what other modules may use of it. Reach for nothing behind it.
export { findChannel, listChannels } from './channel.repository.js';
export {
  SUBSCRIBER,
  type SubscriberScope,
  findMessageNotice,
  subscriberScope,
  visibleConversationIds,
} from './conversation.repository.js';
export { checkBody, type ConversationService } from './conversation.service.js';
