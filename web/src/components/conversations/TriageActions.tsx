import { Badge, Button, Group, Menu, Modal, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Conversation } from '@bureau/common';
import { useSignedInMe } from '../../api/me';
import { useAssign, useAssignees, useSetHandled, useSnooze } from '../../api/conversationTriage';
import { useFormat } from '../../lib/format';
import { useErrorMessage } from '../useErrorMessage';

/** Snooze presets, from now: a few hours on, tomorrow at 8, next Monday at 8 (later today only before 18:00). */
export function snoozePresets(now: Date): { key: 'laterToday' | 'tomorrowMorning' | 'nextWeek'; until: Date }[] {
  const at8 = (daysAhead: number) => {
    const d = new Date(now);
    d.setDate(d.getDate() + daysAhead);
    d.setHours(8, 0, 0, 0);
    return d;
  };
  const later = new Date(now);
  later.setHours(later.getHours() + 3, 0, 0, 0);
  const daysToMonday = ((8 - now.getDay()) % 7 || 7) as number;
  return [
    ...(now.getHours() < 18 ? [{ key: 'laterToday' as const, until: later }] : []),
    { key: 'tomorrowMorning' as const, until: at8(1) },
    { key: 'nextWeek' as const, until: at8(daysToMonday) },
  ];
}

/** A key pressed while typing belongs to the text, not to the shortcuts. */
function typing(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

/** `yyyy-mm-ddThh:mm` in local time, for a datetime-local field. */
const localInput = (d: Date) => new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);

// A long name wraps rather than being cut off (a clipped badge hides whose it is).
const wrapping = { root: { height: 'auto', maxWidth: '100%' }, label: { whiteSpace: 'normal' as const } };

/** Where the office's own state of a conversation shows: assigned to whom, snoozed until when, handled by whom. */
export function TriageState({ conversation }: { conversation: Conversation }) {
  const { t } = useTranslation();
  const me = useSignedInMe();
  const format = useFormat();
  const triage = conversation.triage;
  if (!triage) return null;
  const { assignee, snoozedUntil, handledAt, handledBy } = triage;
  if (!assignee && !snoozedUntil && !handledAt) return null;
  return (
    <Group gap={6} wrap="wrap">
      {assignee && (
        <Badge color="blue" variant="light" radius="sm" tt="none" styles={wrapping}>
          {assignee.id === me.user.id
            ? t('inboxActions.assignedToMe')
            : t('inboxActions.assignedTo', { name: assignee.name })}
        </Badge>
      )}
      {snoozedUntil && (
        <Badge color="violet" variant="light" radius="sm" tt="none" styles={wrapping}>
          {t('inboxActions.snoozedUntil', { date: format.dateTime(snoozedUntil) })}
        </Badge>
      )}
      {handledAt && (
        <Badge color="teal" variant="light" radius="sm" tt="none" styles={wrapping} title={format.dateTime(handledAt)}>
          {handledBy ? t('inboxActions.handledBy', { name: handledBy.name }) : t('inboxActions.handled')}
        </Badge>
      )}
    </Group>
  );
}

/**
 * The office's ways to be done with a conversation, each shown only when the server's permissions allow it: mark as
 * handled (e), snooze (s), assign (a). The keys work anywhere on the page but in a text field.
 */
