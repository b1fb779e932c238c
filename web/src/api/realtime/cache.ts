// What each server event changes in the TanStack Query cache. Messages, read and delivered
// positions and notifications are written in place (../conversationCacheWriter.ts); a changed
// conversation (closed, reopened, its people) and whatever the browser cannot work out itself are
// refetched, coalesced so a burst of events asks for each query once.
import type { Query, QueryClient, QueryKey } from '@tanstack/react-query';
import type { Conversation, RealtimeEvent } from '@bureau/common';
import type { Viewer } from '../conversationCache';
import { writeMessage, writeRead } from '../conversationCacheWriter';
import { conversationKeys } from '../conversationKeys';
import { notificationsAfterCreated, notificationsAfterRead, type NotificationList } from '../notificationCache';
import { NOTIFICATION_LIMIT, notificationKeys } from '../notifications';

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
    private readonly viewer: Viewer,
  ) {}

  private readonly refetch = (queryKey: QueryKey, exact = false) => this.invalidate(queryKey, exact);

  /** Whether the conversation's loaded header already has this status, with no fetch about to replace it. */
  private showsStatus(conversationId: string, status: 'open' | 'closed'): boolean {
    const key = conversationKeys.detail(conversationId);
    const header = this.queryClient.getQueryData<Conversation>(key);
    return header?.status === status && this.queryClient.getQueryState(key)?.fetchStatus !== 'fetching';
  }

  apply(event: ConversationEvent): void {
    switch (event.type) {
      case 'message.created':
      case 'message.updated':
        writeMessage(
          this.queryClient,
          this.viewer,
          event.conversationId,
          event.message,
          event.type === 'message.created' ? 'created' : 'updated',
          this.refetch,
        );
        break;
      case 'read.updated':
        // Ticks move in place; an acknowledgement makes neither side ask again.
        writeRead(this.queryClient, this.viewer, event.conversationId, event, this.refetch);
        break;
      case 'conversation.updated':
        // A close or reopen this browser already shows (its own action's answer, or a replay) changes nothing here.
        if (event.status && this.showsStatus(event.conversationId, event.status)) break;
        // Closed or reopened elsewhere, people added: what the person may now do is the server's to say, so ask.
        this.invalidate(conversationKeys.detail(event.conversationId), true);
        this.invalidate(conversationKeys.all);
        break;
      case 'notification.created':
        if (event.notification?.id)
          this.putNotifications((list) => notificationsAfterCreated(list, event.notification, NOTIFICATION_LIMIT));
        else this.invalidate(notificationKeys.all);
        break;
      case 'notification.read':
        if (Array.isArray(event.ids))
          this.putNotifications((list) => notificationsAfterRead(list, event.ids, new Date().toISOString()));
        else this.invalidate(notificationKeys.all);
        break;
    }
  }

  private putNotifications(change: (list: NotificationList) => NotificationList): void {
    const key = notificationKeys.all;
    if (!Array.isArray(this.queryClient.getQueryData<NotificationList>(key)?.items)) return;
    if (this.queryClient.getQueryState(key)?.fetchStatus === 'fetching') this.invalidate(key, true);
    else this.queryClient.setQueryData<NotificationList>(key, (old) => (old ? change(old) : old));
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
