import {
  Badge,
  Box,
  Button,
  Center,
  Group,
  Modal,
  NativeSelect,
  NavLink,
  Paper,
  ScrollArea,
  Stack,
  Text,
  Title,
  UnstyledButton,
} from '@mantine/core';
import { useDocumentTitle, useInterval, useMediaQuery } from '@mantine/hooks';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import {
  INBOX_PAGE_SIZE,
  useConversationCounts,
  useConversationList,
  type ConversationListParams,
} from '../../api/conversations';
import { useCompany } from '../../api/companies';
import { useSignedInMe } from '../../api/me';
import { useStaff } from '../../api/office';
import type { Channel, Staff } from '@bureau/common';
import { ConversationListItem } from '../../components/conversations/ConversationListItem';
import { ConversationThread } from '../../components/conversations/ConversationThread';
import { CompanySelect, NewConversationForm } from '../../components/conversations/NewConversationForm';
import { Loading, LoadError } from '../../components/Feedback';
import { SearchBox } from '../../components/search/SearchBox';
import { neighbour } from '../../components/shortcuts/keys';
import { usePageShortcuts } from '../../components/shortcuts/pageShortcuts';
import { useChannelLookup } from '../../lib/channels';
import { useFormat } from '../../lib/format';
import classes from './inbox.module.css';

export type InboxView = 'needs' | 'open' | 'closed' | 'all';
const VIEWS: InboxView[] = ['needs', 'open', 'closed', 'all'];

/** The filters of the inbox, read from and written to the URL (so a view can be bookmarked or shared). */
function useInboxFilters() {
  const [params, setParams] = useSearchParams();
  const view = (VIEWS as string[]).includes(params.get('view') ?? '') ? (params.get('view') as InboxView) : 'needs';
  const channelId = params.get('channel') ?? '';
  const companyId = params.get('company') ?? '';
  const assigneeId = params.get('assignee') ?? '';
  const page = Math.max(1, Number(params.get('page')) || 1);
  const search = params.toString();
  const set = (changes: { view?: InboxView; channel?: string; company?: string; assignee?: string; page?: number }) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (changes.view !== undefined) {
          if (changes.view === 'needs') next.delete('view');
          else next.set('view', changes.view);
        }
        for (const key of ['channel', 'company', 'assignee'] as const) {
          const value = changes[key];
          if (value === undefined) continue;
          if (value) next.set(key, value);
          else next.delete(key);
        }
        if (changes.page && changes.page > 1) next.set('page', String(changes.page));
        else next.delete('page');
        return next;
      },
      { replace: true },
    );
  return { view, channelId, companyId, assigneeId, page, search, set };
}

/**
 * The staff inbox. Desktop: filters and counts · the conversations · the open thread. Smaller
 * screens show one pane at a time (two from a tablet), each with a way back.
 */
