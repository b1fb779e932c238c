// The files of the message being written: each starts uploading as soon as it is added (button,
// drop or paste), shows its progress, can be removed (cancelling its upload) or retried, and the
// message may be sent once every file has arrived.
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  discardAttachment,
  MAX_ATTACHMENTS_PER_MESSAGE,
  nameOf,
  precheck,
  uploadAttachment,
  type UploadHandle,
} from '../../api/attachments';
import { isApiError } from '../../api/client';
import type { Attachment } from '@bureau/common';

export type UploadItem = {
  key: string;
  name: string;
  size: number;
  progress: number;
  status: 'uploading' | 'done' | 'failed';
  attachment?: Attachment;
  /** Why it failed, in the user's language. */
  error?: string;
  /** A network failure may succeed again; a refusal of the file itself will not. */
  retryable?: boolean;
  file: File;
};

let nextKey = 0;

export function useUploads(companyId: string | undefined, maxBytes: number) {
  const { t } = useTranslation();
  const [items, setItems] = useState<UploadItem[]>([]);
  const [notice, setNotice] = useState<string | null>(null);
  const handles = useRef(new Map<string, UploadHandle>());

  const patch = (key: string, changes: Partial<UploadItem>) =>
    setItems((list) => list.map((i) => (i.key === key ? { ...i, ...changes } : i)));

  const start = useCallback(
    (key: string, file: File, name: string) => {
      const handle = uploadAttachment(file, name, companyId, (progress) => patch(key, { progress }));
      handles.current.set(key, handle);
      handle.promise.then(
        (attachment) => {
          handles.current.delete(key);
          patch(key, {
            status: 'done',
            progress: 1,
            attachment,
            name: attachment.name,
          });
        },
        (error: unknown) => {
          handles.current.delete(key);
          if (isApiError(error, 'aborted')) return;
          const message = isApiError(error) && error.message ? error.message : t('upload.failed', { name });
          const status = isApiError(error) ? error.status : 0;
          patch(key, { status: 'failed', error: message, retryable: status === 0 || status >= 500 });
        },
      );
    },
    [companyId, t],
  );

  const add = useCallback(
    (files: File[]) => {
      setNotice(null);
      const room = MAX_ATTACHMENTS_PER_MESSAGE - items.length;
      if (files.length > room) setNotice(t('upload.tooMany', { max: MAX_ATTACHMENTS_PER_MESSAGE }));
      const refused: string[] = [];
      for (const file of files.slice(0, Math.max(0, room))) {
        const name = nameOf(file, t('upload.screenshotName'));
        const problem = precheck(file, name, maxBytes);
        if (problem) {
          refused.push(
            problem.code === 'too_large'
              ? t('upload.tooLarge', {
                  name,
                  max: Math.round(maxBytes / (1024 * 1024)),
                })
              : t('upload.typeNotAllowed', { name }),
          );
          continue;
        }
        const key = `u${nextKey++}`;
        setItems((list) => [
          ...list,
          {
            key,
            name,
            size: file.size,
            progress: 0,
            status: 'uploading',
            file,
          },
        ]);
        start(key, file, name);
      }
      if (refused.length > 0) setNotice(refused.join(' '));
    },
    [items.length, maxBytes, start, t],
  );

  // The uploads on the server that no message has taken yet, to give back when they leave the composer
  // (except those on their way with a send: the form may close before its answer comes).
  const current = useRef<UploadItem[]>([]);
  current.current = items;
  const sending = useRef(new Set<string>());
  const giveBack = (item: UploadItem) => {
    if (item.attachment && !sending.current.has(item.attachment.id)) discardAttachment(item.attachment.id);
  };

  const remove = useCallback((key: string) => {
    handles.current.get(key)?.abort();
    handles.current.delete(key);
    const item = current.current.find((i) => i.key === key);
    if (item) giveBack(item);
    setItems((list) => list.filter((i) => i.key !== key));
  }, []);

  const retry = useCallback(
    (key: string) => {
      const item = items.find((i) => i.key === key);
      if (!item) return;
      patch(key, { status: 'uploading', progress: 0, error: undefined });
      start(key, item.file, item.name);
    },
    [items, start],
  );

  /** After a send: the files went with the message. */
  const clear = useCallback(() => {
    current.current = [];
    setItems([]);
    setNotice(null);
  }, []);

  /** The files no longer fit (another company chosen): cancelled, and given back to the server. */
  const discardAll = useCallback(() => {
    for (const handle of handles.current.values()) handle.abort();
    handles.current.clear();
    for (const item of current.current) giveBack(item);
    clear();
  }, [clear]);

  // Leaving the conversation cancels uploads still running and gives back the finished ones (the
  // server keeps nothing of either).
  useEffect(() => {
    const running = handles.current;
    const left = current;
    const onTheirWay = sending;
    return () => {
      for (const handle of running.values()) handle.abort();
      running.clear();
      for (const item of left.current)
        if (item.attachment && !onTheirWay.current.has(item.attachment.id)) discardAttachment(item.attachment.id);
    };
  }, []);

  // Files are uploaded for one company; when it changes, they cannot go with the message.
  const company = useRef(companyId);
  useEffect(() => {
    if (company.current !== companyId) discardAll();
    company.current = companyId;
  }, [companyId, discardAll]);

  const attachments = items.flatMap((i) => (i.status === 'done' && i.attachment ? [i.attachment] : []));
  return {
    items,
    attachments,
    /** The files are on their way with a send: never given back meanwhile (`false` after a failed send). */
    setSending: (ids: string[], onTheirWay: boolean) => {
      for (const id of ids) {
        if (onTheirWay) sending.current.add(id);
        else sending.current.delete(id);
      }
    },
    add,
    remove,
    retry,
    clear,
    notice,
    dismissNotice: () => setNotice(null),
    busy: items.some((i) => i.status === 'uploading'),
    failed: items.some((i) => i.status === 'failed'),
  };
}

export type Uploads = ReturnType<typeof useUploads>;
