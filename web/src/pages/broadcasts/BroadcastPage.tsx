import {
  Anchor,
  Badge,
  Button,
  Group,
  Paper,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { reportUrl, useBroadcast, useBroadcastRecipients } from '../../api/broadcasts';
import { useChannels } from '../../api/conversations';
import { MessageBody } from '../../components/conversations/MessageItem';
import { Loading, LoadError } from '../../components/Feedback';
import { PageHeader } from '../../components/PageHeader';
import { useChannelName } from '../../lib/channels';
import { useFormat } from '../../lib/format';
import { BroadcastProgress } from './BroadcastListPage';
import { formatTaxId } from '@common/validation/tax-id';

type Show = 'all' | 'read' | 'unread';

function Figure({ label, value }: { label: string; value: string }) {
  return (
    <Paper withBorder p="md">
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text size="xl" fw={700}>
        {value}
      </Text>
    </Paper>
  );
}

/** One broadcast: the fan-out's progress, then per company when it arrived and when it was first read. */
export default function BroadcastPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const format = useFormat();
  const broadcast = useBroadcast(id);
  const recipients = useBroadcastRecipients(id, broadcast.data?.status === 'sending', broadcast.data?.total ?? 0);
  const channels = useChannels();
  const channelName = useChannelName();
  const [show, setShow] = useState<Show>('all');
  const [search, setSearch] = useState('');

  const rows = useMemo(() => {
    const term = search.trim().toLowerCase();
    return (recipients.data ?? []).filter(
      (r) =>
        (show === 'all' || (show === 'read') === Boolean(r.readAt)) &&
        (!term || r.companyName.toLowerCase().includes(term) || r.taxId.toLowerCase().includes(term)),
    );
  }, [recipients.data, show, search]);

  if (broadcast.isPending) return <Loading />;
  if (broadcast.error) return <LoadError error={broadcast.error} onRetry={() => void broadcast.refetch()} />;
  const b = broadcast.data;
  const channel = channels.data?.find((c) => c.id === b.channelId);

  return (
    <Stack gap="md">
      <PageHeader title={b.subject} documentTitle={t('broadcasts.reportTitle', { subject: b.subject })}>
        <Button component="a" href={reportUrl(b.id, 'csv')} variant="default" download>
          {t('broadcasts.downloadCsv')}
        </Button>
        <Button component="a" href={reportUrl(b.id, 'xlsx')} variant="default" download>
          {t('broadcasts.downloadXlsx')}
        </Button>
      </PageHeader>
      <Group gap="xs">
        <Anchor component={Link} to="/broadcasts" size="sm">
          ← {t('broadcasts.backToList')}
        </Anchor>
        <Badge variant="light" color={b.mode === 'announcement' ? 'orange' : 'blue'}>
          {b.mode === 'announcement'
            ? t('broadcasts.announcement')
            : t('broadcasts.conversationIn', { channel: channel ? channelName(channel) : '…' })}
        </Badge>
        <Badge variant="light" color={b.status === 'done' ? 'green' : 'yellow'}>
          {b.status === 'done' ? t('broadcasts.statusDone') : t('broadcasts.statusSending')}
        </Badge>
      </Group>
      <Paper withBorder p="md">
        <BroadcastProgress broadcast={b} />
      </Paper>
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <Figure label={t('broadcasts.figureCompanies')} value={format.number(b.total)} />
        <Figure label={t('broadcasts.figureDelivered')} value={format.number(b.delivered)} />
        <Figure
          label={t('broadcasts.figureRead')}
          value={`${format.number(b.read)} (${b.delivered ? Math.round((b.read / b.delivered) * 100) : 0} %)`}
        />
      </SimpleGrid>
      <Paper withBorder p="md">
        <Text size="sm" fw={600} mb={4}>
          {t('broadcasts.message')}
        </Text>
        <MessageBody body={b.body} />
      </Paper>
      <Group justify="space-between" align="end">
        <SegmentedControl
          value={show}
          onChange={(v) => setShow(v as Show)}
          aria-label={t('broadcasts.show')}
          data={[
            { value: 'all', label: t('broadcasts.showAll') },
            { value: 'read', label: t('broadcasts.showRead') },
            { value: 'unread', label: t('broadcasts.showUnread') },
          ]}
        />
        <TextInput
          label={t('broadcasts.searchCompany')}
          value={search}
          onChange={(e) => setSearch(e.currentTarget.value)}
          w={280}
        />
      </Group>
      {recipients.isPending ? (
        <Loading />
      ) : recipients.error ? (
        <LoadError error={recipients.error} onRetry={() => void recipients.refetch()} />
      ) : (
        <Paper withBorder style={{ overflowX: 'auto' }}>
          <Table verticalSpacing="xs" aria-label={t('broadcasts.reportTable')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('broadcasts.col.company')}</Table.Th>
                <Table.Th>{t('broadcasts.col.delivered')}</Table.Th>
                <Table.Th>{t('broadcasts.col.readAt')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((r) => (
                <Table.Tr key={r.companyId} data-testid="report-row" data-read={Boolean(r.readAt)}>
                  <Table.Td>
                    {r.conversationId ? (
                      <Anchor component={Link} to={`/inbox/${r.conversationId}?view=all`} size="sm" fw={500}>
                        {r.companyName}
                      </Anchor>
                    ) : (
                      <Text size="sm">{r.companyName}</Text>
                    )}
                    <Text size="xs" c="dimmed">
                      {formatTaxId(r.country, r.taxId)}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    {r.deliveredAt ? (
                      format.dateTime(r.deliveredAt)
                    ) : (
                      <Text c="dimmed" size="sm">
                        {t('broadcasts.waiting')}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    {r.readAt ? (
                      <Text size="sm">
                        {format.dateTime(r.readAt)}
                        {r.readByName && (
                          <Text span c="dimmed" size="xs">
                            {' '}
                            · {r.readByName}
                          </Text>
                        )}
                      </Text>
                    ) : (
                      <Badge variant="light" color="gray">
                        {t('broadcasts.unread')}
                      </Badge>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          {rows.length === 0 && (
            <Text c="dimmed" p="md" ta="center">
              {t('broadcasts.noRows')}
            </Text>
          )}
        </Paper>
      )}
    </Stack>
  );
}