export default function InboxPage() {
  const { t } = useTranslation();
  const { id: openId } = useParams();
  const navigate = useNavigate();
  const filters = useInboxFilters();
  const wide = useMediaQuery('(min-width: 75em)', undefined, { getInitialValueInEffect: false });
  const twoPanes = useMediaQuery('(min-width: 48em)', undefined, { getInitialValueInEffect: false });
  const [filtersOpen, setFiltersOpen] = useState(false);
  const [composing, setComposing] = useState(false);
  const counts = useConversationCounts();
  const { channels, name: channelNameOf, byId: channelName } = useChannelLookup();
  useDocumentTitle(`${counts.data?.total ? `(${counts.data.total}) ` : ''}${t('inbox.title')} · Bureau`);

  const params: ConversationListParams = {
    needsAction: filters.view === 'needs' || undefined,
    status: filters.view === 'open' || filters.view === 'closed' ? filters.view : undefined,
    channelId: filters.channelId || undefined,
    companyId: filters.companyId || undefined,
    assigneeId: filters.assigneeId || undefined,
    page: filters.page,
  };
  const company = useCompany(filters.companyId || undefined);
  const staff = useStaff();
  const list = useConversationList(params);
  const qs = filters.search ? `?${filters.search}` : '';
  const listHref = `/inbox${qs}`;
  const threadHref = (id: string) => `/inbox/${id}${qs}`;
  const listIds = list.data?.items.map((item) => item.id) ?? [];
  const openNeighbour = (step: 1 | -1) => {
    const id = neighbour(listIds, openId, step);
    if (id) void navigate(threadHref(id));
  };
  usePageShortcuts({
    next: () => openNeighbour(1),
    previous: () => openNeighbour(-1),
    compose: () => setComposing(true),
  });

  // Desktops: three panes. Tablets: the list (whose header opens the filters in its place) and the
  // thread. Phones: one pane at a time — the list (or the filters), or the open thread.
  const showList = twoPanes || !openId;
  const showThread = twoPanes || Boolean(openId);

  const choose = (changes: Parameters<typeof filters.set>[0]) => {
    filters.set(changes);
    if (!wide) setFiltersOpen(false);
  };

  const filterPane = (
    <FilterPane
      view={filters.view}
      channelId={filters.channelId}
      company={filters.companyId ? { id: filters.companyId, name: company.data?.name ?? '…' } : null}
      assigneeId={filters.assigneeId}
      staff={(staff.data ?? []).filter((s) => !s.disabled)}
      channels={channels.data ?? []}
      channelName={channelNameOf}
      total={counts.data?.total ?? 0}
      byChannel={counts.data?.byChannel ?? []}
      onChoose={choose}
      onBack={wide ? undefined : () => setFiltersOpen(false)}
    />
  );

  const assignee = staff.data?.find((s) => s.userId === filters.assigneeId)?.name;
  const summary = [
    t(`inbox.views.${filters.view}`),
    filters.channelId ? channelName(filters.channelId) : null,
    filters.companyId ? (company.data?.name ?? null) : null,
    assignee ? t('inbox.assignedTo', { name: assignee }) : null,
  ]
    .filter(Boolean)
    .join(' · ');

  return (
    <div className={classes.inbox}>
      <Title order={1} className="visually-hidden">
        {t('inbox.title')}
      </Title>
      {wide && <div className={classes.filters}>{filterPane}</div>}
      {showList && (
        <section className={classes.list} aria-label={t('inbox.listLabel')} data-narrow={!twoPanes || undefined}>
          {filtersOpen && !wide ? (
            filterPane
          ) : (
            <>
              <Box px="xs" pt="xs">
                <SearchBox hint={twoPanes} />
              </Box>
              <Group justify="space-between" gap="xs" p="xs" wrap="nowrap" className={classes.listHeader}>
                {wide ? (
                  <Title order={2} size="h5">
                    {summary}
                  </Title>
                ) : (
                  <UnstyledButton
                    onClick={() => setFiltersOpen(true)}
                    className={classes.filterButton}
                    aria-expanded={false}
                  >
                    <Text size="sm" fw={600} truncate="end">
                      {t('inbox.filtersButton', { summary })}
                      {counts.data?.total ? ` (${counts.data.total})` : ''}
                    </Text>
                    <span aria-hidden="true">▾</span>
                  </UnstyledButton>
                )}
                <Button size="xs" onClick={() => setComposing(true)} style={{ flexShrink: 0 }}>
                  {t('inbox.newConversation')}
                </Button>
              </Group>
              <ListPane
                list={list}
                view={filters.view}
                openId={openId}
                channelName={channelName}
                href={threadHref}
                page={filters.page}
                onPage={(page) => filters.set({ page })}
                onShowOpen={() => choose({ view: 'open' })}
              />
            </>
          )}
        </section>
      )}
      {showThread && (
        <div className={classes.thread}>
          {openId ? (
            <ConversationThread
              id={openId}
              back={twoPanes ? undefined : { to: listHref, label: t('inbox.backToList') }}
              focusOnOpen={!twoPanes}
              conversationHref={threadHref}
            />
          ) : (
            <Center h="100%" p="xl">
              <Text c="dimmed">{t('inbox.selectOne')}</Text>
            </Center>
          )}
        </div>
      )}
      <Modal
        opened={composing}
        onClose={() => setComposing(false)}
        title={t('inbox.newConversation')}
        size="lg"
        fullScreen={!twoPanes}
        closeButtonProps={{ 'aria-label': t('common.close') }}
      >
        <NewConversationForm
          onCancel={() => setComposing(false)}
          onCreated={(conversation) => {
            setComposing(false);
            void navigate(`/inbox/${conversation.id}?view=all`);
          }}
        />
      </Modal>
    </div>
  );
}

