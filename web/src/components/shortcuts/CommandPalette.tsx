import '@mantine/spotlight/styles.css';
import { Spotlight, spotlight } from '@mantine/spotlight';
import { Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import type { CompanyListItem, Me, Paged, SearchHit } from '@bureau/common';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { formatTaxId } from '@common/validation/tax-id';
import { api, withQuery } from '../../api/client';
import { useSignedInMe } from '../../api/me';
import { fold } from '../../lib/textMatch';

const RESULTS_PER_GROUP = 5;

type PageEntry = { to: string; label: string };

/** The pages the person may open, as the navigation offers them (`me.can` decides the office's settings and logs). */
function usePages(): PageEntry[] {
  const { t } = useTranslation();
  const me = useSignedInMe();
  const allowed = (can: keyof Me['can']) => me.can[can];
  const pages: (PageEntry | false)[] = [
    { to: '/inbox', label: `${t('nav.inbox')} · ${t('inbox.views.needs')}` },
    { to: '/inbox?view=all', label: `${t('nav.inbox')} · ${t('inbox.views.all')}` },
    { to: '/search', label: t('search.title') },
    { to: '/conversations/new', label: t('inbox.newConversation') },
    { to: '/companies', label: t('nav.companies') },
    { to: '/portfolio', label: t('nav.portfolio') },
    { to: '/broadcasts', label: t('nav.broadcasts') },
    allowed('announce') && { to: '/broadcasts/new', label: t('palette.newBroadcast') },
    allowed('importCompanies') && { to: '/companies/import', label: t('palette.importCompanies') },
    { to: '/staff', label: t('nav.staff') },
    allowed('readAudit') && { to: '/audit', label: t('nav.audit') },
    allowed('readOutbox') && { to: '/outbox', label: t('nav.outbox') },
    allowed('manageOffice') && { to: '/settings/office', label: t('nav.officeSettings') },
    allowed('manageChannels') && { to: '/settings/channels', label: t('nav.channels') },
    { to: '/account', label: t('nav.account') },
    { to: '/account/notifications', label: t('palette.notificationSettings') },
  ];
  return pages.filter((page): page is PageEntry => Boolean(page));
}

/**
 * Ctrl+K (⌘K): go anywhere by typing — a company (the company search, which forgives diacritics), a conversation
 * (the message search, by subject or words in it) or a page.
 */
export function CommandPalette() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [query, setQuery] = useState('');
  const [debounced] = useDebouncedValue(query.trim(), 200);
  const pages = usePages();
  const companies = useQuery({
    queryKey: ['palette', 'companies', debounced],
    queryFn: ({ signal }) =>
      api.get<Paged<CompanyListItem>>(
        withQuery('/companies', { search: debounced, page: 1, pageSize: RESULTS_PER_GROUP }),
        signal,
      ),
    enabled: debounced.length > 0,
    staleTime: 10_000,
  });
  const conversations = useQuery({
    queryKey: ['palette', 'conversations', debounced],
    queryFn: ({ signal }) =>
      api.get<Paged<SearchHit>>(withQuery('/search', { q: debounced, page: 1, pageSize: RESULTS_PER_GROUP }), signal),
    enabled: debounced.length > 0,
    staleTime: 10_000,
  });

  const typed = fold(query.trim());
  const matchingPages = typed ? pages.filter((page) => fold(page.label).includes(typed)) : pages;
  const companyItems = debounced ? (companies.data?.items ?? []) : [];
  const conversationItems = debounced ? (conversations.data?.items ?? []) : [];
  const waiting =
    Boolean(query.trim()) && (query.trim() !== debounced || companies.isFetching || conversations.isFetching);
  const nothing = matchingPages.length + companyItems.length + conversationItems.length === 0;

  const go = (to: string) => void navigate(to);

  return (
    <Spotlight.Root query={query} onQueryChange={setQuery} shortcut={null} scrollable maxHeight={440} yOffset="8vh">
      <Spotlight.Search placeholder={t('palette.placeholder')} aria-label={t('palette.label')} />
      <Spotlight.ActionsList aria-label={t('palette.results')}>
        {companyItems.length > 0 && (
          <Spotlight.ActionsGroup label={t('palette.companies')}>
            {companyItems.map((company) => (
              <Spotlight.Action
                key={company.id}
                label={company.name}
                description={company.taxId ? formatTaxId(company.country, company.taxId) : undefined}
                onClick={() => go(`/companies/${company.id}`)}
              />
            ))}
          </Spotlight.ActionsGroup>
        )}
        {conversationItems.length > 0 && (
          <Spotlight.ActionsGroup label={t('palette.conversations')}>
            {conversationItems.map((hit) => (
              <Spotlight.Action
                key={hit.id}
                label={hit.subject}
                description={hit.companyName}
                onClick={() => go(`/inbox/${hit.id}?view=all`)}
              />
            ))}
          </Spotlight.ActionsGroup>
        )}
        {matchingPages.length > 0 && (
          <Spotlight.ActionsGroup label={t('palette.pages')}>
            {matchingPages.map((page) => (
              <Spotlight.Action key={page.to} label={page.label} onClick={() => go(page.to)} />
            ))}
          </Spotlight.ActionsGroup>
        )}
        {nothing && (
          <Spotlight.Empty>
            <Text size="sm" c="dimmed" role="status">
              {waiting ? t('palette.searching') : t('palette.nothing', { q: query.trim() })}
            </Text>
          </Spotlight.Empty>
        )}
      </Spotlight.ActionsList>
    </Spotlight.Root>
  );
}

export const openPalette = spotlight.open;
