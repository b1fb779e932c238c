import { Button, Card, Group, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

/** Notifications have a page of their own (every notification e-mail links to it): the way there. */
export function NotificationsLinkSection() {
  const { t } = useTranslation();
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="notifications-link-title">
      <Group justify="space-between" wrap="nowrap">
        <div>
          <Title order={2} size="h4" id="notifications-link-title">
            {t('notifications.prefs.title')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('notifications.prefs.summary')}
          </Text>
        </div>
        <Button component={Link} to="/account/notifications" variant="default">
          {t('notifications.prefs.open')}
        </Button>
      </Group>
    </Card>
  );
}
