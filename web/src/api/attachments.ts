// Files for messages: uploaded one by one before the message is sent (with progress, cancellable),
// then named by id in the send. What may be sent is checked here first, from the name and size, so
// a refused file is said before a byte leaves; the server decides again from the content.
import {
  type Attachment,
  attachmentTypeByName,
  attachmentTypes,
  DEFAULT_ATTACHMENT_MAX_MB,
  MAX_ATTACHMENTS_PER_MESSAGE,
} from '@bureau/common';
import { api, uploadFile, type UploadHandle as UploadHandleOf } from './client';

export type { Attachment };

export { MAX_ATTACHMENTS_PER_MESSAGE };
export const DEFAULT_MAX_BYTES = DEFAULT_ATTACHMENT_MAX_MB * 1024 * 1024;

export type UploadHandle = UploadHandleOf<Attachment>;

/** Sends one file; `onProgress` gets the fraction sent (0…1). */
export function uploadAttachment(
  file: File,
  name: string,
  companyId: string | undefined,
  onProgress: (fraction: number) => void,
): UploadHandle {
  return uploadFile<Attachment>(
    `/attachments${companyId ? `?companyId=${encodeURIComponent(companyId)}` : ''}`,
    file,
    name,
    onProgress,
  );
}

/** Gives back an upload no message took (removed from the composer); failures are left to the server's sweep. */
export function discardAttachment(id: string): void {
  void api.delete(`/attachments/${encodeURIComponent(id)}`).catch(() => {});
}

export type Variant = 'original' | 'thumbnail' | 'preview';

export function attachmentUrl(id: string, variant: Variant = 'original', inline = false): string {
  const base = `/api/attachments/${encodeURIComponent(id)}${variant === 'original' ? '' : `/${variant}`}`;
  return inline ? `${base}?inline=true` : base;
}

/** A pasted screenshot often has no useful name: give it one from its type and the time. */
export function nameOf(file: File, screenshot = 'screenshot'): string {
  // Chrome names every pasted picture "image.png": give it a name that tells it apart.
  if (file.name && file.name !== 'image.png' && attachmentTypeByName(file.name)) return file.name;
  const type = attachmentTypes.find((t) => t.mime === file.type);
  if (!type) return file.name || 'file';
  const stamp = new Date().toISOString().slice(0, 19).replace('T', ' ').replaceAll(':', '-');
  const base = file.name && file.name !== 'image.png' ? file.name.replace(/\.[^.]*$/, '') : `${screenshot} ${stamp}`;
  return `${base}.${type.extensions[0]}`;
}

export type Precheck = { code: 'type_not_allowed' | 'too_large'; name: string };

/** What the browser can tell before uploading: a type that is never allowed, or a size over the limit. */
export function precheck(file: File, name: string, maxBytes: number): Precheck | null {
  if (!attachmentTypeByName(name)) return { code: 'type_not_allowed', name };
  if (file.size > maxBytes) return { code: 'too_large', name };
  return null;
}
