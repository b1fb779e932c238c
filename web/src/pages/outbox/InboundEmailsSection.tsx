import { Badge, Paper, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ADMIN_PAGE_SIZE, useInboundEmails } from '../../api/admin';
import { Loading, LoadError } from '../../components/Feedback';
import { Pager } from '../../components/Pager';
import { useFormat } from '../../lib/format';

/** The Outbox's second tab, replies that arrived by e-mail: posted, or refused with the reason, so admins can answer "where is my reply?". */
export function InboundEmailsSection() {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const [page, setPage] = useState(1);
  const inbound = useInboundEmails(page);

  // A stored reason is a code, optionally with a detail (the sender's address, the refused file).
  const reasonOf = (reason: string) => {
    const [code, ...rest] = reason.split(': ');
    const key = `inbound.reason.${code}`;
    const text = i18n.exists(key) ? t(key as 'inbound.reason.refused') : code;
    return rest.length > 0 ? `${text} (${rest.join(': ')})` : text;
  };

  return (
    <Stack gap="xs">
      <Text c="dimmed" size="sm">
        {t('inbound.intro')}
      </Text>
      {inbound.isPending ? (
        <Loading />
      ) : inbound.error ? (
        <LoadError error={inbound.error} onRetry={() => void inbound.refetch()} />
      ) : inbound.data.items.length === 0 ? (
        <Paper withBorder p="xl" ta="center">
          <Text>{t('inbound.empty')}</Text>
        </Paper>
      ) : (
        <>
          <Paper withBorder style={{ overflowX: 'auto' }}>
            <Table verticalSpacing="xs">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('inbound.col.from')}</Table.Th>
                  <Table.Th>{t('inbound.col.conversation')}</Table.Th>
                  <Table.Th>{t('inbound.col.status')}</Table.Th>
                  <Table.Th>{t('inbound.col.time')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {inbound.data.items.map((item) => (
                  <Table.Tr key={item.id}>
                    <Table.Td>
                      <Text size="sm" style={{ wordBreak: 'break-all' }}>
                        {item.fromAddress}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      {item.conversationId && item.subject ? (
                        <Text component={Link} to={`/inbox/${item.conversationId}`} c="blue.9" size="sm" lineClamp={2}>
                          {item.subject}
                        </Text>
                      ) : (
                        <Text size="sm" c="dimmed">
                          —
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Badge variant="light" color={item.status === 'posted' ? 'green' : 'red'} radius="sm" tt="none">
                        {t(`inbound.status.${item.status}`)}
                      </Badge>
                      {item.reason && (
                        <Text size="xs" c="dimmed" mt={4}>
                          {reasonOf(item.reason)}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                        {format.dateTime(item.receivedAt)}
                      </Text>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Paper>
          <Pager page={page} pageSize={ADMIN_PAGE_SIZE} total={inbound.data.total} onChange={setPage} />
        </>
      )}
    </Stack>
  );
}
