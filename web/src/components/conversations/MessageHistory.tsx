import { Popover, Stack, Text, UnstyledButton } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Message } from '@bureau/common';
import { useRevisions } from '../../api/messageHistory';
import { useFormat } from '../../lib/format';
import { Loading, LoadError } from '../Feedback';
import { MessageBody } from './MessageItem';
import classes from './conversations.module.css';

/**
 * "edited" (or, for a deleted message, "history") that opens the message's earlier texts: who changed it, when, and
 * what it said before. The list is asked for only when opened; the server decides who may read it.
 */
export function MessageHistory({ message }: { message: Message }) {
  const { t } = useTranslation();
  const format = useFormat();
  const [opened, setOpened] = useState(false);
  const revisions = useRevisions(message, opened);
  const deleted = Boolean(message.deletedAt);
  return (
    <Popover
      opened={opened}
      onChange={setOpened}
      width={340}
      position="bottom"
      withArrow
      shadow="md"
      withinPortal
      trapFocus
      returnFocus
    >
      <Popover.Target>
        <UnstyledButton
          className={classes.historyButton}
          onClick={() => setOpened((o) => !o)}
          aria-label={
            deleted ? t('thread.deletedShow') : t('thread.editedShow', { date: format.dateTime(message.editedAt) })
          }
          aria-expanded={opened}
          title={deleted ? undefined : t('conversation.editedAt', { date: format.dateTime(message.editedAt) })}
        >
          {deleted ? t('thread.history') : t('conversation.edited')}
        </UnstyledButton>
      </Popover.Target>
      <Popover.Dropdown aria-label={t('thread.historyTitle')} role="dialog">
        <Text fw={600} size="sm" mb="xs">
          {t('thread.historyTitle')}
        </Text>
        {revisions.isPending ? (
          <Loading />
        ) : revisions.error ? (
          <LoadError error={revisions.error} onRetry={() => void revisions.refetch()} />
        ) : revisions.data.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('thread.historyEmpty')}
          </Text>
        ) : (
          <Stack gap="sm" component="ol" className={classes.revisions} data-testid="revisions">
            {revisions.data.map((r, i) => (
              <li key={`${r.revisedAt}-${i}`}>
                <Text size="xs" c="dimmed">
                  {t(r.kind === 'delete' ? 'thread.revisionDelete' : 'thread.revisionEdit', {
                    name: r.revisedBy.name,
                    date: format.dateTime(r.revisedAt),
                  })}
                </Text>
                {r.body ? (
                  <MessageBody body={r.body} />
                ) : (
                  <Text size="sm" c="dimmed" fs="italic">
                    {t('thread.noText')}
                  </Text>
                )}
              </li>
            ))}
          </Stack>
        )}
      </Popover.Dropdown>
    </Popover>
  );
}
