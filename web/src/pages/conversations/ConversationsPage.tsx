import { Button, Chip, Group, Paper, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useSearchParams } from 'react-router';
import { useConversationCounts, useConversationList, INBOX_PAGE_SIZE } from '../../api/conversations';
import { useSignedInMe } from '../../api/me';
import { ClientConversationList } from '../../components/conversations/ConversationListItem';
import { Loading, LoadError } from '../../components/Feedback';
import { PageHeader } from '../../components/PageHeader';
import { SearchBox } from '../../components/search/SearchBox';
import { Pager } from '../../components/Pager';
import { useChannelLookup } from '../../lib/channels';
import { useFormat } from '../../lib/format';

const VIEWS = ['all', 'needs', 'open', 'closed'] as const;
type View = (typeof VIEWS)[number];

/** A client's conversations with the office: what waits for them can be shown alone; newest first. */
export default function ConversationsPage() {
  const me = useSignedInMe();
  if (me.kind === 'staff') return <Navigate to="/inbox" replace />;
  return <ClientConversations />;
}

function ClientConversations() {
  const { t } = useTranslation();
  const format = useFormat();
  const [params, setParams] = useSearchParams();
  const view: View = (VIEWS as readonly string[]).includes(params.get('view') ?? '')
    ? (params.get('view') as View)
    : 'all';
  const page = Math.max(1, Number(params.get('page')) || 1);
  const counts = useConversationCounts();
  const { byId: channelName } = useChannelLookup();
  const list = useConversationList({
    needsAction: view === 'needs' || undefined,
    status: view === 'open' || view === 'closed' ? view : undefined,
    page,
  });
  const waiting = counts.data?.total ?? 0;
  const now = Date.now();

  const setView = (next: string) =>
    setParams(
      () => {
        const p = new URLSearchParams();
        if (next !== 'all') p.set('view', next);
        return p;
      },
      { replace: true },
    );

  return (
    <Stack gap="md" maw={760}>
      <PageHeader title={t('clientConversations.title')}>
        <Button component={Link} to="/conversations/new" size="md">
          {t('home.write')}
        </Button>
      </PageHeader>
      <SearchBox />
      <Chip.Group value={view} onChange={(v) => setView(v as string)}>
        <Group gap="xs" role="group" aria-label={t('clientConversations.show')}>
          {VIEWS.map((v) => (
            <Chip key={v} value={v} variant="outline" size="md">
              {v === 'needs' && waiting > 0
                ? `${t('clientConversations.views.needs')} (${format.number(waiting)})`
                : t(`clientConversations.views.${v}`)}
            </Chip>
          ))}
        </Group>
      </Chip.Group>
      {list.isPending ? (
        <Loading />
      ) : list.error ? (
        <LoadError error={list.error} onRetry={() => void list.refetch()} />
      ) : list.data.items.length === 0 ? (
        <Paper withBorder p="xl" ta="center">
          <Text fw={500}>
            {view === 'needs' ? t('clientConversations.nothingWaits') : t('clientConversations.empty')}
          </Text>
        </Paper>
      ) : (
        <>
          <ClientConversationList
            items={list.data.items}
            channelName={channelName}
            now={now}
            label={t('clientConversations.title')}
          />
          <Pager
            page={page}
            pageSize={INBOX_PAGE_SIZE}
            total={list.data.total}
            onChange={(next) =>
              setParams((prev) => ({ ...Object.fromEntries(prev), page: String(next) }), { replace: true })
            }
          />
        </>
      )}
    </Stack>
  );
}
