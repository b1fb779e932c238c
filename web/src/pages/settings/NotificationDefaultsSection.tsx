import { Button, Card, Group, NumberInput, Paper, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { criticalKinds, defaultNotificationPreferences, type Office } from '@bureau/common';
import type { NotificationPreference } from '../../api/notifications';
import { useUpdateOffice } from '../../api/office';
import { PreferencesTable } from '../../components/notifications/PreferencesTable';
import { useErrorMessage } from '../../components/useErrorMessage';

/** What everyone in the office (staff and clients) starts from, until they choose for themselves. */
export function NotificationDefaultsSection({ office }: { office: Office }) {
  const { t } = useTranslation();
  const update = useUpdateOffice();
  const errorMessage = useErrorMessage();
  const [minutes, setMinutes] = useState<number | string>(office.unreadDigestMinutes);
  const items = Object.fromEntries(
    Object.entries(defaultNotificationPreferences).map(([kind, base]) => [
      kind,
      { ...base, ...((office.notificationDefaults[kind] as Partial<NotificationPreference> | undefined) ?? {}) },
    ]),
  ) as Record<string, NotificationPreference>;
  const done = {
    onSuccess: () =>
      notifications.show({
        closeButtonProps: { 'aria-label': t('common.close') },
        color: 'green',
        message: t('common.saved'),
      }),
    onError: (error: unknown) =>
      notifications.show({
        closeButtonProps: { 'aria-label': t('common.close') },
        color: 'red',
        message: errorMessage(error),
      }),
  };
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="notification-defaults-title">
      <Title order={2} size="h4" id="notification-defaults-title">
        {t('notifications.defaults.title')}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t('notifications.defaults.intro')}
      </Text>
      <Paper style={{ overflowX: 'auto' }}>
        <PreferencesTable
          items={items}
          criticalKinds={[...criticalKinds]}
          smsAvailable
          disabled={update.isPending}
          onChange={(kind, preference) =>
            update.mutate({ notificationDefaults: { ...items, [kind]: preference } }, done)
          }
        />
      </Paper>
      <Group align="end" mt="md">
        <NumberInput
          label={t('notifications.defaults.digestMinutes')}
          description={t('notifications.defaults.digestMinutesHint')}
          min={1}
          max={1440}
          value={minutes}
          onChange={setMinutes}
          w={320}
        />
        <Button
          variant="default"
          loading={update.isPending}
          onClick={() => update.mutate({ unreadDigestMinutes: Number(minutes) }, done)}
        >
          {t('common.save')}
        </Button>
      </Group>
    </Card>
  );
}
