// Conversations between the office and its clients: channels, the inbox and its counters, one
// conversation with its messages, and the sends that have not reached the server yet (the outbox).
//
// What the server answers or pushes (./realtime) is written into the cached queries in place
// (conversationCacheWriter.ts): a send costs its POST and nothing more. While the socket is down,
// the open thread, the lists and the counters fall back to polling while the tab is visible.
import { keepPreviousData, useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useCallback, useMemo, useSyncExternalStore } from 'react';
import { api, withQuery } from './client';
import type { Viewer } from './conversationCache';
import { refetchNow, writeMessage, writeRead } from './conversationCacheWriter';
import { conversationKeys, type ConversationListParams } from './conversationKeys';
import { useSignedInMe } from './me';
import { usePollInterval } from './realtime/status';
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

/** A message on its way, or one that failed and waits for "retry" (always with the same clientId). */
export type OutgoingMessage = {
  clientId: string;
  conversationId: string;
  body: string;
  /** Files already uploaded, sent by id with the message. */
  attachments?: Attachment[];
  createdAt: string;
  state: 'sending' | 'failed';
  /** The server's translated refusal; empty for a network failure. */
  error?: string;
};

const OUTBOX_PREFIX = 'bureau.outbox.';

/** Kept in localStorage per user, so a reload does not lose what was typed and not yet stored. */
class Outbox {
  private entries: OutgoingMessage[] = [];
  private userId: string | null = null;
  private listeners = new Set<() => void>();

  use(userId: string): void {
    if (this.userId === userId) return;
    this.userId = userId;
    let stored: OutgoingMessage[] = [];
    try {
      stored = JSON.parse(localStorage.getItem(OUTBOX_PREFIX + userId) ?? '[]') as OutgoingMessage[];
    } catch {
      stored = [];
    }
    // A send cut short by a reload has an unknown fate: offer a retry (the clientId makes it safe).
    this.entries = stored.map((e) => (e.state === 'sending' ? { ...e, state: 'failed' as const } : e));
    // Called while rendering: no emit here, useSyncExternalStore reads the new snapshot itself.
  }

  subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  snapshot = () => this.entries;

  put(entry: OutgoingMessage): void {
    this.entries = [...this.entries.filter((e) => e.clientId !== entry.clientId), entry];
    this.save();
  }

  patch(clientId: string, changes: Partial<OutgoingMessage>): void {
    this.entries = this.entries.map((e) => (e.clientId === clientId ? { ...e, ...changes } : e));
    this.save();
  }

  remove(clientId: string): void {
    if (!this.entries.some((e) => e.clientId === clientId)) return;
    this.entries = this.entries.filter((e) => e.clientId !== clientId);
    this.save();
  }

  private save(): void {
    if (this.userId) {
      try {
        if (this.entries.length) localStorage.setItem(OUTBOX_PREFIX + this.userId, JSON.stringify(this.entries));
        else localStorage.removeItem(OUTBOX_PREFIX + this.userId);
      } catch {
        // Storage full or private mode: the outbox lasts for this page only.
      }
    }
    this.emit();
  }

  private emit(): void {
    for (const listener of this.listeners) listener();
  }
}

const outbox = new Outbox();

/** This conversation's unconfirmed sends, less those the server already shows. */
export function useOutbox(userId: string, conversationId: string, stored: Message[] | undefined): OutgoingMessage[] {
  outbox.use(userId);
  const entries = useSyncExternalStore(outbox.subscribe, outbox.snapshot);
  return useMemo(() => {
    const known = new Set((stored ?? []).map((m) => m.clientId));
    return entries.filter((e) => e.conversationId === conversationId && !known.has(e.clientId));
  }, [entries, conversationId, stored]);
}

/** Sends (or re-sends, with the same clientId) a message; it counts as sent only once the server answers. */
export function useSendMessage(userId: string, conversationId: string, describeError: (error: unknown) => string) {
  const queryClient = useQueryClient();
  const viewer = useViewer();
  const send = useCallback(
    (body: string, attachments: Attachment[] = [], clientId: string = newClientId()) => {
      outbox.use(userId);
      outbox.put({
        clientId,
        conversationId,
        body,
        attachments,
        createdAt: new Date().toISOString(),
        state: 'sending',
      });
      api
        .post<Message>(`${path(conversationId)}/messages`, {
          clientId,
          body,
          attachmentIds: attachments.map((a) => a.id),
        })
        .then(
          (message) => {
            // The answer is the stored message: it takes the outgoing one's place, and the thread's header, the
            // inbox rows and the counters follow from it without asking the server again.
            writeMessage(queryClient, viewer, conversationId, message, 'created', refetchNow(queryClient));
            outbox.remove(clientId);
          },
          (error: unknown) => {
            const status = (error as { status?: number }).status ?? 0;
            outbox.patch(clientId, { state: 'failed', error: status === 0 ? '' : describeError(error) });
            if (status === 409)
              void queryClient.invalidateQueries({ queryKey: conversationKeys.detail(conversationId) });
          },
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
