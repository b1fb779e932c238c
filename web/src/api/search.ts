// The message search (GET /api/search): every word of the query as a prefix, diacritics ignored.
import type { Paged, SearchHit } from '@bureau/common';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, withQuery } from './client';

export const SEARCH_PAGE_SIZE = 20;

export function useMessageSearch(q: string, page = 1, pageSize = SEARCH_PAGE_SIZE) {
  const query = q.trim();
  return useQuery({
    queryKey: ['search', query, page, pageSize],
    queryFn: ({ signal }) => api.get<Paged<SearchHit>>(withQuery('/search', { q: query, page, pageSize }), signal),
    enabled: query.length > 0,
    placeholderData: keepPreviousData,
  });
}
