// Conversations between the office and its clients: channels, the inbox and its counters, one
// conversation with its messages, and the sends that have not reached the server yet (the outbox).
//
// What the server answers or pushes (./realtime) is written into the cached queries in place
// (conversationCacheWriter.ts): a send costs its POST and nothing more. While the socket is down,
// the open thread, the lists and the counters fall back to polling while the tab is visible.
import { keepPreviousData, useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useRef, useSyncExternalStore } from 'react';
import { api, withQuery } from './client';
import type { Viewer } from './conversationCache';
import { refetchNow, writeMessage, writeRead } from './conversationCacheWriter';
import { conversationKeys, type ConversationListParams } from './conversationKeys';
import { useSignedInMe } from './me';
import { MessageOutbox, type OutgoingMessage } from './messageOutbox';
import { getRealtimeStatus, subscribeRealtimeStatus, usePollInterval } from './realtime/status';
import type {
  Attachment,
  Channel,
  ChannelPatch,
  Conversation,
  ConversationCounts,
  InboxItem,
  Message,
  Paged,
  NewChannel,
  NewConversation,
} from '@bureau/common';

/** Polling periods while the realtime socket is down (ms); TanStack Query pauses them while the tab is hidden. */
export const POLL = { thread: 5_000, list: 20_000 } as const;
export const INBOX_PAGE_SIZE = 30;
const MESSAGE_PAGE = 200;

export { conversationKeys, type ConversationListParams };

const path = (id: string) => `/conversations/${encodeURIComponent(id)}`;

/** A fresh id for an idempotent send (crypto.randomUUID needs a secure context; fall back if absent). */
export function newClientId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

// ---- channels ----

export function useChannels() {
  return useQuery({
    queryKey: conversationKeys.channels,
    queryFn: () => api.get<{ items: Channel[] }>('/channels'),
    select: (data) => [...data.items].sort((a, b) => a.position - b.position),
    staleTime: 5 * 60_000,
  });
}

export function useCreateChannel() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: NewChannel) => api.post<Channel>('/channels', body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: conversationKeys.channels }),
  });
}

export function useUpdateChannel() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: ChannelPatch & { id: string }) =>
      api.patch<Channel>(`/channels/${encodeURIComponent(id)}`, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: conversationKeys.channels }),
  });
}

// ---- lists and counters ----

export function useConversationCounts(enabled = true) {
  return useQuery({
    queryKey: conversationKeys.counts,
    queryFn: ({ signal }) => api.get<ConversationCounts>('/conversations/counts', signal),
    enabled,
    refetchInterval: usePollInterval(POLL.list),
    refetchIntervalInBackground: false,
  });
}

export function useConversationList(params: ConversationListParams, enabled = true) {
  return useQuery({
    queryKey: conversationKeys.list(params),
    queryFn: ({ signal }) =>
      api.get<Paged<InboxItem>>(
        withQuery('/conversations', {
          status: params.status,
          channelId: params.channelId,
          companyId: params.companyId,
          assigneeId: params.assigneeId,
          needsAction: params.needsAction || undefined,
          page: params.page,
          pageSize: params.pageSize ?? INBOX_PAGE_SIZE,
        }),
        signal,
      ),
    enabled,
    placeholderData: keepPreviousData,
    refetchInterval: usePollInterval(POLL.list),
    refetchIntervalInBackground: false,
  });
}

/** After anything that changes what lists and counters show. */
function refreshLists(queryClient: QueryClient): void {
  void queryClient.invalidateQueries({ queryKey: conversationKeys.all });
}

// ---- one conversation ----

export function useConversation(id: string | undefined) {
  return useQuery({
    queryKey: conversationKeys.detail(id ?? ''),
    queryFn: ({ signal }) => api.get<Conversation>(path(id ?? ''), signal),
    enabled: Boolean(id),
    refetchInterval: usePollInterval(POLL.thread),
    refetchIntervalInBackground: false,
  });
}

/** Every message of a conversation, in order (the API pages forward from a position). */
async function fetchAllMessages(id: string, signal: AbortSignal): Promise<Message[]> {
  const items: Message[] = [];
  let afterSeq = 0;
  for (;;) {
    const page = await api.get<{ items: Message[] }>(
      withQuery(`${path(id)}/messages`, { afterSeq, limit: MESSAGE_PAGE }),
      signal,
    );
    items.push(...page.items);
    const last = page.items.at(-1);
    if (page.items.length < MESSAGE_PAGE || !last) return items;
    afterSeq = last.seq;
  }
}

export function useMessages(id: string | undefined) {
  return useQuery({
    queryKey: conversationKeys.messages(id ?? ''),
    queryFn: ({ signal }) => fetchAllMessages(id ?? '', signal),
    enabled: Boolean(id),
    refetchInterval: usePollInterval(POLL.thread),
    refetchIntervalInBackground: false,
    staleTime: 0,
  });
}

/** The signed-in person as the cache rules see them. */
export function useViewer(): Viewer {
  const me = useSignedInMe();
  const side = me.kind === 'staff' ? 'office' : 'client';
  return useMemo(() => ({ userId: me.user.id, side }), [me.user.id, side]);
}

/** Moves my read position forward (the server never moves it back). */
export function useMarkRead(conversationId: string) {
  const queryClient = useQueryClient();
  const viewer = useViewer();
  return useMutation({
    mutationFn: (seq: number) => api.post<void>(`${path(conversationId)}/read`, { seq }),
    // The server may clamp to the last message; its read.updated event corrects this if it did.
    onSuccess: (_, seq) =>
      writeRead(
        queryClient,
        viewer,
        conversationId,
        { userId: viewer.userId, lastReadSeq: seq },
        refetchNow(queryClient),
      ),
  });
}

