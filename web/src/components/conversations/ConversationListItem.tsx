import { Badge, Box, Group, Paper, Text, UnstyledButton } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { InboxItem, Side } from '@bureau/common';
import { useFormat } from '../../lib/format';
import { plainLine } from '../../lib/plainText';
import classes from './conversations.module.css';

type Props = {
  item: InboxItem;
  to: string;
  /** The side of the person looking (so their own last message reads "You: …"). */
  mySide: Side;
  /** Staff see the company; clients the channel (it is always their company). */
  showCompany: boolean;
  channelName: string;
  selected?: boolean;
  now: number;
  /** The person looking (an assignment to them reads "Assigned to you"). */
  myId?: string;
};

/** One conversation in a list: company or channel, subject, last line, time, unread dot, "waits for you". */
export function ConversationListItem({ item, to, mySide, showCompany, channelName, selected, now, myId }: Props) {
  const { t } = useTranslation();
  const format = useFormat();
  const closed = item.status === 'closed';
  const last = item.lastMessage === null ? t('conversation.deleted') : plainLine(item.lastMessage);
  const lastLine = item.lastMessageSide === mySide ? t('conversation.youPrefix', { text: last }) : last;
  // The office's own state (staff only): whose it is, until when it sleeps, whether someone handled it.
  const triage = item.triage;
  const assignee = triage?.assignee
    ? triage.assignee.id === myId
      ? t('inboxActions.assignedToMe')
      : t('inboxActions.assignedTo', { name: triage.assignee.name })
    : null;
  const snoozed = triage?.snoozedUntil
    ? t('inboxActions.snoozedUntil', { date: format.dateTime(triage.snoozedUntil) })
    : null;
  const handled = triage?.handledAt ? t('inboxActions.handled') : null;
  const triageLabels = [assignee, snoozed, handled].filter((label): label is string => label !== null);
  const closedLine = !closed
    ? null
    : item.closedBy
      ? t('thread.closedBy', { name: item.closedBy.name, date: format.when(item.closedAt, now) })
      : t('thread.closedAt', { date: format.when(item.closedAt, now) });
  // The link's accessible name reads the essentials in order; the visual layout stays compact.
  const label = [
    item.needsAction ? t('conversation.waitsForYou') : null,
    item.unread ? t('conversation.unread') : null,
    showCompany ? item.companyName : channelName,
    item.subject,
    closedLine,
    ...triageLabels,
    format.relative(item.lastMessageAt, now),
  ]
    .filter(Boolean)
    .join(', ');

  return (
    <UnstyledButton
      component={Link}
      to={to}
      className={classes.item}
      data-selected={selected || undefined}
      data-unread={item.unread || undefined}
      data-closed={closed || undefined}
      aria-current={selected ? 'true' : undefined}
      aria-label={label}
    >
      <Group gap={8} wrap="nowrap" align="flex-start">
        <Box className={classes.dotSlot} aria-hidden="true">
          {item.unread && <span className={classes.dot} />}
        </Box>
        <Box style={{ flex: 1, minWidth: 0 }}>
          <Group gap={6} wrap="nowrap" justify="space-between">
            <Text size="sm" fw={item.unread ? 700 : 500} truncate="end" className={classes.itemTitle}>
              {showCompany ? item.companyName : channelName}
            </Text>
            <Text
              size="xs"
              c="dimmed"
              style={{ flexShrink: 0 }}
              component="time"
              dateTime={item.lastMessageAt}
              title={format.dateTime(item.lastMessageAt)}
            >
              {format.relative(item.lastMessageAt, now)}
            </Text>
          </Group>
          <Text size="sm" fw={item.unread ? 700 : 400} truncate="end" className={classes.subject}>
            {item.subject}
          </Text>
          {closedLine && (
            <Text size="xs" c="dimmed" truncate="end" data-testid="closed-by">
              {closedLine}
            </Text>
          )}
          <Text size="sm" c="dimmed" lineClamp={1} className={classes.lastLine}>
            {lastLine}
          </Text>
          {(item.needsAction || showCompany || triageLabels.length > 0) && (
            <Group gap={6} mt={4} wrap="wrap">
              {item.needsAction && (
                <Badge size="sm" color="orange" variant="light" radius="sm">
                  {t('conversation.waitsForYou')}
                </Badge>
              )}
              {showCompany && channelName && (
                <Badge size="sm" color="gray" variant="light" radius="sm" tt="none">
                  {channelName}
                </Badge>
              )}
              {assignee && (
                <Badge size="sm" color="blue" variant="light" radius="sm" tt="none">
                  {assignee}
                </Badge>
              )}
              {snoozed && (
                <Badge size="sm" color="violet" variant="light" radius="sm" tt="none">
                  {snoozed}
                </Badge>
              )}
              {handled && (
                <Badge size="sm" color="teal" variant="light" radius="sm" tt="none">
                  {handled}
                </Badge>
              )}
            </Group>
          )}
        </Box>
      </Group>
    </UnstyledButton>
  );
}

/** A client user's conversations in a bordered list (their messages page and the home card). */
export function ClientConversationList({
  items,
  channelName,
  now,
  label,
}: {
  items: InboxItem[];
  channelName: (id: string) => string;
  now: number;
  label?: string;
}) {
  return (
    <Paper withBorder style={{ overflow: 'hidden' }}>
      <ul style={{ listStyle: 'none', margin: 0, padding: 0 }} aria-label={label}>
        {items.map((item) => (
          <li key={item.id}>
            <ConversationListItem
              item={item}
              to={`/conversations/${item.id}`}
              mySide="client"
              showCompany={false}
              channelName={channelName(item.channelId)}
              now={now}
            />
          </li>
        ))}
      </ul>
    </Paper>
  );
}
