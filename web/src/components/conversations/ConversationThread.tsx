import { ActionIcon, Anchor, Badge, Button, Drawer, Flex, Group, Menu, Stack, Text, Title } from '@mantine/core';
import { useDisclosure, useDocumentVisibility, useElementSize, useMediaQuery } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useCompany } from '../../api/companies';
import {
  useCloseConversation,
  useConversation,
  useDeleteMessage,
  useEditMessage,
  useMarkRead,
  useMessages,
  useOutbox,
  useReopenConversation,
  useSendMessage,
} from '../../api/conversations';
import { useSignedInMe } from '../../api/me';
import type { Attachment, Conversation, Message, Side } from '@bureau/common';
import { DEFAULT_MAX_BYTES } from '../../api/attachments';
import { useChannelLookup } from '../../lib/channels';
import { useFormat } from '../../lib/format';
import { plainLine } from '../../lib/plainText';
import { ConfirmModal } from '../ConfirmModal';
import { Loading, LoadError } from '../Feedback';
import { useErrorMessage } from '../useErrorMessage';
import { CompanyPanel } from './CompanyPanel';
import { Composer } from './Composer';
import { MessageItem, OutgoingItem } from './MessageItem';
import { TriageActions, TriageState } from './TriageActions';
import { useScrollToMessage } from './useScrollToMessage';
import classes from './conversations.module.css';

/** The thread's width (px) from which the company panel sits beside it rather than in a drawer. */
const PANEL_BESIDE_MIN = 800;

type Props = {
  id: string;
  /** A back link above the subject (phones, and the full-page thread). */
  back?: { to: string; label: string };
  /** The subject is the page's h1 on its own page, an h2 inside the inbox. */
  headingOrder?: 1 | 2;
  /** Move focus to the subject when shown (a pane that replaced another on a phone). */
  focusOnOpen?: boolean;
  /** Extra actions in the header (e.g. "Open in the inbox"). */
  extra?: ReactNode;
  /** Where another conversation opens (the company panel's links); its own page by default. */
  conversationHref?: (id: string) => string;
};

/** One conversation: its header, every message in order with ticks, the composer; marks it read when shown. */
export function ConversationThread({
  id,
  back,
  headingOrder = 2,
  focusOnOpen = false,
  extra,
  conversationHref,
}: Props) {
  const conversation = useConversation(id);
  const messages = useMessages(id);
  if (conversation.isPending || (messages.isPending && !messages.error)) return <Loading />;
  if (conversation.error || messages.error) {
    return (
      <Stack p="md">
        {back && <BackLink {...back} />}
        <LoadError
          error={conversation.error ?? messages.error}
          onRetry={() => {
            void conversation.refetch();
            void messages.refetch();
          }}
        />
      </Stack>
    );
  }
  return (
    <Thread
      key={id}
      conversation={conversation.data}
      messages={messages.data ?? []}
      back={back}
      headingOrder={headingOrder}
      focusOnOpen={focusOnOpen}
      extra={extra}
      conversationHref={conversationHref}
    />
  );
}

function BackLink({ to, label }: { to: string; label: string }) {
  return (
    <Anchor
      component={Link}
      to={to}
      size="sm"
      fw={500}
      style={{ display: 'inline-flex', alignItems: 'center', minHeight: 44 }}
    >
      <span aria-hidden="true">←&nbsp;</span>
      {label}
    </Anchor>
  );
}

