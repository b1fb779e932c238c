import { Badge, Button, Group, Paper, Stack, Text, TextInput, UnstyledButton } from '@mantine/core';
import type { SearchHit } from '@bureau/common';
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { SEARCH_PAGE_SIZE, useMessageSearch } from '../../api/search';
import { useSignedInMe } from '../../api/me';
import { Loading, LoadError } from '../../components/Feedback';
import { PageHeader } from '../../components/PageHeader';
import { usePageShortcuts } from '../../components/shortcuts/pageShortcuts';
import { Pager } from '../../components/Pager';
import { useFormat } from '../../lib/format';
import { queryWords, snippet, type Snippet } from '../../lib/textMatch';
import classes from './search.module.css';

/**
 * The message search: subjects and messages of the conversations the person may see, every word as a prefix,
 * diacritics optional ("zolw" finds "żółw"). The query lives in the URL, so a search can be reloaded or shared.
 */
export default function SearchPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const page = Math.max(1, Number(params.get('page')) || 1);
  const [value, setValue] = useState(q);
  const [shown, setShown] = useState(q);
  // A new query in the URL (the inbox's box, the back button) replaces what the field holds.
  if (shown !== q) {
    setShown(q);
    setValue(q);
  }
  const search = useMessageSearch(q, page);
  const field = useRef<HTMLInputElement>(null);
  usePageShortcuts({ search: () => field.current?.focus() });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const next = value.trim();
    setParams(next ? { q: next } : {});
  };

  return (
    <Stack gap="md" maw={860}>
      <PageHeader title={t('search.title')} documentTitle={q ? t('search.documentTitle', { q }) : t('search.title')} />
      <form role="search" aria-label={t('search.label')} onSubmit={submit}>
        <Group gap="xs" align="flex-end" wrap="nowrap">
          <TextInput
            ref={field}
            type="search"
            label={t('search.label')}
            value={value}
            onChange={(event) => setValue(event.currentTarget.value)}
            enterKeyHint="search"
            autoFocus={!q}
            style={{ flex: 1, minWidth: 0 }}
            size="md"
          />
          <Button type="submit" size="md">
            {t('search.submit')}
          </Button>
        </Group>
      </form>
      {!q.trim() ? (
        <Paper withBorder p="lg">
          <Text fw={600}>{t('search.emptyTitle')}</Text>
          <Text size="sm" c="dimmed" mt={4}>
            {t('search.emptyText')}
          </Text>
        </Paper>
      ) : search.isPending ? (
        <Loading />
      ) : search.error ? (
        <LoadError error={search.error} onRetry={() => void search.refetch()} />
      ) : search.data.total === 0 ? (
        <Paper withBorder p="lg" role="status">
          <Text fw={600}>{t('search.noResults', { q })}</Text>
          <Text size="sm" c="dimmed" mt={4}>
            {t('search.noResultsText')}
          </Text>
        </Paper>
      ) : (
        <>
          <Text size="sm" c="dimmed" role="status">
            {t('search.count', { count: search.data.total, formatted: format.number(search.data.total) })}
          </Text>
          <ul className={classes.results} aria-busy={search.isFetching}>
            {search.data.items.map((hit) => (
              <li key={hit.id}>
                <SearchResult hit={hit} words={queryWords(q)} />
              </li>
            ))}
          </ul>
          <Pager
            page={page}
            pageSize={SEARCH_PAGE_SIZE}
            total={search.data.total}
            onChange={(next) => setParams(next > 1 ? { q, page: String(next) } : { q })}
          />
        </>
      )}
    </Stack>
  );
}

function SearchResult({ hit, words }: { hit: SearchHit; words: string[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  const me = useSignedInMe();
  const base = me.kind === 'staff' ? `/inbox/${hit.id}?view=all` : `/conversations/${hit.id}`;
  const to = hit.match ? `${base}#message-${hit.match.seq}` : base;
  const subject = snippet(hit.subject, words, 200);
  return (
    <UnstyledButton component={Link} to={to} className={classes.result}>
      <Group justify="space-between" gap="xs" wrap="nowrap" align="flex-start">
        <Text fw={600} className={classes.subject}>
          <Marked snippet={subject} />
        </Text>
        {hit.status === 'closed' && (
          <Badge size="sm" variant="light" color="gray" style={{ flexShrink: 0 }}>
            {t('search.closed')}
          </Badge>
        )}
      </Group>
      {me.kind === 'staff' && (
        <Text size="sm" c="dimmed" truncate="end">
          {hit.companyName}
        </Text>
      )}
      {hit.match && (
        <Text size="sm" mt={4} className={classes.snippet}>
          <Marked snippet={snippet(hit.match.body, words)} />
        </Text>
      )}
      <Text size="xs" c="dimmed" mt={4}>
        {hit.match
          ? t('search.byOn', { name: hit.match.authorName, date: format.dateTime(hit.match.createdAt) })
          : t('search.lastMessage', { date: format.dateTime(hit.lastMessageAt) })}
      </Text>
    </UnstyledButton>
  );
}

/** The text with its matched words in <mark>, and "…" where it was cut. */
function Marked({ snippet: cut }: { snippet: Snippet }) {
  const parts: React.ReactNode[] = [];
  let at = 0;
  cut.ranges.forEach((range, i) => {
    if (range.start > at) parts.push(cut.text.slice(at, range.start));
    parts.push(<mark key={i}>{cut.text.slice(range.start, range.end)}</mark>);
    at = range.end;
  });
  if (at < cut.text.length) parts.push(cut.text.slice(at));
  return (
    <>
      {cut.cutStart && '… '}
      {parts}
      {cut.cutEnd && ' …'}
    </>
  );
}
