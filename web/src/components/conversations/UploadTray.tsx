import { ActionIcon, Alert, Button, CloseButton, Group, Progress, Stack, Text } from '@mantine/core';
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { attachmentTypeByName } from '@bureau/common';
import { useFormat } from '../../lib/format';
import { FileIcon } from './AttachmentList';
import type { Uploads } from './useUploads';

/** The files of the message being written, each with its progress bar, remove and retry. */
export function UploadTray({ uploads }: { uploads: Uploads }) {
  const { t } = useTranslation();
  const format = useFormat();
  if (uploads.items.length === 0 && !uploads.notice) return null;
  return (
    <Stack gap={6} mb={6}>
      {uploads.notice && (
        <Alert
          color="red"
          variant="light"
          p="xs"
          role="alert"
          withCloseButton
          closeButtonLabel={t('upload.dismiss')}
          onClose={uploads.dismissNotice}
        >
          {uploads.notice}
        </Alert>
      )}
      {uploads.items.length > 0 && (
        <ul
          aria-label={t('upload.listLabel')}
          style={{
            listStyle: 'none',
            margin: 0,
            padding: 0,
            display: 'grid',
            // Long file names shrink (and are cut with …) instead of pushing "remove" off the screen.
            gridTemplateColumns: 'minmax(0, 1fr)',
            gap: 6,
          }}
        >
          {uploads.items.map((item) => (
            <li key={item.key} data-testid="upload-item" data-status={item.status}>
              <Group gap="xs" wrap="nowrap" align="center">
                <FileIcon
                  kind={item.attachment?.kind ?? attachmentTypeByName(item.name)?.kind ?? 'archive'}
                  mime={item.file.type}
                />
                <Stack gap={2} style={{ flex: 1, minWidth: 0 }}>
                  <Group gap={6} wrap="nowrap" justify="space-between">
                    <Text size="sm" truncate="end" title={item.name} style={{ minWidth: 0 }}>
                      {item.name}
                    </Text>
                    <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
                      {item.status === 'uploading'
                        ? t('upload.progress', {
                            percent: Math.round(item.progress * 100),
                          })
                        : item.status === 'done'
                          ? format.fileSize(item.size)
                          : t('upload.failedShort')}
                    </Text>
                  </Group>
                  {item.status !== 'failed' ? (
                    <Progress
                      value={item.progress * 100}
                      size="sm"
                      color={item.status === 'done' ? 'teal' : 'blue'}
                      aria-label={t('upload.progressLabel', {
                        name: item.name,
                      })}
                      animated={item.status === 'uploading'}
                    />
                  ) : (
                    <Text size="xs" c="red.8" role="alert">
                      {item.error}
                    </Text>
                  )}
                </Stack>
                {item.status === 'failed' && item.retryable && (
                  <Button size="compact-xs" variant="light" onClick={() => uploads.retry(item.key)}>
                    {t('upload.retry')}
                  </Button>
                )}
                <CloseButton
                  size="sm"
                  onClick={() => uploads.remove(item.key)}
                  aria-label={t('upload.remove', { name: item.name })}
                />
              </Group>
            </li>
          ))}
        </ul>
      )}
    </Stack>
  );
}

/** The paper-clip button; `onFiles` gets what the person chose. */
export function AttachButton({
  onFiles,
  accept,
  disabled,
}: {
  onFiles: (files: File[]) => void;
  accept: string;
  disabled?: boolean;
}) {
  const { t } = useTranslation();
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <ActionIcon
        variant="subtle"
        color="gray"
        size={40}
        onClick={() => input.current?.click()}
        aria-label={t('upload.attach')}
        disabled={disabled}
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
          strokeLinejoin="round"
        >
          <path d="M20.5 11.5l-8.1 8.1a5 5 0 0 1-7.1-7.1l8.5-8.5a3.4 3.4 0 0 1 4.8 4.8l-8.5 8.5a1.7 1.7 0 0 1-2.4-2.4l7.8-7.8" />
        </svg>
      </ActionIcon>
      <input
        ref={input}
        type="file"
        multiple
        accept={accept}
        hidden
        data-testid="attach-input"
        onChange={(event) => {
          const files = [...(event.currentTarget.files ?? [])];
          event.currentTarget.value = '';
          if (files.length > 0) onFiles(files);
        }}
      />
    </>
  );
}
