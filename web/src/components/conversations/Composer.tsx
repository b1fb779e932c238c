import { ActionIcon, Alert, Button, Group, Loader, Popover, Text, Textarea } from '@mantine/core';
import { lazy, Suspense, useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { type Attachment, attachmentAccept, type Message, MESSAGE_MAX } from '@bureau/common';
import { useDraft } from '../../lib/drafts';
import { useFileDrop } from '../../lib/fileDrop';
import classes from './conversations.module.css';
import { AttachButton, UploadTray } from './UploadTray';
import { sendsOnEnter } from './sendKey';
import { useUploads } from './useUploads';

const EmojiGrid = lazy(() => import('./EmojiGrid'));

const isBlank = (text: string) => text.trim() === '';

type Props = {
  /** Where the draft lives: `userId.conversationId`. */
  draftKey: string;
  onSend: (body: string, attachments: Attachment[]) => void;
  /** The company files are uploaded for (staff name it; a client's is their session's). */
  companyId: string | undefined;
  maxBytes: number;
  /** The message being edited (its text replaces the draft until saved or cancelled). */
  editing: Message | null;
  onSaveEdit: (message: Message, body: string) => void;
  onCancelEdit: () => void;
  savingEdit: boolean;
  /** ↑ in an empty composer: edit my last message. */
  onEditLast: () => void;
  editError: string | null;
};

/** The message box: Enter to send, Shift+Enter for a new line, ↑ to edit my last message, emoji, a draft that survives reloads. */
export function Composer({
  draftKey,
  onSend,
  companyId,
  maxBytes,
  editing,
  onSaveEdit,
  onCancelEdit,
  savingEdit,
  onEditLast,
  editError,
}: Props) {
  const { t } = useTranslation();
  const uploads = useUploads(companyId, maxBytes);
  const [draft, setDraft] = useDraft<string>(draftKey, '', isBlank);
  const [editText, setEditText] = useState('');
  const [emojiOpen, setEmojiOpen] = useState(false);
  const [tooLong, setTooLong] = useState(false);
  const textarea = useRef<HTMLTextAreaElement>(null);
  const text = editing ? editText : draft;
  const setText = editing ? setEditText : setDraft;

  // Entering edit mode loads the message's text and puts the caret at its end.
  useEffect(() => {
    if (!editing) return;
    setEditText(editing.body);
    requestAnimationFrame(() => {
      const el = textarea.current;
      if (!el) return;
      el.focus();
      el.setSelectionRange(el.value.length, el.value.length);
    });
  }, [editing]);

  const submit = () => {
    const body = text.trim();
    if (!editing && (uploads.busy || uploads.failed)) return;
    if (!body && (editing || uploads.attachments.length === 0)) return;
    if ([...body].length > MESSAGE_MAX) {
      setTooLong(true);
      return;
    }
    setTooLong(false);
    if (editing) {
      if (body !== editing.body) onSaveEdit(editing, body);
      else onCancelEdit();
      return;
    }
    onSend(body, uploads.attachments);
    uploads.clear();
    setDraft('');
    textarea.current?.focus();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (sendsOnEnter(event)) {
      event.preventDefault();
      submit();
    } else if (event.key === 'Escape' && editing) {
      event.preventDefault();
      onCancelEdit();
    } else if (event.key === 'ArrowUp' && !editing && text === '' && !event.shiftKey && !event.altKey) {
      event.preventDefault();
      onEditLast();
    }
  };

  const insert = (emoji: string) => {
    const el = textarea.current;
    const start = el?.selectionStart ?? text.length;
    const end = el?.selectionEnd ?? text.length;
    const next = text.slice(0, start) + emoji + text.slice(end);
    setText(next);
    setEmojiOpen(false);
    requestAnimationFrame(() => {
      if (!el) return;
      el.focus();
      el.setSelectionRange(start + emoji.length, start + emoji.length);
    });
  };

  // Files dropped on the composer or pasted into it (a screenshot: Ctrl+V) are attached.
  const filesOf = (list: DataTransfer | null) => [...(list?.files ?? [])];
  const canAttach = !editing;
  const drop = useFileDrop(canAttach, (files) => uploads.add(files));

  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
      aria-label={editing ? t('composer.editing') : t('composer.label')}
      className={drop.dropping ? classes.dropping : undefined}
      {...drop.handlers}
    >
      {editing && (
        <Group justify="space-between" gap="xs" mb={6} wrap="nowrap">
          <Text size="sm" fw={600} c="blue.9" id={`${draftKey}-editing`}>
            {t('composer.editing')}
          </Text>
          <Button variant="subtle" size="compact-sm" onClick={onCancelEdit}>
            {t('composer.cancelEdit')}
          </Button>
        </Group>
      )}
      {canAttach && <UploadTray uploads={uploads} />}
      {drop.dropping && (
        <Text size="sm" c="blue.8" mb={6} role="status">
          {t('upload.dropHere')}
        </Text>
      )}
      {(editError || tooLong) && (
        <Alert color="red" variant="light" p="xs" mb={6} role="alert">
          {tooLong ? t('composer.tooLong', { max: MESSAGE_MAX }) : editError}
        </Alert>
      )}
      <Group gap={6} align="flex-end" wrap="nowrap">
        {canAttach && <AttachButton onFiles={uploads.add} accept={attachmentAccept} />}
        <Popover
          opened={emojiOpen}
          onChange={setEmojiOpen}
          position="top-start"
          withinPortal
          trapFocus
          returnFocus
          shadow="md"
        >
          <Popover.Target>
            <ActionIcon
              variant="subtle"
              color="gray"
              size={40}
              onClick={() => setEmojiOpen((o) => !o)}
              aria-label={t('composer.emoji')}
              aria-expanded={emojiOpen}
              aria-haspopup="dialog"
            >
              <svg
                aria-hidden="true"
                width="22"
                height="22"
                viewBox="0 0 24 24"
                fill="none"
                stroke="currentColor"
                strokeWidth="1.8"
                strokeLinecap="round"
              >
                <circle cx="12" cy="12" r="9" />
                <path d="M8.5 14.5c.9 1.2 2.1 1.8 3.5 1.8s2.6-.6 3.5-1.8" />
                <circle cx="9" cy="10" r="0.6" fill="currentColor" />
                <circle cx="15" cy="10" r="0.6" fill="currentColor" />
              </svg>
            </ActionIcon>
          </Popover.Target>
          <Popover.Dropdown p={6}>
            <Suspense fallback={<Loader size="sm" m="md" />}>
              {emojiOpen && <EmojiGrid onPick={insert} label={t('composer.emoji')} />}
            </Suspense>
          </Popover.Dropdown>
        </Popover>
        <Textarea
          ref={textarea}
          value={text}
          onChange={(e) => setText(e.currentTarget.value)}
          onKeyDown={onKeyDown}
          onPaste={(event) => {
            if (!canAttach) return;
            const files = filesOf(event.clipboardData);
            if (files.length === 0) return;
            event.preventDefault();
            uploads.add(files);
          }}
          placeholder={t('composer.placeholder')}
          aria-label={t('composer.label')}
          aria-describedby={editing ? `${draftKey}-editing ${draftKey}-hint` : `${draftKey}-hint`}
          autosize
          minRows={2}
          maxRows={10}
          style={{ flex: 1 }}
        />
        <Button
          type="submit"
          loading={savingEdit}
          disabled={
            editing
              ? isBlank(text)
              : uploads.busy || uploads.failed || (isBlank(text) && uploads.attachments.length === 0)
          }
          aria-keyshortcuts="Enter"
        >
          {editing ? t('composer.saveEdit') : t('composer.send')}
        </Button>
      </Group>
      <Text id={`${draftKey}-hint`} size="xs" c="dimmed" mt={4} visibleFrom="sm">
        {t('composer.hint')}
      </Text>
    </form>
  );
}
