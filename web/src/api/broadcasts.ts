// Broadcasts: one message to many companies, its progress and who read it when.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, withQuery } from './client';
import type { Broadcast, BroadcastRecipient, BroadcastSelection, NewBroadcast, Paged } from '@bureau/common';

export type { Broadcast, BroadcastRecipient, NewBroadcast } from '@bureau/common';

export type { BroadcastSelection } from '@bureau/common';

const keys = { all: ['broadcasts'] as const };

/** The companies a choice reaches (the first 500 by name; `search` narrows them by name or tax id). */
export function useBroadcastPreview(selection: BroadcastSelection | null, search = '') {
  return useQuery({
    queryKey: ['broadcasts', 'preview', selection, search],
    queryFn: () =>
      api.post<{ total: number; items: { id: string; name: string; country: string; status: string }[] }>(
        '/broadcasts/preview',
        { selection, ...(search && { search }) },
      ),
    enabled: selection !== null,
    placeholderData: keepPreviousData,
  });
}

export function useSendBroadcast() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: NewBroadcast) => api.post<Broadcast>('/broadcasts', input),
    onSuccess: () => void client.invalidateQueries({ queryKey: keys.all }),
  });
}

export function useBroadcasts(page: number) {
  return useQuery({
    queryKey: ['broadcasts', 'list', page],
    queryFn: ({ signal }) => api.get<Paged<Broadcast>>(withQuery('/broadcasts', { page, pageSize: 20 }), signal),
    placeholderData: keepPreviousData,
    // A fan-out in progress moves on its own.
    refetchInterval: (query) => (query.state.data?.items.some((b) => b.status === 'sending') ? 1000 : false),
  });
}

export function useBroadcast(id: string | undefined) {
  return useQuery({
    queryKey: ['broadcasts', 'one', id],
    queryFn: ({ signal }) => api.get<Broadcast>(`/broadcasts/${encodeURIComponent(id ?? '')}`, signal),
    enabled: Boolean(id),
    // The progress while sending; afterwards the read count, as clients open it.
    refetchInterval: (query) => (query.state.data?.status === 'sending' ? 1000 : 10_000),
  });
}

export function useBroadcastRecipients(id: string | undefined, sending: boolean, total: number) {
  return useQuery({
    queryKey: ['broadcasts', 'recipients', id],
    queryFn: ({ signal }) =>
      api.get<{ items: BroadcastRecipient[] }>(`/broadcasts/${encodeURIComponent(id ?? '')}/recipients`, signal),
    select: (data) => data.items,
    enabled: Boolean(id),
    // While sending it fills up; afterwards read times arrive as clients open it — a slower refresh,
    // slower still for a report of thousands of companies.
    refetchInterval: sending ? 2000 : total > 2000 ? 60_000 : 10_000,
  });
}

export const reportUrl = (id: string, format: 'csv' | 'xlsx') =>
  `/api/broadcasts/${encodeURIComponent(id)}/report?format=${format}`;
