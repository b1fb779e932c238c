import { Badge, Button, Card, Group, NativeSelect, Paper, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ADMIN_PAGE_SIZE } from '../../api/admin';
import { SMS_STATUSES, useRetrySms, useSmsLog, type SmsItem, type SmsStatus } from '../../api/sms';
import { useErrorMessage } from '../../components/useErrorMessage';
import { Loading, LoadError } from '../../components/Feedback';
import { Pager } from '../../components/Pager';
import { useFormat } from '../../lib/format';

const COLORS: Record<SmsStatus, string> = {
  pending: 'gray',
  sent: 'blue',
  delivered: 'green',
  failed: 'red',
  refused: 'orange',
};
const REASONS = ['phone_invalid', 'phone_not_mobile', 'daily_cap', 'number_hourly', 'address_not_allowed'] as const;

/** Every SMS the office sent or refused, newest first, with the provider's delivery status. */
export function SmsLogSection() {
  const { t } = useTranslation();
  const format = useFormat();
  const [page, setPage] = useState(1);
  const [status, setStatus] = useState<SmsStatus | null>(null);
  const log = useSmsLog(page, status);
  const retry = useRetrySms();
  const errorMessage = useErrorMessage();

  // Refusals are stored as our reason codes; provider errors in the provider's own words.
  const errorText = (item: SmsItem) => {
    const reason = REASONS.find((r) => r === item.error);
    return reason ? t(`sms.reason.${reason}`) : item.error;
  };

  return (
    <Card withBorder padding="md" component="section" aria-labelledby="sms-log" maw={960}>
      <Group justify="space-between" align="flex-end" mb="sm">
        <Title order={2} size="h4" id="sms-log">
          {t('sms.log.title')}
        </Title>
        <NativeSelect
          label={t('sms.log.filter')}
          size="xs"
          data={[
            { value: '', label: t('sms.log.all') },
            ...SMS_STATUSES.map((s) => ({ value: s, label: t(`sms.status.${s}`) })),
          ]}
          value={status ?? ''}
          onChange={(e) => {
            setStatus((e.currentTarget.value || null) as SmsStatus | null);
            setPage(1);
          }}
        />
      </Group>
      {log.isPending ? (
        <Loading />
      ) : log.error ? (
        <LoadError error={log.error} onRetry={() => void log.refetch()} />
      ) : log.data.items.length === 0 ? (
        <Text c="dimmed">{t('sms.log.empty')}</Text>
      ) : (
        <>
          <Paper withBorder style={{ overflowX: 'auto' }}>
            <Table verticalSpacing="xs">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('sms.log.col.to')}</Table.Th>
                  <Table.Th>{t('sms.log.col.message')}</Table.Th>
                  <Table.Th style={{ minWidth: 120 }}>{t('sms.log.col.status')}</Table.Th>
                  <Table.Th>{t('sms.log.col.time')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {log.data.items.map((item) => (
                  <Table.Tr key={item.id}>
                    <Table.Td>
                      <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                        {item.toNumber}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" lineClamp={2}>
                        {item.body}
                      </Text>
                      {item.error && (
                        <Text size="xs" c="red.8">
                          {errorText(item)}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Badge variant="light" color={COLORS[item.status] ?? 'gray'} radius="sm" tt="none">
                        {t(`sms.status.${item.status}`)}
                      </Badge>
                      {item.attempts > 1 && (
                        <Text size="xs" c="dimmed">
                          {t('sms.log.attempts', { attempts: item.attempts })}
                        </Text>
                      )}
                      {item.status === 'failed' && (
                        <Button
                          size="compact-xs"
                          variant="subtle"
                          loading={retry.isPending && retry.variables === item.id}
                          onClick={() =>
                            retry.mutate(item.id, {
                              onError: (error) =>
                                notifications.show({
                                  closeButtonProps: { 'aria-label': t('common.close') },
                                  color: 'red',
                                  message: errorMessage(error),
                                }),
                            })
                          }
                        >
                          {t('sms.log.retry')}
                        </Button>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                        {format.dateTime(item.statusAt ?? item.createdAt)}
                      </Text>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Paper>
          <Pager page={page} pageSize={ADMIN_PAGE_SIZE} total={log.data.total} onChange={setPage} />
        </>
      )}
    </Card>
  );
}
