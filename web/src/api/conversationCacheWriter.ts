// Applies what the server reported — a send's answer, a realtime event, a read position — to every
// query the browser holds, in place (the rules are in conversationCache.ts). Only what cannot be
// worked out here is asked again: through `refetch`, which the realtime client coalesces.
import type { QueryClient, QueryKey } from '@tanstack/react-query';
import {
  conversationAfterMessage,
  conversationAfterRead,
  countsAfterMessage,
  hasGapBefore,
  listAfterMessage,
  rowAfterOwnRead,
  sideBefore,
  threadWithMessage,
  type ListFilters,
  type Viewer,
} from './conversationCache';
import { conversationKeys } from './conversationKeys';
import type { Conversation, ConversationCounts, InboxItem, Message, Paged } from '@bureau/common';

/** Asks the server again for a query (and its children unless `exact`). */
export type Refetch = (queryKey: QueryKey, exact?: boolean) => void;

export const refetchNow =
  (queryClient: QueryClient): Refetch =>
  (queryKey, exact = false) =>
    void queryClient.invalidateQueries({ queryKey, exact });

type ListEntry = [QueryKey, Paged<InboxItem> | undefined];

function loadedLists(queryClient: QueryClient): ListEntry[] {
  return queryClient.getQueriesData<Paged<InboxItem>>({ queryKey: conversationKeys.lists });
}

/** A fetch under way would answer with what it read before this change and overwrite it: ask again instead. */
function isFetching(queryClient: QueryClient, queryKey: QueryKey): boolean {
  return queryClient.getQueryState(queryKey)?.fetchStatus === 'fetching';
}

/**
 * A message the server stored or changed (`created` for a new one: the POST's answer or the event; `updated` for an
 * edit or a deletion), applied to the thread, the conversation's header, the inbox pages and the counters.
 */
export function writeMessage(
  queryClient: QueryClient,
  viewer: Viewer,
  conversationId: string,
  message: Message,
  kind: 'created' | 'updated',
  refetch: Refetch,
): void {
  const threadKey = conversationKeys.messages(conversationId);
  const thread = queryClient.getQueryData<Message[]>(threadKey);
  const lists = loadedLists(queryClient);
  const isNew = kind === 'created';

  // What was known before: the freshest row a list showed, or the message before it; and whether this one was applied.
  const row = lists
    .map(([, data]) => data?.items.find((r) => r.id === conversationId))
    .reduce<InboxItem | undefined>((a, b) => (b && (!a || b.lastMessageSeq > a.lastMessageSeq) ? b : a), undefined);
  const applied =
    Boolean(thread?.some((m) => m.id === message.id)) || (row ? row.lastMessageSeq >= message.seq : false);
  // Whether the message was already counted is known only from a thread or a list row that no fetch is replacing: the
  // POST's answer and the event of the same message would otherwise both move the counters.
  const settled =
    (thread !== undefined && !isFetching(queryClient, threadKey)) ||
    lists.some(([key, data]) => data?.items.some((r) => r.id === conversationId) && !isFetching(queryClient, key));

  if (thread) {
    if (isFetching(queryClient, threadKey)) refetch(threadKey, true);
    else {
      queryClient.setQueryData<Message[]>(threadKey, threadWithMessage(thread, message));
      if (isNew && hasGapBefore(thread, message)) refetch(threadKey, true);
    }
  }
  if (!isNew) {
    for (const [key, data] of lists) {
      if (!data) continue;
      const next = listAfterMessage(data, key[2] as ListFilters, conversationId, message, viewer, isNew);
      if (next.list !== data) queryClient.setQueryData(key, next.list);
    }
    return;
  }

  const detailKey = conversationKeys.detail(conversationId);
  const conversation = queryClient.getQueryData<Conversation>(detailKey);
  if (conversation) {
    if (isFetching(queryClient, detailKey)) refetch(detailKey, true);
    else queryClient.setQueryData(detailKey, conversationAfterMessage(conversation, message));
  }

  const counts = queryClient.getQueryData<ConversationCounts>(conversationKeys.counts);
  if (counts) {
    const next = countsAfterMessage(
      counts,
      { row, previousSide: sideBefore(thread, message.seq), applied, conversation },
      message,
      viewer,
    );
    if (next === 'refetch' || (next !== 'same' && (!settled || isFetching(queryClient, conversationKeys.counts))))
      refetch(conversationKeys.counts, true);
    else if (next !== 'same') queryClient.setQueryData(conversationKeys.counts, next);
  }

  for (const [key, data] of lists) {
    if (!data) continue;
    if (isFetching(queryClient, key)) {
      refetch(key, true);
      continue;
    }
    const next = listAfterMessage(data, key[2] as ListFilters, conversationId, message, viewer, isNew);
    if (next.list !== data) queryClient.setQueryData(key, next.list);
    if (next.refetch) refetch(key, true);
  }
}

/** Someone's read or delivered position moved (an event, or my own read the server confirmed). */
export function writeRead(
  queryClient: QueryClient,
  viewer: Viewer,
  conversationId: string,
  change: { userId: string; lastReadSeq?: number; deliveredSeq?: number },
  refetch: Refetch,
): void {
  const detailKey = conversationKeys.detail(conversationId);
  const conversation = queryClient.getQueryData<Conversation>(detailKey);
  if (conversation) {
    // Someone who has no position yet: their messages say who they are, or the server does.
    const author = queryClient
      .getQueryData<Message[]>(conversationKeys.messages(conversationId))
      ?.find((m) => m.author.id === change.userId)?.author;
    const next = conversationAfterRead(conversation, change, new Date().toISOString(), author);
    if (!next || isFetching(queryClient, detailKey)) refetch(detailKey, true);
    else if (next !== conversation) queryClient.setQueryData(detailKey, next);
  }
  // My own read position (here or in another tab) clears the unread mark; the counters count replies, not reads.
  const lastReadSeq = change.lastReadSeq;
  if (change.userId !== viewer.userId || lastReadSeq === undefined) return;
  for (const [key, data] of loadedLists(queryClient)) {
    if (!data?.items.some((r) => r.id === conversationId)) continue;
    const items = data.items.map((r) => (r.id === conversationId ? rowAfterOwnRead(r, lastReadSeq) : r));
    if (items.some((r, i) => r !== data.items[i])) queryClient.setQueryData(key, { ...data, items });
  }
}