function FilterPane(props: {
  view: InboxView;
  channelId: string;
  company: { id: string; name: string } | null;
  assigneeId: string;
  staff: Staff[];
  channels: Channel[];
  channelName: (c: Channel) => string;
  total: number;
  byChannel: { id: string; count: number }[];
  onChoose: (changes: { view?: InboxView; channel?: string; company?: string; assignee?: string }) => void;
  onBack?: () => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const countOf = (id: string) => props.byChannel.find((c) => c.id === id)?.count ?? 0;
  const visible = props.channels.filter((c) => !c.archived || c.id === props.channelId || countOf(c.id) > 0);
  const badge = (count: number) =>
    count > 0 ? (
      <Badge size="sm" color="orange" variant="filled" aria-hidden="true">
        {format.number(count)}
      </Badge>
    ) : null;
  const item = (key: string, label: string, active: boolean, onClick: () => void, count = 0) => (
    <NavLink
      key={key}
      component="button"
      type="button"
      label={label}
      active={active}
      aria-current={active ? 'true' : undefined}
      aria-label={count > 0 ? t('inbox.withCount', { label, count }) : undefined}
      rightSection={badge(count)}
      onClick={onClick}
      variant="light"
      style={{ borderRadius: 'var(--mantine-radius-md)' }}
    />
  );
  return (
    <ScrollArea h="100%" type="auto">
      <nav aria-label={t('inbox.filters')}>
        <Stack gap={2} p="xs">
          {props.onBack && (
            <Button variant="subtle" onClick={props.onBack} justify="flex-start" px={6} mb={4}>
              <span aria-hidden="true">←&nbsp;</span>
              {t('inbox.backToList')}
            </Button>
          )}
          <Text size="xs" fw={700} c="dimmed" tt="uppercase" px={8} pt={4} id="inbox-views">
            {t('inbox.viewsTitle')}
          </Text>
          {VIEWS.map((v) =>
            item(
              v,
              t(`inbox.views.${v}`),
              props.view === v,
              () => props.onChoose({ view: v }),
              v === 'needs' ? props.total : 0,
            ),
          )}
          <Text size="xs" fw={700} c="dimmed" tt="uppercase" px={8} pt="sm">
            {t('inbox.channelsTitle')}
          </Text>
          {item('all-channels', t('inbox.allChannels'), !props.channelId, () => props.onChoose({ channel: '' }))}
          {visible.map((c) =>
            item(
              c.id,
              props.channelName(c),
              props.channelId === c.id,
              () => props.onChoose({ channel: c.id }),
              countOf(c.id),
            ),
          )}
          <Text size="xs" fw={700} c="dimmed" tt="uppercase" px={8} pt="sm">
            {t('inbox.narrowTitle')}
          </Text>
          <Stack gap="xs" px={8}>
            <CompanySelect
              label={t('inbox.company')}
              required={false}
              description={null}
              value={props.company}
              onChange={(company) => props.onChoose({ company: company?.id ?? '' })}
            />
            <NativeSelect
              label={t('inbox.assignee')}
              value={props.assigneeId}
              onChange={(event) => props.onChoose({ assignee: event.currentTarget.value })}
              data={[
                { value: '', label: t('inbox.anyone') },
                ...props.staff.map((s) => ({ value: s.userId, label: s.name })),
              ]}
            />
          </Stack>
        </Stack>
      </nav>
    </ScrollArea>
  );
}

function ListPane({
  list,
  view,
  openId,
  channelName,
  href,
  page,
  onPage,
  onShowOpen,
}: {
  list: ReturnType<typeof useConversationList>;
  view: InboxView;
  openId: string | undefined;
  channelName: (id: string) => string;
  href: (id: string) => string;
  page: number;
  onPage: (page: number) => void;
  onShowOpen: () => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const myId = useSignedInMe().user.id;
  // Relative times ("5 min ago") move on by themselves.
  const [now, setNow] = useState(() => Date.now());
  const ticker = useInterval(() => setNow(Date.now()), 30_000);
  useEffect(() => {
    ticker.start();
    return ticker.stop;
  }, [ticker]);

  if (list.isPending) return <Loading />;
  if (list.error) return <LoadError error={list.error} onRetry={() => void list.refetch()} />;
  const { items, total } = list.data;
  const from = (page - 1) * INBOX_PAGE_SIZE + 1;
  const to = Math.min(total, page * INBOX_PAGE_SIZE);

  return (
    <>
      <ScrollArea className={classes.listScroll} type="auto">
        {items.length === 0 ? (
          <Paper p="lg" m="xs" withBorder ta="center">
            {view === 'needs' ? (
              <Stack gap={6} align="center">
                <Text fw={600}>{t('inbox.emptyNeedsAction')}</Text>
                <Text size="sm" c="dimmed">
                  {t('inbox.emptyNeedsActionText')}
                </Text>
                <Button variant="light" size="xs" onClick={onShowOpen}>
                  {t('inbox.showOpen')}
                </Button>
              </Stack>
            ) : (
              <Text fw={500}>{t('inbox.empty')}</Text>
            )}
          </Paper>
        ) : (
          <ul className={classes.items} aria-busy={list.isFetching}>
            {items.map((item) => (
              <li key={item.id}>
                <ConversationListItem
                  item={item}
                  to={href(item.id)}
                  mySide="office"
                  showCompany
                  channelName={channelName(item.channelId)}
                  selected={item.id === openId}
                  now={now}
                  myId={myId}
                />
              </li>
            ))}
          </ul>
        )}
      </ScrollArea>
      <Group justify="space-between" gap="xs" px="xs" py={6} className={classes.listFooter} wrap="nowrap">
        <Text size="xs" c="dimmed" role="status" aria-live="polite">
          {total > 0
            ? t('inbox.range', {
                from: format.number(from),
                to: format.number(to),
                count: total,
                total: format.number(total),
              })
            : t('inbox.total', { count: 0, formatted: format.number(0) })}
        </Text>
        {total > INBOX_PAGE_SIZE && (
          <Group gap={4} wrap="nowrap">
            <Button size="compact-sm" variant="default" disabled={page <= 1} onClick={() => onPage(page - 1)}>
              {t('inbox.newer')}
            </Button>
            <Button size="compact-sm" variant="default" disabled={to >= total} onClick={() => onPage(page + 1)}>
              {t('inbox.older')}
            </Button>
          </Group>
        )}
      </Group>
    </>
  );
}
