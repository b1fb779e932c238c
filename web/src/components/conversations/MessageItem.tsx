import { ActionIcon, Button, Group, Menu, Text, Tooltip } from '@mantine/core';
import { memo, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { OutgoingMessage } from '../../api/conversations';
import type { Message, Reader } from '../../api/types';
import { useFormat } from '../../lib/format';
import { renderMarkdown } from '../../lib/markdown';
import classes from './conversations.module.css';

/** A message body: the safe Markdown subset, rendered once per text. */
export const MessageBody = memo(function MessageBody({ body }: { body: string }) {
  const html = useMemo(() => renderMarkdown(body), [body]);
  // Sanitized by DOMPurify in renderMarkdown (only p, br, strong, em, lists, code, pre, http(s)/mailto links).
  return <div className={classes.body} dangerouslySetInnerHTML={{ __html: html }} />;
});

/** ✓ stored by the server; ✓✓ in colour once someone of the other side has read this far. */
function Ticks({ message, readers }: { message: Message; readers: Reader[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  const readBy = readers.filter((r) => r.side !== message.author.side && r.lastReadSeq >= message.seq);
  const read = readBy.length > 0;
  const description = read
    ? t('conversation.readBy', {
        names: format.list(readBy.map((r) => t('conversation.readerAt', { name: r.name, date: format.when(r.readAt) }))),
      })
    : t('conversation.sentNotRead');
  return (
    <Tooltip
      label={
        read ? (
          <div>
            <div>{t('conversation.read')}</div>
            {readBy.map((r) => (
              <div key={r.userId}>{t('conversation.readerAt', { name: r.name, date: format.when(r.readAt) })}</div>
            ))}
          </div>
        ) : (
          t('conversation.sentNotRead')
        )
      }
      multiline
      maw={280}
      withArrow
      events={{ hover: true, focus: true, touch: true }}
    >
      <span className={classes.ticks} data-read={read || undefined} data-testid="ticks">
        <span aria-hidden="true">{read ? '✓✓' : '✓'}</span>
        <span className="visually-hidden">{description}</span>
      </span>
    </Tooltip>
  );
}

type Props = {
  message: Message;
  mine: boolean;
  /** "Office" or the company's name: which side wrote it. */
  sideLabel: string;
  readers: Reader[];
  canChange: boolean;
  onEdit: (message: Message) => void;
  onDelete: (message: Message) => void;
};

/** A stored message: author and side, time, "edited", the text (or "message deleted"), ticks and actions on my own. */
export const MessageItem = memo(function MessageItem({ message, mine, sideLabel, readers, canChange, onEdit, onDelete }: Props) {
  const { t } = useTranslation();
  const format = useFormat();
  const deleted = Boolean(message.deletedAt);
  return (
    <li className={classes.message} data-mine={mine || undefined} data-seq={message.seq}>
      <div className={classes.meta}>
        <Text span size="xs" fw={600} c="dark.6">
          {mine ? t('conversation.you') : message.author.name}
        </Text>
        {' · '}
        {sideLabel}
        {' · '}
        <time dateTime={message.createdAt} title={format.dateTime(message.createdAt)}>
          {format.when(message.createdAt)}
        </time>
        {message.editedAt && !deleted && (
          <>
            {' · '}
            <span title={t('conversation.editedAt', { date: format.dateTime(message.editedAt) })}>{t('conversation.edited')}</span>
          </>
        )}
      </div>
      <Group gap={4} wrap="nowrap" align="flex-start" justify={mine ? 'flex-end' : 'flex-start'} style={{ width: '100%' }}>
        {mine && canChange && !deleted && (
          <Menu position="bottom-end" withinPortal>
            <Menu.Target>
              <ActionIcon variant="subtle" color="gray" size="md" aria-label={t('conversation.messageActions')}>
                <span aria-hidden="true" style={{ fontSize: 18, lineHeight: 1 }}>
                  ⋯
                </span>
              </ActionIcon>
            </Menu.Target>
            <Menu.Dropdown>
              <Menu.Item onClick={() => onEdit(message)}>{t('conversation.edit')}</Menu.Item>
              <Menu.Item color="red" onClick={() => onDelete(message)}>
                {t('conversation.delete')}
              </Menu.Item>
            </Menu.Dropdown>
          </Menu>
        )}
        <div className={classes.bubble}>
          {deleted ? (
            <Text size="sm" className={classes.deleted}>
              {t('conversation.deleted')}
            </Text>
          ) : (
            <MessageBody body={message.body} />
          )}
        </div>
      </Group>
      {mine && !deleted && (
        <div className={classes.meta} style={{ marginTop: 2, marginBottom: 0 }}>
          <Ticks message={message} readers={readers} />
        </div>
      )}
    </li>
  );
});

/** A message the server has not confirmed: "sending…", or "not sent — retry" with the reason. */
export function OutgoingItem({ entry, onRetry, onDiscard }: { entry: OutgoingMessage; onRetry: () => void; onDiscard: () => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const failed = entry.state === 'failed';
  return (
    <li className={classes.message} data-mine data-pending={!failed || undefined} data-failed={failed || undefined}>
      <div className={classes.meta}>
        <Text span size="xs" fw={600} c="dark.6">
          {t('conversation.you')}
        </Text>
        {' · '}
        <time dateTime={entry.createdAt}>{format.when(entry.createdAt)}</time>
      </div>
      <div className={classes.bubble}>
        <MessageBody body={entry.body} />
      </div>
      {failed ? (
        <Group gap={6} mt={4} justify="flex-end" wrap="wrap" role="alert">
          <Text size="xs" c="red.8" fw={600}>
            {entry.error ? `${t('conversation.notSent')}: ${entry.error}` : t('conversation.notSentRetry')}
          </Text>
          <Button size="compact-sm" variant="light" color="red" onClick={onRetry}>
            {t('conversation.retry')}
          </Button>
          <Button size="compact-sm" variant="subtle" color="gray" onClick={onDiscard}>
            {t('conversation.discard')}
          </Button>
        </Group>
      ) : (
        <Text size="xs" c="dimmed" mt={2}>
          {t('conversation.sending')}
        </Text>
      )}
    </li>
  );
}
