// What each server event changes in the TanStack Query cache: a message goes straight into its
// loaded thread; everything else is invalidated, coalesced so a burst of events refetches each
// query once.
import type { Query, QueryClient, QueryKey } from '@tanstack/react-query';
import { conversationKeys, putMessage } from '../conversations';
import { notificationKeys } from '../notifications';
import type { Message, RealtimeEvent } from '@bureau/common';

/** An event of /api/ws (the `hello` aside); `id` grows across the office's events. */
export type ConversationEvent = RealtimeEvent;

/** How long invalidations wait for company (ms). */
const COALESCE_MS = 150;

export class CacheUpdater {
  /** Query keys to invalidate at the next flush, by their JSON, each with whether to match exactly. */
  private readonly pending = new Map<string, { queryKey: QueryKey; exact: boolean }>();
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly queryClient: QueryClient,
    private readonly userId: string,
  ) {}

  apply(event: ConversationEvent): void {
    switch (event.type) {
      case 'message.created':
      case 'message.updated':
        this.putMessage(event.conversationId, event.message);
        // Last message, unread state, counters; the detail for its last seq and readers.
        this.invalidate(conversationKeys.detail(event.conversationId), true);
        this.invalidate(conversationKeys.all);
        break;
      case 'read.updated':
        // Someone's ticks moved. My own position (read in another tab) also changes what is unread.
        this.invalidate(conversationKeys.detail(event.conversationId), true);
        if (event.userId === this.userId) this.invalidate(conversationKeys.all);
        break;
      case 'conversation.updated':
        this.invalidate(conversationKeys.detail(event.conversationId), true);
        this.invalidate(conversationKeys.all);
        break;
      case 'notification.created':
      case 'notification.read':
        this.invalidate(notificationKeys.all);
        break;
    }
  }

  /**
   * Refetches every conversation query on screen (after a reconnect, in case the server could not
   * replay something); with `olderThan`, only data fetched before that moment.
   */
  refreshAll(olderThan?: number): void {
    const stale = (q: Query) =>
      olderThan === undefined || (q.state.dataUpdatedAt > 0 && q.state.dataUpdatedAt < olderThan);
    void this.queryClient.invalidateQueries({ queryKey: conversationKeys.all, predicate: stale });
    void this.queryClient.invalidateQueries({ queryKey: conversationKeys.details, predicate: stale });
    void this.queryClient.invalidateQueries({ queryKey: notificationKeys.all, predicate: stale });
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.pending.clear();
  }

  private putMessage(conversationId: string, message: Message): void {
    const queryKey = conversationKeys.messages(conversationId);
    const query = this.queryClient.getQueryCache().find<Message[]>({ queryKey, exact: true });
    const loaded = query?.state.data;
    if (!query || !loaded) return;
    // A fetch under way may answer without this message and overwrite it: refetch instead.
    if (query.state.fetchStatus === 'fetching') {
      this.invalidate(queryKey, true);
      return;
    }
    const known = loaded.some((m) => m.id === message.id);
    putMessage(this.queryClient, conversationId, message);
    // A hole before it (an event the server could not replay): load the thread again.
    if (!known && message.seq > (loaded.at(-1)?.seq ?? 0) + 1) this.invalidate(queryKey, true);
  }

  private invalidate(queryKey: QueryKey, exact = false): void {
    const id = JSON.stringify([queryKey, exact]);
    if (!this.pending.has(id)) this.pending.set(id, { queryKey, exact });
    this.timer ??= setTimeout(() => this.flush(), COALESCE_MS);
  }

  private flush(): void {
    this.timer = undefined;
    const batch = [...this.pending.values()];
    this.pending.clear();
    for (const { queryKey, exact } of batch) void this.queryClient.invalidateQueries({ queryKey, exact });
  }
}
