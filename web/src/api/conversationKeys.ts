// The query keys of conversations, channels and their counters, in a module of their own so the cache writer and the
// hooks share them without importing each other.
import type { ConversationStatus } from '@bureau/common';

export type ConversationListParams = {
  status?: ConversationStatus;
  channelId?: string;
  companyId?: string;
  assigneeId?: string;
  needsAction?: boolean;
  page: number;
  pageSize?: number;
};

export const conversationKeys = {
  channels: ['channels'] as const,
  /** Every list and the counters: what a new or changed conversation invalidates. */
  all: ['conversations'] as const,
  lists: ['conversations', 'list'] as const,
  list: (params: ConversationListParams) => ['conversations', 'list', params] as const,
  counts: ['conversations', 'counts'] as const,
  /** Every conversation and its messages. */
  details: ['conversation'] as const,
  /** One conversation; its messages are under it, so invalidating this refreshes both (unless `exact`). */
  detail: (id: string) => ['conversation', id] as const,
  messages: (id: string) => ['conversation', id, 'messages'] as const,
};