function Thread({
  conversation,
  messages,
  back,
  headingOrder,
  focusOnOpen,
  extra,
  conversationHref,
}: Omit<Props, 'id'> & { conversation: Conversation; messages: Message[] }) {
  const { t } = useTranslation();
  const me = useSignedInMe();
  const format = useFormat();
  const errorMessage = useErrorMessage();
  const { channels, byId: channelName } = useChannelLookup();
  const company = useCompany(me.kind === 'staff' ? conversation.companyId : undefined);
  const companyName = me.kind === 'staff' ? (company.data?.name ?? '') : (me.company?.name ?? '');
  const outgoing = useOutbox(me.user.id, conversation.id, messages);
  const { send, retry, discard } = useSendMessage(me.user.id, conversation.id, errorMessage);
  const edit = useEditMessage(conversation.id);
  const remove = useDeleteMessage(conversation.id);
  const close = useCloseConversation(conversation.id);
  const reopen = useReopenConversation(conversation.id);
  const { mutate: markRead } = useMarkRead(conversation.id);
  const visibility = useDocumentVisibility();
  const [editing, setEditing] = useState<Message | null>(null);
  const [deleting, setDeleting] = useState<Message | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const scroller = useRef<HTMLDivElement>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const closed = conversation.status === 'closed';
  const canPost = conversation.permissions.post;
  // A phone gets a one-line header (its actions in a menu); the company panel sits beside a thread wide enough.
  const compact = useMediaQuery('(max-width: 48em)', undefined, { getInitialValueInEffect: false });
  const { ref: rowRef, width: rowWidth } = useElementSize();
  const panelBeside = rowWidth >= PANEL_BESIDE_MIN;
  const [panelOpened, { open: openPanel, close: closePanel }] = useDisclosure(false);

  const sideLabel = useCallback(
    (side: Side) => (side === 'office' ? t('conversation.office') : companyName || t('conversation.client')),
    [t, companyName],
  );
  const lastSeq = messages.at(-1)?.seq ?? 0;

  // Focus the subject when this pane replaced the list (phones), so screen readers start here.
  useEffect(() => {
    if (focusOnOpen) heading.current?.focus();
  }, [focusOnOpen]);

  // Shown and visible: my read position moves to the last message (once per new message).
  const postedSeq = useRef(0);
  const myReadSeq = conversation.readers.find((r) => r.userId === me.user.id)?.lastReadSeq ?? 0;
  useEffect(() => {
    if (visibility !== 'visible' || lastSeq <= myReadSeq || lastSeq <= postedSeq.current) return;
    postedSeq.current = lastSeq;
    markRead(lastSeq);
  }, [visibility, lastSeq, myReadSeq, markRead]);

  // New messages from others are announced to screen readers (not the ones already there when opened).
  const announcedSeq = useRef(lastSeq);
  useEffect(() => {
    const fresh = messages.filter((m) => m.seq > announcedSeq.current && m.author.id !== me.user.id && !m.deletedAt);
    announcedSeq.current = Math.max(announcedSeq.current, lastSeq);
    const latest = fresh.at(-1);
    if (!latest) return;
    const text = plainLine(latest.body).slice(0, 160);
    setAnnouncement(
      fresh.length > 1
        ? t('conversation.newMessages', { count: fresh.length, name: latest.author.name, text })
        : t('conversation.newMessage', { name: latest.author.name, text }),
    );
  }, [messages, lastSeq, me.user.id, t]);

  // Stay at the bottom: on opening, on my own sends, and on arrivals while already near the bottom.
  const nearBottom = useRef(true);
  const itemCount = messages.length + outgoing.length;
  useLayoutEffect(() => {
    const el = scroller.current;
    if (el && nearBottom.current) el.scrollTop = el.scrollHeight;
  }, [itemCount, lastSeq]);
  // The header grows when the company's name arrives, a phone keyboard shrinks the view: keep the bottom in sight.
  useEffect(() => {
    const el = scroller.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(() => {
      if (nearBottom.current) el.scrollTop = el.scrollHeight;
    });
    observer.observe(el);
    if (el.firstElementChild) observer.observe(el.firstElementChild);
    return () => observer.disconnect();
  }, []);
  // Opened from a search result: show the message found, not the bottom.
  const stopFollowing = useCallback(() => {
    nearBottom.current = false;
  }, []);
  useScrollToMessage(scroller, conversation.id, messages.length, stopFollowing);
  const onScroll = () => {
    const el = scroller.current;
    if (el) nearBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight < 120;
  };

  const sendBody = (body: string, attachments: Attachment[]) => {
    nearBottom.current = true;
    send(body, attachments);
  };

  const resetEdit = edit.reset;
  const startEdit = useCallback(
    (message: Message) => {
      resetEdit();
      setEditing(message);
    },
    [resetEdit],
  );

  const editLast = () => {
    const last = [...messages].reverse().find((m) => m.author.id === me.user.id && !m.deletedAt);
    if (last) startEdit(last);
  };

  const saveEdit = (message: Message, body: string) =>
    edit.mutate({ id: message.id, body }, { onSuccess: () => setEditing(null) });

  const cancelEdit = () => {
    edit.reset();
    setEditing(null);
  };

  const confirmDelete = () => {
    if (!deleting) return;
    remove.mutate(deleting, {
      onSuccess: () => {
        setDeleting(null);
        notifications.show({
          closeButtonProps: { 'aria-label': t('common.close') },
          message: t('conversation.deletedDone'),
        });
      },
      onError: (error) => {
        setDeleting(null);
        notifications.show({
          closeButtonProps: { 'aria-label': t('common.close') },
          color: 'red',
          message: errorMessage(error),
        });
      },
    });
  };

  const toggleStatus = (action: typeof close) =>
    action.mutate(undefined, {
      onError: (error) =>
        notifications.show({
          closeButtonProps: { 'aria-label': t('common.close') },
          color: 'red',
          message: errorMessage(error),
        }),
    });

  const participants = conversation.participants.map((p) => p.name);
  const visibleTo =
    conversation.visibility === 'private'
      ? t('conversation.visibleToPeople', { names: format.list(participants) })
      : t('conversation.visibleToCompany', { company: companyName });
  const onDelete = useCallback((m: Message) => setDeleting(m), []);
  const readers = conversation.readers;
  const items = useMemo(
    () =>
      messages.map((m) => (
        <MessageItem
          key={m.id}
          message={m}
          mine={m.author.id === me.user.id}
          sideLabel={sideLabel(m.author.side)}
          readers={readers}
          canChange={canPost}
          readDeletedText={conversation.permissions.readDeletedText}
          onEdit={startEdit}
          onDelete={onDelete}
        />
      )),
    [messages, me.user.id, sideLabel, readers, canPost, conversation.permissions.readDeletedText, startEdit, onDelete],
  );

  const closedLine = closed
    ? conversation.closedBy
      ? t('thread.closedBy', { name: conversation.closedBy.name, date: format.dateTime(conversation.closedAt) })
      : t('thread.closedAt', { date: format.dateTime(conversation.closedAt) })
    : null;
  const statusActions = conversation.permissions.close || conversation.permissions.reopen;
  const panel =
    me.kind === 'staff' ? (
      <CompanyPanel
        companyId={conversation.companyId}
        conversationId={conversation.id}
        conversationHref={conversationHref ?? ((id) => `/conversations/${id}`)}
      />
    ) : null;

  return (
    <div className={classes.threadRow} ref={rowRef}>
      <section className={classes.thread} aria-labelledby={`thread-${conversation.id}`}>
        {compact ? (
          <header className={classes.threadHeader} data-compact>
            <Group gap={4} wrap="nowrap" align="center">
              {back && (
                <ActionIcon
                  component={Link}
                  to={back.to}
                  variant="subtle"
                  size={44}
                  aria-label={back.label}
                  style={{ flexShrink: 0, marginLeft: -10 }}
                >
                  <span aria-hidden="true" style={{ fontSize: 20 }}>
                    ←
                  </span>
                </ActionIcon>
              )}
              <Stack gap={0} style={{ flex: 1, minWidth: 0 }}>
                <Title
                  order={headingOrder}
                  size="h5"
                  id={`thread-${conversation.id}`}
                  ref={heading}
                  tabIndex={-1}
                  lineClamp={1}
                  title={conversation.subject}
                  style={{ outline: 'none', fontStyle: closed ? 'italic' : undefined }}
                >
                  {conversation.subject}
                </Title>
                <Text size="xs" c="dimmed" lineClamp={1} data-testid="thread-meta">
                  {[
                    me.kind === 'staff' ? companyName : null,
                    channels.data ? channelName(conversation.channelId) : null,
                    closedLine ?? t('conversation.status.open'),
                    conversation.visibility === 'private' ? t('conversation.private') : null,
                  ]
                    .filter(Boolean)
                    .join(' · ')}
                </Text>
              </Stack>
              <Menu position="bottom-end" withinPortal>
                <Menu.Target>
                  <ActionIcon variant="subtle" color="gray" size={44} aria-label={t('thread.moreActions')}>
                    <span aria-hidden="true" style={{ fontSize: 20, lineHeight: 1 }}>
                      ⋯
                    </span>
                  </ActionIcon>
                </Menu.Target>
                <Menu.Dropdown maw={300}>
                  <Menu.Label style={{ whiteSpace: 'normal' }}>{visibleTo}</Menu.Label>
                  {panel && <Menu.Item onClick={openPanel}>{t('companyPanel.show')}</Menu.Item>}
                  {conversation.permissions.close && (
                    <Menu.Item onClick={() => toggleStatus(close)} disabled={close.isPending}>
                      {t('conversation.close')}
                    </Menu.Item>
                  )}
                  {conversation.permissions.reopen && (
                    <Menu.Item onClick={() => toggleStatus(reopen)} disabled={reopen.isPending}>
                      {t('conversation.reopen')}
                    </Menu.Item>
                  )}
                </Menu.Dropdown>
              </Menu>
            </Group>
            {conversation.triage && (
              <Group gap={6} mt={4} wrap="wrap">
                <TriageState conversation={conversation} />
                <TriageActions conversation={conversation} />
              </Group>
            )}
          </header>
        ) : (
          <header className={classes.threadHeader}>
            {back && <BackLink {...back} />}
            <Flex
              direction={{ base: 'column', sm: 'row' }}
              justify="space-between"
              align={{ base: 'stretch', sm: 'flex-start' }}
              gap="xs"
            >
              <Stack gap={2} style={{ minWidth: 0 }}>
                <Title
                  order={headingOrder}
                  size="h4"
                  id={`thread-${conversation.id}`}
                  ref={heading}
                  tabIndex={-1}
                  style={{ outline: 'none', overflowWrap: 'anywhere', fontStyle: closed ? 'italic' : undefined }}
                >
                  {conversation.subject}
                </Title>
                <Group gap={6} wrap="wrap">
                  {me.kind === 'staff' && companyName && (
                    <Anchor component={Link} to={`/companies/${conversation.companyId}`} size="sm" fw={500}>
                      {companyName}
                    </Anchor>
                  )}
                  {channels.data && (
                    <Badge color="gray" variant="light" radius="sm" tt="none">
                      {channelName(conversation.channelId)}
                    </Badge>
                  )}
                  <Badge color={closed ? 'gray' : 'green'} variant={closed ? 'outline' : 'light'} radius="sm">
                    {closed ? t('conversation.status.closed') : t('conversation.status.open')}
                  </Badge>
                  {conversation.visibility === 'private' && (
                    <Badge color="grape" variant="light" radius="sm">
                      {t('conversation.private')}
                    </Badge>
                  )}
                </Group>
                <TriageState conversation={conversation} />
                <Text size="xs" c="dimmed">
                  {visibleTo}
                </Text>
                {closedLine && (
                  <Text size="xs" c="dimmed" fs="italic" data-testid="closed-by">
                    {closedLine}
                  </Text>
                )}
              </Stack>
              {(extra || statusActions || conversation.triage || (panel && !panelBeside)) && (
                <Group gap={6} wrap="wrap" justify="flex-end" style={{ flexShrink: 0 }}>
                  <TriageActions conversation={conversation} />
                  {extra}
                  {panel && !panelBeside && (
                    <Button variant="default" size="xs" onClick={openPanel}>
                      {t('companyPanel.show')}
                    </Button>
                  )}
                  {/* Only the side that may close it is offered Close (the server's permission, the same rule it checks). */}
                  {conversation.permissions.close && (
                    <Button variant="default" size="xs" loading={close.isPending} onClick={() => toggleStatus(close)}>
                      {t('conversation.close')}
                    </Button>
                  )}
                  {conversation.permissions.reopen && (
                    <Button variant="light" size="xs" loading={reopen.isPending} onClick={() => toggleStatus(reopen)}>
                      {t('conversation.reopen')}
                    </Button>
                  )}
                </Group>
              )}
            </Flex>
          </header>
        )}

        <div
          className={classes.messages}
          ref={scroller}
          onScroll={onScroll}
          tabIndex={0}
          aria-label={t('conversation.messages')}
          role="region"
        >
          <ol className={classes.messageList}>
            {items}
            {outgoing.map((entry) => (
              <OutgoingItem
                key={entry.clientId}
                entry={entry}
                onRetry={() => retry(entry)}
                onDiscard={() => discard(entry)}
              />
            ))}
          </ol>
          {closed && (
            <Text size="sm" c="dimmed" ta="center" mt="md" fs="italic">
              {closedLine}
            </Text>
          )}
        </div>
        <div className="visually-hidden" aria-live="polite" aria-atomic="true">
          {announcement}
        </div>

        <div className={classes.composer}>
          {canPost ? (
            <Composer
              key={conversation.id}
              draftKey={`${me.user.id}.${conversation.id}`}
              onSend={sendBody}
              companyId={me.kind === 'staff' ? conversation.companyId : undefined}
              maxBytes={me.limits?.attachmentMaxBytes ?? DEFAULT_MAX_BYTES}
              editing={editing}
              onSaveEdit={saveEdit}
              onCancelEdit={cancelEdit}
              savingEdit={edit.isPending}
              onEditLast={editLast}
              editError={edit.error ? errorMessage(edit.error) : null}
            />
          ) : (
            <Text size="sm" c="dimmed" py={4}>
              {closed
                ? conversation.permissions.reopen
                  ? t('conversation.closedReopenHint', { date: format.dateTime(conversation.closedAt) })
                  : t('conversation.closedReadOnly', { date: format.dateTime(conversation.closedAt) })
                : t('conversation.cannotPost')}
            </Text>
          )}
        </div>

        <ConfirmModal
          opened={deleting !== null}
          title={t('conversation.deleteTitle')}
          confirmLabel={t('conversation.deleteConfirm')}
          loading={remove.isPending}
          onConfirm={confirmDelete}
          onClose={() => setDeleting(null)}
        >
          <Text size="sm">{t('conversation.deleteText')}</Text>
        </ConfirmModal>
      </section>
      {panel && panelBeside && (
        <aside className={classes.companyAside} aria-label={t('companyPanel.title')}>
          {panel}
        </aside>
      )}
      {panel && !panelBeside && (
        <Drawer
          opened={panelOpened}
          onClose={closePanel}
          position="right"
          size={340}
          title={t('companyPanel.title')}
          closeButtonProps={{ 'aria-label': t('companyPanel.hide') }}
        >
          {panel}
        </Drawer>
      )}
    </div>
  );
}