function useConversationAction(conversationId: string, action: 'close' | 'reopen') {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<Conversation>(`${path(conversationId)}/${action}`),
    onSuccess: (conversation) => {
      queryClient.setQueryData(conversationKeys.detail(conversationId), conversation);
      refreshLists(queryClient);
    },
  });
}

export const useCloseConversation = (id: string) => useConversationAction(id, 'close');
export const useReopenConversation = (id: string) => useConversationAction(id, 'reopen');

/** Starts a conversation; sending the same clientId again returns the same conversation. */
export function useStartConversation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: NewConversation) => api.post<Conversation>('/conversations', body),
    onSuccess: (conversation) => {
      queryClient.setQueryData(conversationKeys.detail(conversation.id), conversation);
      refreshLists(queryClient);
    },
  });
}

export function useEditMessage(conversationId: string) {
  const queryClient = useQueryClient();
  const viewer = useViewer();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: string }) =>
      api.patch<Message>(`/messages/${encodeURIComponent(id)}`, { body }),
    onSuccess: (message) =>
      writeMessage(queryClient, viewer, conversationId, message, 'updated', refetchNow(queryClient)),
  });
}

/** What the server keeps of a deleted message (its answer is empty; the event brings the same). */
export function deletedCopy(message: Message, at: string): Message {
  return { ...message, body: '', attachments: [], deletedAt: at };
}

export function useDeleteMessage(conversationId: string) {
  const queryClient = useQueryClient();
  const viewer = useViewer();
  return useMutation({
    mutationFn: (message: Message) => api.delete(`/messages/${encodeURIComponent(message.id)}`),
    onSuccess: (_, message) =>
      writeMessage(
        queryClient,
        viewer,
        conversationId,
        deletedCopy(message, new Date().toISOString()),
        'updated',
        refetchNow(queryClient),
      ),
  });
}

// ---- the outbox: sends the server has not confirmed ----

export type { OutgoingMessage };

const outbox = new MessageOutbox();

/** This conversation's unconfirmed sends, less those the server already shows. */
export function useOutbox(userId: string, conversationId: string, stored: Message[] | undefined): OutgoingMessage[] {
  outbox.use(userId);
  const entries = useSyncExternalStore(outbox.subscribe, outbox.snapshot);
  return useMemo(() => {
    const known = new Set((stored ?? []).map((m) => m.clientId));
    return entries.filter((e) => e.conversationId === conversationId && !known.has(e.clientId));
  }, [entries, conversationId, stored]);
}

/**
 * Posts one outgoing message (first time or again, always with its clientId) and records the outcome: the stored
 * message takes the outgoing one's place, and the thread's header, the inbox rows and the counters follow from it
 * without asking the server again; a failure stays in the outbox with its status.
 */
function postOutgoing(
  queryClient: QueryClient,
  viewer: Viewer,
  entry: Omit<OutgoingMessage, 'state' | 'error' | 'status'>,
  describeError: (error: unknown) => string,
): Promise<void> {
  const { clientId, conversationId, body, attachments = [], createdAt } = entry;
  outbox.put({ clientId, conversationId, body, attachments, createdAt, state: 'sending' });
  return api
    .post<Message>(`${path(conversationId)}/messages`, {
      clientId,
      body,
      attachmentIds: attachments.map((a) => a.id),
    })
    .then(
      (message) => {
        writeMessage(queryClient, viewer, conversationId, message, 'created', refetchNow(queryClient));
        outbox.remove(clientId);
      },
      (error: unknown) => {
        const status = (error as { status?: number }).status ?? 0;
        outbox.patch(clientId, { state: 'failed', status, error: status === 0 ? '' : describeError(error) });
        if (status === 409) void queryClient.invalidateQueries({ queryKey: conversationKeys.detail(conversationId) });
      },
    );
}

/** Sends (or re-sends, with the same clientId) a message; it counts as sent only once the server answers. */
export function useSendMessage(userId: string, conversationId: string, describeError: (error: unknown) => string) {
  const queryClient = useQueryClient();
  const viewer = useViewer();
  const send = useCallback(
    (body: string, attachments: Attachment[] = [], clientId: string = newClientId()) => {
      outbox.use(userId);
      void postOutgoing(
        queryClient,
        viewer,
        { clientId, conversationId, body, attachments, createdAt: new Date().toISOString() },
        describeError,
      );
      return clientId;
    },
    [queryClient, viewer, userId, conversationId, describeError],
  );
  const retry = useCallback(
    (entry: OutgoingMessage) => send(entry.body, entry.attachments ?? [], entry.clientId),
    [send],
  );
  const discard = useCallback((entry: OutgoingMessage) => outbox.remove(entry.clientId), []);
  return { send, retry, discard };
}

/**
 * When the connection comes back — the browser's `online`, or the realtime socket open again (also its first open,
 * for what a reload found unsent) — sends again, by itself, what failed for want of a connection; what the server
 * refused waits for the person. The "retry" button stays for both.
 */
export function useResendWhenBack(describeError: (error: unknown) => string): void {
  const queryClient = useQueryClient();
  const viewer = useViewer();
  const describe = useRef(describeError);
  describe.current = describeError;
  useEffect(() => {
    outbox.use(viewer.userId);
    const resend = () =>
      void outbox.resendFailed((entry) => postOutgoing(queryClient, viewer, entry, (error) => describe.current(error)));
    let open = getRealtimeStatus().state === 'open';
    const unsubscribe = subscribeRealtimeStatus(() => {
      const nowOpen = getRealtimeStatus().state === 'open';
      if (nowOpen && !open) resend();
      open = nowOpen;
    });
    window.addEventListener('online', resend);
    return () => {
      unsubscribe();
      window.removeEventListener('online', resend);
    };
  }, [queryClient, viewer]);
}
