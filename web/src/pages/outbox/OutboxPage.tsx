import { Group, Paper, Stack, Table, Tabs, Text } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { ADMIN_PAGE_SIZE, useOutbox } from '../../api/admin';
import type { OutboxItem } from '@bureau/common';
import { Loading, LoadError } from '../../components/Feedback';
import { PageHeader } from '../../components/PageHeader';
import { Pager } from '../../components/Pager';
import { useFormat } from '../../lib/format';
import { InboundEmailsSection } from './InboundEmailsSection';
import { OutboxMessageView } from './OutboxMessageView';
import { OutboxStatus } from './OutboxStatus';

/** E-mails the portal sent or kept (the embedded default keeps them here instead of sending). */
export default function OutboxPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const navigate = useNavigate();
  const format = useFormat();
  const [params, setParams] = useSearchParams();
  const page = Math.max(1, Number(params.get('page')) || 1);
  const view = params.get('view') === 'replies' ? 'replies' : 'sent';
  const outbox = useOutbox(page);
  const phone = useMediaQuery('(max-width: 62em)');
  const search = params.toString() ? `?${params.toString()}` : '';
  const openMessage = (item: OutboxItem) => void navigate(`/outbox/${item.id}${search}`);

  // On a phone the opened message takes the whole screen.
  if (phone && id) return <OutboxMessageView id={id} backTo={`/outbox${search}`} />;

  const list = outbox.isPending ? (
    <Loading />
  ) : outbox.error ? (
    <LoadError error={outbox.error} onRetry={() => void outbox.refetch()} />
  ) : outbox.data.items.length === 0 ? (
    <Paper withBorder p="xl" ta="center">
      <Text>{t('outbox.empty')}</Text>
    </Paper>
  ) : (
    <>
      <Paper withBorder style={{ overflowX: 'auto' }}>
        <Table highlightOnHover verticalSpacing="xs">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('outbox.col.subject')}</Table.Th>
              {!phone && <Table.Th>{t('outbox.col.status')}</Table.Th>}
              <Table.Th>{t('outbox.col.time')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {outbox.data.items.map((item) => (
              <Table.Tr
                key={item.id}
                className="clickable-row"
                onClick={() => openMessage(item)}
                bg={item.id === id ? 'var(--mantine-color-blue-light)' : undefined}
                aria-selected={item.id === id}
              >
                <Table.Td>
                  <Text
                    component={Link}
                    to={`/outbox/${item.id}${search}`}
                    fw={500}
                    c="blue.9"
                    size="sm"
                    onClick={(e: React.MouseEvent) => e.stopPropagation()}
                    lineClamp={2}
                  >
                    {item.subject}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {item.toName ? `${item.toName} <${item.toAddress}>` : item.toAddress}
                  </Text>
                  {phone && <OutboxStatus status={item.status} />}
                </Table.Td>
                {!phone && (
                  <Table.Td>
                    <OutboxStatus status={item.status} />
                  </Table.Td>
                )}
                <Table.Td>
                  <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                    {format.dateTime(item.sentAt ?? item.createdAt)}
                  </Text>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Paper>
      <Pager
        page={page}
        pageSize={ADMIN_PAGE_SIZE}
        total={outbox.data.total}
        onChange={(p) => setParams({ page: String(p) })}
      />
    </>
  );

  return (
    <>
      <PageHeader title={t('outbox.title')} />
      <Tabs
        value={view}
        onChange={(value) => setParams(value === 'replies' ? { view: value } : {}, { replace: true })}
        keepMounted={false}
      >
        <Tabs.List mb="md">
          <Tabs.Tab value="sent">{t('inbound.tabSent')}</Tabs.Tab>
          <Tabs.Tab value="replies">{t('inbound.title')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="sent">
          <Text c="dimmed" size="sm" mb="md">
            {t('outbox.intro')}
          </Text>
          {phone ? (
            list
          ) : (
            <Group align="flex-start" gap="md" wrap="nowrap">
              <Stack style={{ flex: '1 1 45%', minWidth: 0 }}>{list}</Stack>
              <Stack style={{ flex: '1 1 55%', minWidth: 0 }}>
                {id ? (
                  <OutboxMessageView id={id} />
                ) : (
                  <Paper withBorder p="xl" ta="center">
                    <Text c="dimmed">{t('outbox.pick')}</Text>
                  </Paper>
                )}
              </Stack>
            </Group>
          )}
        </Tabs.Panel>
        <Tabs.Panel value="replies">
          <InboundEmailsSection />
        </Tabs.Panel>
      </Tabs>
    </>
  );
}