export function TriageActions({ conversation }: { conversation: Conversation }) {
  const { t } = useTranslation();
  const me = useSignedInMe();
  const format = useFormat();
  const errorMessage = useErrorMessage();
  const { handle, snooze: canSnooze, assign: canAssign } = conversation.permissions;
  const triage = conversation.triage;
  const setHandled = useSetHandled(conversation.id);
  const snooze = useSnooze(conversation.id);
  const assign = useAssign(conversation.id);
  const [snoozeOpen, setSnoozeOpen] = useState(false);
  const [assignOpen, setAssignOpen] = useState(false);
  const [picking, setPicking] = useState(false);
  const [picked, setPicked] = useState('');
  const [pickError, setPickError] = useState<string | null>(null);
  const colleagues = useAssignees(conversation.id, assignOpen);
  const handled = Boolean(triage?.handledAt);

  const done = (message: string) =>
    notifications.show({ closeButtonProps: { 'aria-label': t('common.close') }, message });
  const failed = (error: unknown) =>
    notifications.show({
      closeButtonProps: { 'aria-label': t('common.close') },
      color: 'red',
      message: errorMessage(error),
    });

  const toggleHandled = () =>
    setHandled.mutate(!handled, {
      onSuccess: () => done(handled ? t('inboxActions.unhandledDone') : t('inboxActions.handledDone')),
      onError: failed,
    });
  const snoozeUntil = (until: Date | null) =>
    snooze.mutate(until?.toISOString() ?? null, {
      onSuccess: () =>
        done(
          until
            ? t('inboxActions.snoozedDone', { date: format.dateTime(until.toISOString()) })
            : t('inboxActions.unsnoozedDone'),
        ),
      onError: failed,
    });
  const assignTo = (person: { id: string; name: string } | null) =>
    assign.mutate(person?.id ?? null, {
      onSuccess: () =>
        done(person ? t('inboxActions.assignedDone', { name: person.name }) : t('inboxActions.unassignedDone')),
      onError: failed,
    });

  const openPicker = () => {
    const tomorrow = snoozePresets(new Date()).find((p) => p.key === 'tomorrowMorning')!.until;
    setPicked(localInput(tomorrow));
    setPickError(null);
    setPicking(true);
  };
  const confirmPick = () => {
    const until = new Date(picked);
    if (!picked || Number.isNaN(until.getTime()) || until.getTime() <= Date.now()) {
      setPickError(t('inboxActions.pickInvalid'));
      return;
    }
    setPicking(false);
    snoozeUntil(until);
  };

  // e, a, s: the conversation's own keys (not while typing, not with a modifier, not under a dialog).
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || event.repeat) return;
      if (typing(event.target) || document.querySelector('[role="dialog"]')) return;
      const key = event.key.toLowerCase();
      if (key === 'e' && handle && !setHandled.isPending) {
        event.preventDefault();
        toggleHandled();
      } else if (key === 'a' && canAssign) {
        event.preventDefault();
        setSnoozeOpen(false);
        setAssignOpen(true);
      } else if (key === 's' && canSnooze) {
        event.preventDefault();
        setAssignOpen(false);
        setSnoozeOpen(true);
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  });

  if (!handle && !canSnooze && !canAssign) return null;
  const keyHint = (key: string) => t('inboxActions.keyHint', { key: key.toUpperCase() });

  return (
    <Group gap={6} wrap="wrap">
      {handle && (
        <Button
          variant={handled ? 'default' : 'light'}
          color={handled ? undefined : 'teal'}
          size="xs"
          loading={setHandled.isPending}
          onClick={toggleHandled}
          title={keyHint('e')}
          aria-keyshortcuts="e"
        >
          {handled ? t('inboxActions.unhandle') : t('inboxActions.handle')}
        </Button>
      )}
      {canSnooze && (
        <Menu opened={snoozeOpen} onChange={setSnoozeOpen} position="bottom-end" withinPortal>
          <Menu.Target>
            <Button variant="default" size="xs" loading={snooze.isPending} title={keyHint('s')} aria-keyshortcuts="s">
              {t('inboxActions.snooze')}
            </Button>
          </Menu.Target>
          <Menu.Dropdown>
            <Menu.Label>{t('inboxActions.snoozeMenu')}</Menu.Label>
            {snoozePresets(new Date()).map((preset) => (
              <Menu.Item
                key={preset.key}
                onClick={() => snoozeUntil(preset.until)}
                rightSection={
                  <Text size="xs" c="dimmed" ml="md">
                    {format.dateTime(preset.until.toISOString())}
                  </Text>
                }
              >
                {t(`inboxActions.${preset.key}`)}
              </Menu.Item>
            ))}
            <Menu.Item onClick={openPicker}>{t('inboxActions.pickDate')}</Menu.Item>
            {triage?.snoozedUntil && (
              <>
                <Menu.Divider />
                <Menu.Item onClick={() => snoozeUntil(null)}>{t('inboxActions.unsnooze')}</Menu.Item>
              </>
            )}
          </Menu.Dropdown>
        </Menu>
      )}
      {canAssign && (
        <Menu opened={assignOpen} onChange={setAssignOpen} position="bottom-end" withinPortal>
          <Menu.Target>
            <Button variant="default" size="xs" loading={assign.isPending} title={keyHint('a')} aria-keyshortcuts="a">
              {t('inboxActions.assign')}
            </Button>
          </Menu.Target>
          <Menu.Dropdown mah={360} style={{ overflowY: 'auto' }}>
            <Menu.Label>{t('inboxActions.assignMenu')}</Menu.Label>
            {colleagues.isPending ? (
              <Menu.Item disabled>{t('inboxActions.loadingColleagues')}</Menu.Item>
            ) : (colleagues.data ?? []).length === 0 ? (
              <Menu.Item disabled>{t('inboxActions.noColleagues')}</Menu.Item>
            ) : (
              (colleagues.data ?? []).map((person) => (
                <Menu.Item
                  key={person.id}
                  onClick={() => assignTo(person)}
                  disabled={person.id === triage?.assignee?.id}
                  aria-current={person.id === triage?.assignee?.id ? 'true' : undefined}
                >
                  {person.id === me.user.id ? t('inboxActions.you', { name: person.name }) : person.name}
                </Menu.Item>
              ))
            )}
            {triage?.assignee && (
              <>
                <Menu.Divider />
                <Menu.Item onClick={() => assignTo(null)}>{t('inboxActions.unassign')}</Menu.Item>
              </>
            )}
          </Menu.Dropdown>
        </Menu>
      )}
      <Modal
        opened={picking}
        onClose={() => setPicking(false)}
        title={t('inboxActions.pickTitle')}
        closeButtonProps={{ 'aria-label': t('common.close') }}
      >
        <form
          onSubmit={(event) => {
            event.preventDefault();
            confirmPick();
          }}
        >
          <Stack>
            <TextInput
              type="datetime-local"
              label={t('inboxActions.pickLabel')}
              description={t('inboxActions.pickHint')}
              value={picked}
              min={localInput(new Date())}
              onChange={(event) => {
                setPicked(event.currentTarget.value);
                setPickError(null);
              }}
              error={pickError}
              data-autofocus
            />
            <Group justify="flex-end" gap="sm">
              <Button variant="default" onClick={() => setPicking(false)}>
                {t('common.cancel')}
              </Button>
              <Button type="submit">{t('inboxActions.snooze')}</Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </Group>
  );
}
