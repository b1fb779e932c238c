import { Alert, Button, FileButton, Group, Paper, Progress, Stack, Text } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import { precheckImportFile, uploadImport, type ImportView } from '../../api/imports';
import { useErrorMessage } from '../../components/useErrorMessage';
import { useFormat } from '../../lib/format';
import { useFileDrop } from '../../lib/fileDrop';

const ACCEPT = '.csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

type Upload = { name: string; size: number; progress: number; abort: () => void };

/** Step 1: the file, dropped or chosen, checked by name and size, then uploaded with its progress (cancellable). */
export function ImportFileStep({ onUploaded }: { onUploaded: (view: ImportView) => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const message = useErrorMessage();
  const [upload, setUpload] = useState<Upload | null>(null);
  const [error, setError] = useState<string | null>(null);
  const abortRef = useRef<(() => void) | null>(null);
  // Lets the same file be chosen again after it was refused or cancelled.
  const resetRef = useRef<() => void>(null);

  // Leaving the page stops an upload nobody would see the end of.
  useEffect(() => () => abortRef.current?.(), []);

  const start = (file: File | null) => {
    resetRef.current?.();
    if (!file || upload) return;
    const refused = precheckImportFile(file);
    if (refused) {
      setError(
        refused === 'type'
          ? t('import.file.wrongType', { name: file.name })
          : refused === 'size'
            ? t('import.file.tooLarge', { name: file.name })
            : t('import.file.empty', { name: file.name }),
      );
      return;
    }
    setError(null);
    const handle = uploadImport(file, (fraction) => setUpload((u) => (u ? { ...u, progress: fraction } : u)));
    abortRef.current = handle.abort;
    setUpload({ name: file.name, size: file.size, progress: 0, abort: handle.abort });
    handle.promise.then(
      (view) => {
        abortRef.current = null;
        setUpload(null);
        onUploaded(view);
      },
      (reason: unknown) => {
        abortRef.current = null;
        setUpload(null);
        if (!isApiError(reason, 'aborted')) setError(message(reason));
      },
    );
  };

  const percent = upload ? Math.round(upload.progress * 100) : 0;

  const drop = useFileDrop(!upload, (files) => start(files[0] ?? null));
  return (
    <Stack gap="md">
      {error && (
        <Alert color="red" variant="light" role="alert" title={t('import.file.refused')}>
          {error}
        </Alert>
      )}
      <Paper
        withBorder
        p="xl"
        radius="md"
        style={{
          borderStyle: 'dashed',
          borderWidth: 2,
          borderColor: drop.dropping ? 'var(--mantine-color-blue-8)' : undefined,
          background: drop.dropping ? 'var(--mantine-color-blue-0)' : undefined,
        }}
        {...drop.handlers}
      >
        {upload ? (
          <Stack gap="xs" role="status" aria-live="polite">
            <Group justify="space-between" wrap="nowrap" gap="xs">
              <Text size="sm" fw={500} truncate="end" style={{ minWidth: 0 }}>
                {upload.name}
              </Text>
              <Text size="sm" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
                {format.fileSize(upload.size)} · {percent} %
              </Text>
            </Group>
            <Progress
              value={percent}
              size="lg"
              animated
              aria-label={t('import.file.progressLabel', { name: upload.name })}
            />
            <Text size="sm" c="dimmed">
              {percent < 100 ? t('import.file.uploading') : t('import.file.reading')}
            </Text>
            <Group>
              <Button variant="default" size="xs" onClick={upload.abort}>
                {t('import.file.cancel')}
              </Button>
            </Group>
          </Stack>
        ) : (
          <Stack align="center" gap="sm" ta="center">
            <Text fw={600} size="lg">
              {t('import.file.drop')}
            </Text>
            <Text size="sm" c="dimmed" maw={520} id="import-file-hint">
              {t('import.file.hint')}
            </Text>
            <FileButton onChange={start} accept={ACCEPT} resetRef={resetRef}>
              {(props) => (
                <Button {...props} aria-describedby="import-file-hint">
                  {t('import.file.choose')}
                </Button>
              )}
            </FileButton>
          </Stack>
        )}
      </Paper>
      <Text size="sm" c="dimmed">
        {t('import.file.columnsHint')}
      </Text>
    </Stack>
  );
}
