import { QueryClient, type QueryKey } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import { writeMessage, writeRead } from './conversationCacheWriter';
import { conversationKeys } from './conversationKeys';
import { ACCOUNTANT, CLIENT, conversation, message, office, row } from './conversation.fixtures';
import type { Conversation, ConversationCounts, InboxItem, Paged } from '@bureau/common';

const waitingRow = row();
const header = conversation({
  readers: [
    { userId: CLIENT.id, name: CLIENT.name, side: 'client', lastReadSeq: 1, deliveredSeq: 1, readAt: 'then' },
    { userId: ACCOUNTANT.id, name: ACCOUNTANT.name, side: 'office', lastReadSeq: 1, deliveredSeq: 1, readAt: 'then' },
  ],
});

/** An accountant's browser with the thread open in the inbox's "needs your action" view. */
function accountantBrowser() {
  const queryClient = new QueryClient();
  const needs = conversationKeys.list({ needsAction: true, page: 1 });
  queryClient.setQueryData(conversationKeys.messages('conv'), [message(1, CLIENT)]);
  queryClient.setQueryData(conversationKeys.detail('conv'), header);
  queryClient.setQueryData<Paged<InboxItem>>(needs, { items: [waitingRow], total: 1, page: 1, pageSize: 30 });
  queryClient.setQueryData<ConversationCounts>(conversationKeys.counts, {
    total: 1,
    byChannel: [{ id: 'channel', count: 1 }],
    byCompany: [{ id: 'company', count: 1 }],
  });
  const asked: QueryKey[] = [];
  return { queryClient, needs, asked, refetch: (key: QueryKey) => void asked.push(key) };
}

describe('the cache writer', () => {
  it('keeps a send’s answer and its echo without asking the server anything, and counts the answer once', () => {
    const { queryClient, needs, asked, refetch } = accountantBrowser();
    const answer = message(2, ACCOUNTANT);
    writeMessage(queryClient, office, 'conv', answer, 'created', refetch);
    writeMessage(queryClient, office, 'conv', answer, 'created', refetch);

    expect(asked).toEqual([]);
    expect(queryClient.getQueryData(conversationKeys.messages('conv'))).toEqual([message(1, CLIENT), answer]);
    const after = queryClient.getQueryData<Conversation>(conversationKeys.detail('conv'))!;
    expect(after.lastMessageSeq).toBe(2);
    // My own read position moved with my message, so the thread does not post a read for it.
    expect(after.readers.find((r) => r.userId === ACCOUNTANT.id)?.lastReadSeq).toBe(2);
    expect(queryClient.getQueryData<Paged<InboxItem>>(needs)).toMatchObject({ items: [], total: 0 });
    expect(queryClient.getQueryData<ConversationCounts>(conversationKeys.counts)).toEqual({
      total: 0,
      byChannel: [],
      byCompany: [],
    });
  });

  it('asks for the counters instead of counting a send twice while the thread and its list are being refetched', () => {
    const { queryClient, needs, asked, refetch } = accountantBrowser();
    const never = () => new Promise<never>(() => {});
    void queryClient.fetchQuery({ queryKey: conversationKeys.messages('conv'), queryFn: never, staleTime: 0 });
    void queryClient.fetchQuery({ queryKey: needs, queryFn: never, staleTime: 0 });
    const answer = message(2, ACCOUNTANT);
    writeMessage(queryClient, office, 'conv', answer, 'created', refetch);
    writeMessage(queryClient, office, 'conv', answer, 'created', refetch);

    // Nothing settled says whether the answer was counted: the counters are asked for, never taken down twice.
    expect(queryClient.getQueryData<ConversationCounts>(conversationKeys.counts)?.total).toBe(1);
    expect(asked).toContainEqual(conversationKeys.counts);
  });

  it('asks for the counters and the page when a conversation turns to a staff member’s side', () => {
    const { queryClient, needs, asked, refetch } = accountantBrowser();
    writeMessage(queryClient, office, 'conv', message(2, ACCOUNTANT), 'created', refetch);
    writeMessage(queryClient, office, 'conv', message(3, CLIENT), 'created', refetch);
    expect(asked).toEqual([conversationKeys.counts, needs]);
  });

  it('moves the ticks of a read in place, and asks only about a reader it does not know', () => {
    const { queryClient, asked, refetch } = accountantBrowser();
    writeMessage(queryClient, office, 'conv', message(2, ACCOUNTANT), 'created', refetch);
    writeRead(queryClient, office, 'conv', { userId: CLIENT.id, deliveredSeq: 2 }, refetch);
    writeRead(queryClient, office, 'conv', { userId: CLIENT.id, lastReadSeq: 2 }, refetch);
    const client = queryClient
      .getQueryData<Conversation>(conversationKeys.detail('conv'))!
      .readers.find((r) => r.userId === CLIENT.id);
    expect(client).toMatchObject({ lastReadSeq: 2, deliveredSeq: 2 });
    expect(asked).toEqual([]);
    writeRead(queryClient, office, 'conv', { userId: 'colleague', lastReadSeq: 2 }, refetch);
    expect(asked).toEqual([conversationKeys.detail('conv')]);
  });
});
