import { Badge, Button, Group, Paper, Progress, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { useBroadcasts, type Broadcast } from '../../api/broadcasts';
import { Loading, LoadError } from '../../components/Feedback';
import { PageHeader } from '../../components/PageHeader';
import { Pager } from '../../components/Pager';
import { useFormat } from '../../lib/format';

export function BroadcastProgress({ broadcast }: { broadcast: Broadcast }) {
  const { t } = useTranslation();
  const share = broadcast.total ? Math.round((broadcast.delivered / broadcast.total) * 100) : 0;
  const label = t('broadcasts.progress', { delivered: broadcast.delivered, total: broadcast.total });
  return (
    <Stack gap={4}>
      <Progress value={share} size="md" animated={broadcast.status === 'sending'} aria-label={label} />
      <Text size="xs" c="dimmed">
        {label}
      </Text>
    </Stack>
  );
}

/** The office's broadcasts (admins), or one's own (other staff): how far each got and how many read it. */
export default function BroadcastListPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const [params, setParams] = useSearchParams();
  const page = Math.max(1, Number(params.get('page')) || 1);
  const list = useBroadcasts(page);

  return (
    <Stack gap="md">
      <PageHeader title={t('broadcasts.title')}>
        <Button component={Link} to="/broadcasts/new">
          {t('broadcasts.new')}
        </Button>
      </PageHeader>
      <Text c="dimmed" maw={720}>
        {t('broadcasts.intro')}
      </Text>
      {list.isPending ? (
        <Loading />
      ) : list.error ? (
        <LoadError error={list.error} onRetry={() => void list.refetch()} />
      ) : list.data.items.length === 0 ? (
        <Paper withBorder p="xl" ta="center">
          <Text>{t('broadcasts.empty')}</Text>
        </Paper>
      ) : (
        <>
          <Paper withBorder style={{ overflowX: 'auto' }}>
            <Table verticalSpacing="sm" highlightOnHover>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('broadcasts.col.subject')}</Table.Th>
                  <Table.Th w={220}>{t('broadcasts.col.progress')}</Table.Th>
                  <Table.Th>{t('broadcasts.col.read')}</Table.Th>
                  <Table.Th>{t('broadcasts.col.sent')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {list.data.items.map((b) => (
                  <Table.Tr key={b.id}>
                    <Table.Td>
                      <Group gap={6} wrap="nowrap">
                        <Text component={Link} to={`/broadcasts/${b.id}`} fw={500} c="blue.9" size="sm">
                          {b.subject}
                        </Text>
                        {b.mode === 'announcement' && (
                          <Badge size="xs" color="orange" variant="light">
                            {t('broadcasts.announcement')}
                          </Badge>
                        )}
                      </Group>
                      {b.authorName && (
                        <Text size="xs" c="dimmed">
                          {b.authorName}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <BroadcastProgress broadcast={b} />
                    </Table.Td>
                    <Table.Td>{t('broadcasts.readCount', { read: b.read, total: b.total })}</Table.Td>
                    <Table.Td>{format.dateTime(b.createdAt)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Paper>
          <Pager
            page={page}
            pageSize={list.data.pageSize}
            total={list.data.total}
            onChange={(p) => setParams({ page: String(p) })}
          />
        </>
      )}
    </Stack>
  );
}
