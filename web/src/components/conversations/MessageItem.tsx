import { ActionIcon, Button, Group, Menu, Text, Tooltip } from '@mantine/core';
import { memo, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { OutgoingMessage } from '../../api/conversations';
import type { Message, Reader } from '@bureau/common';
import { useFormat } from '../../lib/format';
import { renderMarkdown } from '../../lib/markdown';
import { AttachmentList } from './AttachmentList';
import { MessageHistory } from './MessageHistory';
import classes from './conversations.module.css';

/** A message body: the safe Markdown subset, rendered once per text. */
export const MessageBody = memo(function MessageBody({ body }: { body: string }) {
  const html = useMemo(() => renderMarkdown(body), [body]);
  // Sanitized by DOMPurify in renderMarkdown (only p, br, strong, em, lists, code, pre, http(s)/mailto links).
  return <div className={classes.body} dangerouslySetInnerHTML={{ __html: html }} />;
});

type TickState = 'sent' | 'delivered' | 'read';

/**
 * ✓ stored by the server; ✓✓ grey once a browser of someone on the other side received it; ✓✓ in
 * colour once one of them has read this far. The tooltip (hover, focus, touch) names who and when.
 */
function Ticks({ message, readers }: { message: Message; readers: Reader[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  const others = readers.filter((r) => r.side !== message.author.side);
  const readBy = others.filter((r) => r.lastReadSeq >= message.seq);
  const deliveredTo = others.filter((r) => r.lastReadSeq < message.seq && (r.deliveredSeq ?? 0) >= message.seq);
  const state: TickState = readBy.length > 0 ? 'read' : deliveredTo.length > 0 ? 'delivered' : 'sent';
  // Until the server reports deliveries, "sent" cannot claim "not delivered".
  const knowsDelivery = readers.some((r) => r.deliveredSeq !== undefined);
  const readLines = readBy.map((r) => t('conversation.readerAt', { name: r.name, date: format.when(r.readAt) }));
  const deliveredLine = deliveredTo.length
    ? t('conversation.deliveredTo', { names: format.list(deliveredTo.map((r) => r.name)) })
    : '';
  const description =
    state === 'read'
      ? [t('conversation.readBy', { names: format.list(readLines) }), deliveredLine].filter(Boolean).join('. ')
      : state === 'delivered'
        ? t('conversation.deliveredNotRead', { names: format.list(deliveredTo.map((r) => r.name)) })
        : knowsDelivery
          ? t('conversation.sentNotDelivered')
          : t('conversation.sentNotRead');
  return (
    <Tooltip
      label={
        state === 'read' ? (
          <div>
            <div>{t('conversation.read')}</div>
            {readLines.map((line, i) => (
              <div key={readBy[i]!.userId}>{line}</div>
            ))}
            {deliveredLine && <div>{deliveredLine}</div>}
          </div>
        ) : (
          description
        )
      }
      multiline
      maw={280}
      withArrow
      events={{ hover: true, focus: true, touch: true }}
    >
      <span className={classes.ticks} data-state={state} data-read={state === 'read' || undefined} data-testid="ticks">
        <span aria-hidden="true">{state === 'sent' ? '✓' : '✓✓'}</span>
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
  /** The server lets this person read a deleted message's text (the office's record). */
  readDeletedText: boolean;
  onEdit: (message: Message) => void;
  onDelete: (message: Message) => void;
};

/** A stored message: author and side, time, "edited" (opening its history), the text (or "message deleted"), ticks and actions on my own. */
export const MessageItem = memo(function MessageItem({
  message,
  mine,
  sideLabel,
  readers,
  canChange,
  readDeletedText,
  onEdit,
  onDelete,
}: Props) {
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
        {((message.editedAt && !deleted) || (deleted && readDeletedText)) && (
          <>
            {' · '}
            <MessageHistory message={message} />
          </>
        )}
      </div>
      <Group
        gap={4}
        wrap="nowrap"
        align="flex-start"
        justify={mine ? 'flex-end' : 'flex-start'}
        style={{ width: '100%' }}
      >
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
            <>
              {message.body && <MessageBody body={message.body} />}
              <AttachmentList attachments={message.attachments ?? []} />
            </>
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
export function OutgoingItem({
  entry,
  onRetry,
  onDiscard,
}: {
  entry: OutgoingMessage;
  onRetry: () => void;
  onDiscard: () => void;
}) {
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
        {entry.body && <MessageBody body={entry.body} />}
        <AttachmentList attachments={entry.attachments ?? []} />
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
