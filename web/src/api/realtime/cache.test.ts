import { QueryClient } from '@tanstack/react-query';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Conversation } from '@bureau/common';
import { conversationKeys } from '../conversationKeys';
import { CacheUpdater } from './cache';

const closedHeader = { id: 'conv', status: 'closed', closedAt: 'then' } as unknown as Conversation;

/** A browser showing a conversation's header, and what the updater asks the server again after a burst. */
function browser() {
  const queryClient = new QueryClient();
  queryClient.setQueryData(conversationKeys.detail('conv'), closedHeader);
  const updater = new CacheUpdater(queryClient, { userId: 'u-office', side: 'office' });
  const invalidated = vi.spyOn(queryClient, 'invalidateQueries');
  const asked = () => invalidated.mock.calls.map(([filters]) => filters?.queryKey);
  return { updater, asked };
}

describe('a conversation closed or reopened', () => {
  afterEach(() => vi.useRealTimers());

  it('asks nothing when this browser already shows the new status (its own close, or a replay)', () => {
    vi.useFakeTimers();
    const { updater, asked } = browser();
    updater.apply({ id: 1, type: 'conversation.updated', conversationId: 'conv', status: 'closed' });
    vi.runAllTimers();
    expect(asked()).toEqual([]);
  });

  it('asks for the header and the lists when it changed elsewhere, or when the event does not say how', () => {
    vi.useFakeTimers();
    const { updater, asked } = browser();
    updater.apply({ id: 1, type: 'conversation.updated', conversationId: 'conv', status: 'open' });
    vi.runAllTimers();
    expect(asked()).toEqual([conversationKeys.detail('conv'), conversationKeys.all]);

    const other = browser();
    other.updater.apply({ id: 2, type: 'conversation.updated', conversationId: 'conv' });
    vi.runAllTimers();
    expect(other.asked()).toEqual([conversationKeys.detail('conv'), conversationKeys.all]);
  });
});
