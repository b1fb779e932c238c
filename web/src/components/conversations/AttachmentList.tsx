// The files of a message: images as thumbnails that open a viewer, PDFs as chips that open one too,
// every other file as a chip that downloads it. Thumbnails and previews are the server's re-encoded
// copies (no metadata); originals always arrive as downloads.
import { Anchor, Button, Group, Image, Loader, Modal, Stack, Text, UnstyledButton } from '@mantine/core';
import { lazy, memo, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { attachmentUrl } from '../../api/attachments';
import type { Attachment, AttachmentKind } from '@bureau/common';
import { useFormat } from '../../lib/format';
import classes from './conversations.module.css';

// pdf.js is large: loaded when someone first opens a PDF.
const PdfViewer = lazy(() => import('./PdfViewer'));

const KIND_COLOURS: Record<AttachmentKind, string> = {
  image: '#7048e8',
  pdf: '#c92a2a',
  spreadsheet: '#2b8a3e',
  document: '#1864ab',
  xml: '#e67700',
  archive: '#495057',
};

/** A small document icon tinted by kind, with the extension's letters. */
export function FileIcon({ kind, mime, label }: { kind: AttachmentKind; mime?: string; label?: string }) {
  const text =
    label ??
    (kind === 'pdf'
      ? 'PDF'
      : kind === 'xml'
        ? 'XML'
        : kind === 'spreadsheet'
          ? 'XLS'
          : kind === 'document'
            ? 'DOC'
            : kind === 'image' || mime?.startsWith('image/')
              ? 'IMG'
              : 'ZIP');
  return (
    <svg aria-hidden="true" width="28" height="34" viewBox="0 0 28 34" style={{ flex: 'none' }}>
      <path d="M3 1h15l8 8v22a2 2 0 0 1-2 2H3a2 2 0 0 1-2-2V3a2 2 0 0 1 2-2z" fill="#fff" stroke="#adb5bd" />
      <path d="M18 1v6a2 2 0 0 0 2 2h6" fill="none" stroke="#adb5bd" />
      <rect x="1" y="18" width="22" height="10" rx="2" fill={KIND_COLOURS[kind]} />
      <text
        x="12"
        y="26"
        textAnchor="middle"
        fontSize="7.5"
        fontWeight="700"
        fill="#fff"
        fontFamily="system-ui, sans-serif"
      >
        {text}
      </text>
    </svg>
  );
}

const extensionLabel = (name: string) => /\.([a-z0-9]{1,5})$/i.exec(name)?.[1]?.toUpperCase();

type Viewing = { attachment: Attachment; index: number } | null;

export const AttachmentList = memo(function AttachmentList({ attachments }: { attachments: Attachment[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  const [viewing, setViewing] = useState<Viewing>(null);
  if (attachments.length === 0) return null;
  const images = attachments.filter((a) => a.kind === 'image' && a.thumbnail);
  const files = attachments.filter((a) => !(a.kind === 'image' && a.thumbnail));
  const viewable = attachments.filter((a) => (a.kind === 'image' && a.thumbnail) || a.kind === 'pdf');
  const open = (attachment: Attachment) => setViewing({ attachment, index: viewable.indexOf(attachment) });
  const step = (delta: number) =>
    setViewing((v) => {
      if (!v) return v;
      const index = (v.index + delta + viewable.length) % viewable.length;
      return { attachment: viewable[index]!, index };
    });

  return (
    <Stack gap={6} mt={6}>
      {images.length > 0 && (
        <Group gap={6} aria-label={t('attachment.images')} role="list">
          {images.map((a) => (
            <div key={a.id} role="listitem">
              <UnstyledButton
                className={classes.thumbnail}
                onClick={() => open(a)}
                aria-label={t('attachment.view', { name: a.name })}
                title={a.name}
              >
                <img
                  src={attachmentUrl(a.id, 'thumbnail')}
                  alt={a.name}
                  loading="lazy"
                  width={thumbWidth(a)}
                  height={120}
                />
              </UnstyledButton>
              {/* A photo from a phone is named by its file: say which one it is, as a file chip does. */}
              <Text size="xs" c="dimmed" truncate="end" maw={thumbWidth(a)} title={a.name} aria-hidden="true">
                {a.name}
              </Text>
            </div>
          ))}
        </Group>
      )}
      {files.length > 0 && (
        <Group gap={6} role="list" aria-label={t('attachment.files')}>
          {files.map((a) => (
            <Group key={a.id} role="listitem" gap={8} wrap="nowrap" className={classes.fileChip}>
              <FileIcon kind={a.kind} mime={a.mime} label={extensionLabel(a.name)} />
              <Stack gap={0} style={{ minWidth: 0 }}>
                {a.kind === 'pdf' ? (
                  <Anchor
                    component="button"
                    type="button"
                    size="sm"
                    onClick={() => open(a)}
                    truncate="end"
                    title={a.name}
                    aria-label={t('attachment.view', { name: a.name })}
                  >
                    {a.name}
                  </Anchor>
                ) : (
                  <Anchor
                    href={attachmentUrl(a.id)}
                    download={a.name}
                    size="sm"
                    truncate="end"
                    title={a.name}
                    aria-label={t('attachment.download', { name: a.name })}
                  >
                    {a.name}
                  </Anchor>
                )}
                <Text size="xs" c="dimmed">
                  {format.fileSize(a.size)}
                </Text>
              </Stack>
            </Group>
          ))}
        </Group>
      )}
      <Modal
        opened={viewing !== null}
        onClose={() => setViewing(null)}
        title={viewing?.attachment.name}
        size="xl"
        centered
        closeButtonProps={{ 'aria-label': t('attachment.close') }}
        onKeyDown={(event) => {
          if (event.key === 'ArrowRight') step(1);
          if (event.key === 'ArrowLeft') step(-1);
        }}
      >
        {viewing && (
          <Stack gap="sm">
            {viewing.attachment.kind === 'pdf' ? (
              <Suspense fallback={<Loader size="sm" />}>
                <PdfViewer url={attachmentUrl(viewing.attachment.id)} name={viewing.attachment.name} />
              </Suspense>
            ) : (
              <Image
                src={attachmentUrl(viewing.attachment.id, 'preview')}
                alt={viewing.attachment.name}
                fit="contain"
                mah="70vh"
              />
            )}
            <Group justify="space-between">
              <Group gap="xs">
                {viewable.length > 1 && (
                  <>
                    <Button variant="default" size="xs" onClick={() => step(-1)}>
                      {t('attachment.previous')}
                    </Button>
                    <Button variant="default" size="xs" onClick={() => step(1)}>
                      {t('attachment.next')}
                    </Button>
                  </>
                )}
              </Group>
              <Button
                component="a"
                href={attachmentUrl(viewing.attachment.id)}
                download={viewing.attachment.name}
                size="xs"
              >
                {t('attachment.downloadOriginal', {
                  size: format.fileSize(viewing.attachment.size),
                })}
              </Button>
            </Group>
          </Stack>
        )}
      </Modal>
    </Stack>
  );
});

function thumbWidth(a: Attachment): number {
  if (!a.width || !a.height) return 120;
  return Math.max(60, Math.min(240, Math.round((a.width / a.height) * 120)));
}
