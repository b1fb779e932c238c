// The office's portfolio: its companies by how they stand with the office (collaborating, invited, pending, own),
// each with its latest invitation; paged by cursor.
import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import type { PortfolioGroup, PortfolioPage } from '@bureau/common';
import { api, withQuery } from './client';

export type { InvitationStatus, PortfolioCompany, PortfolioGroup, PortfolioPage } from '@bureau/common';
export { portfolioGroups } from '@bureau/common';

/** One group (or every company when `group` is null), narrowed by name or tax id; "load more" fetches the next page. */
export function usePortfolio(group: PortfolioGroup | null, q: string) {
  return useInfiniteQuery({
    queryKey: ['portfolio', group, q],
    queryFn: ({ pageParam, signal }) =>
      api.get<PortfolioPage>(withQuery('/portfolio', { group, q, cursor: pageParam }), signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    placeholderData: keepPreviousData,
  });
}
