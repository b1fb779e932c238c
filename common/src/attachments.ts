// What may be attached to a message: the types (decided from the file's content on the server; the
// browser checks the name first so a refused file is said before it is sent) and the limits.

export type AttachmentKind = 'image' | 'pdf' | 'spreadsheet' | 'document' | 'xml' | 'archive';

export type AttachmentType = {
  mime: string;
  extensions: readonly string[];
  kind: AttachmentKind;
};

export const attachmentTypes: readonly AttachmentType[] = [
  { mime: 'image/jpeg', extensions: ['jpg', 'jpeg'], kind: 'image' },
  { mime: 'image/png', extensions: ['png'], kind: 'image' },
  { mime: 'image/webp', extensions: ['webp'], kind: 'image' },
  { mime: 'image/heic', extensions: ['heic', 'heif'], kind: 'image' },
  { mime: 'application/pdf', extensions: ['pdf'], kind: 'pdf' },
  {
    mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    extensions: ['xlsx'],
    kind: 'spreadsheet',
  },
  {
    mime: 'application/vnd.ms-excel',
    extensions: ['xls'],
    kind: 'spreadsheet',
  },
  {
    mime: 'application/vnd.oasis.opendocument.spreadsheet',
    extensions: ['ods'],
    kind: 'spreadsheet',
  },
  { mime: 'text/csv', extensions: ['csv'], kind: 'spreadsheet' },
  {
    mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    extensions: ['docx'],
    kind: 'document',
  },
  {
    mime: 'application/vnd.oasis.opendocument.text',
    extensions: ['odt'],
    kind: 'document',
  },
  { mime: 'application/xml', extensions: ['xml'], kind: 'xml' },
  { mime: 'application/zip', extensions: ['zip'], kind: 'archive' },
];

export const MAX_ATTACHMENTS_PER_MESSAGE = 10;
export const DEFAULT_ATTACHMENT_MAX_MB = 25;

/** The extension of a file name, lower case, without the dot ('' when there is none). */
export function extensionOf(name: string): string {
  const match = /\.([a-z0-9]{1,8})$/i.exec(name.trim());
  return match ? match[1]!.toLowerCase() : '';
}

/** The allowed type a file name claims, if any. */
export function attachmentTypeByName(name: string): AttachmentType | undefined {
  const ext = extensionOf(name);
  return attachmentTypes.find((t) => t.extensions.includes(ext));
}

/** The extensions the file picker offers, like ".pdf,.jpg,…". */
export const attachmentAccept = attachmentTypes.flatMap((t) => t.extensions.map((e) => `.${e}`)).join(',');
