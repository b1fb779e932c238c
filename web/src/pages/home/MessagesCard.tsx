import { Anchor, Badge, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useConversationCounts, useConversationList } from '../../api/conversations';
import type { InboxItem } from '@bureau/common';
import { ClientConversationList } from '../../components/conversations/ConversationListItem';
import { Loading, LoadError } from '../../components/Feedback';
import { useChannelLookup } from '../../lib/channels';
import { useFormat } from '../../lib/format';

const SHOWN = 4;

/** The client home's messages: those waiting for an answer first, then the latest; one big button to write. */
export function MessagesCard() {
  const { t } = useTranslation();
  const format = useFormat();
  const counts = useConversationCounts();
  const waiting = useConversationList({ needsAction: true, page: 1, pageSize: SHOWN });
  const latest = useConversationList({ page: 1, pageSize: SHOWN });
  const { byId: channelName } = useChannelLookup();
  const items = useMemo(() => {
    const first: InboxItem[] = waiting.data?.items ?? [];
    const rest = (latest.data?.items ?? []).filter((i) => !first.some((f) => f.id === i.id));
    return [...first, ...rest].slice(0, SHOWN);
  }, [waiting.data, latest.data]);
  const total = counts.data?.total ?? waiting.data?.total ?? 0;
  const now = Date.now();

  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="messages-title">
      <Group justify="space-between" align="center" mb="sm" gap="xs">
        <Title order={2} size="h4" id="messages-title">
          {t('home.messagesTitle')}
        </Title>
        {total > 0 && (
          <Badge color="orange" variant="light" size="lg" radius="sm" tt="none">
            {t('home.messagesWaiting', { count: total, formatted: format.number(total) })}
          </Badge>
        )}
      </Group>
      <Stack gap="sm">
        <Button
          component={Link}
          to="/conversations/new"
          size="lg"
          fullWidth
          leftSection={<span aria-hidden="true">✉️</span>}
        >
          {t('home.write')}
        </Button>
        {latest.isPending || waiting.isPending ? (
          <Loading />
        ) : latest.error ? (
          <LoadError error={latest.error} onRetry={() => void latest.refetch()} />
        ) : items.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('home.noMessages')}
          </Text>
        ) : (
          <>
            <ClientConversationList items={items} channelName={channelName} now={now} />
            <Anchor
              component={Link}
              to="/conversations"
              fw={500}
              style={{ display: 'inline-flex', alignItems: 'center', minHeight: 44 }}
            >
              {t('home.allMessages', {
                count: latest.data?.total ?? 0,
                formatted: format.number(latest.data?.total ?? 0),
              })}
            </Anchor>
          </>
        )}
      </Stack>
    </Card>
  );
}
