import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** An outbox message's state; unknown states are shown as the server names them. */
export function OutboxStatus({ status }: { status: string }) {
  const { t, i18n } = useTranslation();
  const color = status === 'sent' ? 'green' : status === 'failed' ? 'red' : status === 'stored' ? 'blue' : 'gray';
  const key = `outbox.status.${status}`;
  return (
    <Badge variant="light" color={color} radius="sm" tt="none">
      {i18n.exists(key) ? t(key as 'outbox.status.sent') : status}
    </Badge>
  );
}
