// Realtime: one WebSocket per signed-in tab (socket.ts) whose events update the query cache
// (cache.ts); its state (status.ts) turns polling off while it is open and drives the connection
// banner. It also tells the server which messages from others reached this browser ("delivered").
import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { meKey, useSignedInMe } from '../me';
import type { InboxItem, Message } from '@bureau/common';
import { CacheUpdater } from './cache';
import { RealtimeSocket } from './socket';

export { useRealtimeConnected, useRealtimeStatus, usePollInterval, type RealtimeStatus } from './status';

/** How long delivered acknowledgements wait, so a replayed burst sends one per conversation (ms). */
const ACK_DELAY_MS = 100;

let current: RealtimeSocket | null = null;

/** Skips the back-off and tries to connect now (no-op while connected or connecting). */
export function retryRealtimeNow(): void {
  current?.retryNow();
}

/** Keeps this tab's socket open while someone is signed in; a new one for another person, office or company. */
export function useRealtime(): void {
  const me = useSignedInMe();
  const queryClient = useQueryClient();
  const userId = me.user.id;
  const scope = `${me.office.id}/${me.company?.id ?? ''}`;
  const mySide = me.kind === 'staff' ? 'office' : 'client';

  useEffect(() => {
    const cache = new CacheUpdater(queryClient, { userId, side: mySide });
    // Highest seq received per conversation, not yet acknowledged.
    const acks = new Map<string, number>();
    // Highest seq acknowledged per conversation, so a list refetch does not repeat them.
    const acknowledged = new Map<string, number>();
    let ackTimer: ReturnType<typeof setTimeout> | undefined;
    const flushAcks = () => {
      ackTimer = undefined;
      for (const [conversationId, seq] of acks) {
        if ((acknowledged.get(conversationId) ?? 0) >= seq) continue;
        if (socket.send({ type: 'delivered', conversationId, seq })) acknowledged.set(conversationId, seq);
      }
      acks.clear();
    };
    const acknowledge = (conversationId: string, seq: number) => {
      if ((acknowledged.get(conversationId) ?? 0) >= seq) return;
      acks.set(conversationId, Math.max(acks.get(conversationId) ?? 0, seq));
      ackTimer ??= setTimeout(flushAcks, ACK_DELAY_MS);
    };

    const socket = new RealtimeSocket({
      onEvent: (event) => {
        cache.apply(event);
        if (event.type === 'message.created' && event.message.author.id !== userId)
          acknowledge(event.conversationId, event.message.seq);
      },
      // After a drop, refetch everything on screen once; on the first connect, only what was loaded before it.
      onOpen: (resumed, since) => cache.refreshAll(resumed ? undefined : since),
      // The guard sends the user to sign in if nobody is signed in any more.
      onSignedOut: () => void queryClient.invalidateQueries({ queryKey: meKey }),
    });
    // A poll that succeeds while the socket is down means the server is back.
    const unsubscribe = queryClient.getQueryCache().subscribe((event) => {
      if (event.type !== 'updated' || event.action.type !== 'success') return;
      if (!event.action.manual) socket.serverAnswered();
      // Messages that reached this browser over HTTP (an inbox page, a thread) count as delivered too.
      const key = event.query.queryKey;
      const data = event.query.state.data as unknown;
      if (key[0] === 'conversations' && key[1] === 'list') {
        for (const item of (data as { items?: InboxItem[] } | undefined)?.items ?? []) {
          if (item.lastMessageSide !== mySide && item.unread) acknowledge(item.id, item.lastMessageSeq);
        }
      } else if (key[0] === 'conversation' && key[2] === 'messages' && typeof key[1] === 'string') {
        const seq = Math.max(
          0,
          ...((data as Message[] | undefined) ?? []).filter((m) => m.author.id !== userId).map((m) => m.seq),
        );
        if (seq > 0) acknowledge(key[1], seq);
      }
    });
    current = socket;
    socket.start();
    return () => {
      unsubscribe();
      clearTimeout(ackTimer);
      socket.stop();
      cache.dispose();
      if (current === socket) current = null;
    };
  }, [queryClient, userId, scope, mySide]);
}
