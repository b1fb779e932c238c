// File names offered for download: safe to save on Windows, macOS and Linux alike, whatever the
// uploader's system allowed. Diacritics and other letters stay; folders, invisible and forbidden
// characters, device names and over-long names do not.
import { extensionOf, type AttachmentType } from '@bureau/common';

/** Most file systems (NTFS, APFS, ext4) take at most 255 bytes (UTF-8) in one name. */
export const FILE_NAME_MAX_BYTES = 255;

/** Formats that are ZIP files inside: a ZIP named like one keeps its name. */
export const ZIP_BASED = new Set(['xlsx', 'docx', 'ods', 'odt']);

// Windows refuses these in a name; "/" and "\" never get here (only the last path segment is kept).
const FORBIDDEN = /[<>:"|?*]/g;
// Control, format (bidi overrides, zero-width, BOM), private-use characters and lone surrogates.
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Co}\p{Cs}]/gu;
// Windows' device names, with or without an extension ("CON", "nul.txt", "LPT9.pdf"): such a file cannot be saved.
const DEVICE = /^(?:con|prn|aux|nul|conin\$|conout\$|com[0-9¹²³]|lpt[0-9¹²³])$/i;
const graphemes = new Intl.Segmenter('en', { granularity: 'grapheme' });

const bytes = (text: string) => Buffer.byteLength(text, 'utf8');

/** Cuts `text` to at most `max` UTF-8 bytes, never inside a character (nor a letter with its accents). */
function cutToBytes(text: string, max: number): string {
  if (bytes(text) <= max) return text;
  let out = '';
  for (const { segment } of graphemes.segment(text)) {
    if (bytes(out) + bytes(segment) > max) break;
    out += segment;
  }
  return out;
}

/** No leading dots (a hidden file) and no trailing dots or spaces (Windows drops them). */
const trimEnds = (text: string) => text.replace(/^[.\s]+|[.\s]+$/gu, '');

/** `stem.ext` within the byte limit: the stem is shortened, the extension kept. */
function fit(stem: string, ext: string): string {
  const suffix = ext ? `.${ext}` : '';
  return `${trimEnds(cutToBytes(stem, FILE_NAME_MAX_BYTES - bytes(suffix)))}${suffix}`;
}

/**
 * A name every operating system can save: the last path segment, NFC, without control or
 * invisible characters, `<>:"|?*` replaced by "_", white space collapsed, no leading dots nor
 * trailing dots or spaces, a Windows device name prefixed with "_", at most 255 UTF-8 bytes with
 * its extension kept. '' when nothing usable is left (".", "..", spaces only).
 */
export function safeFileName(raw: string): string {
  const last = raw.normalize('NFC').split(/[/\\]/).pop() ?? '';
  let name = trimEnds(
    last
      .replace(/[\s\p{Z}]/gu, ' ')
      .replace(INVISIBLE, '')
      .replace(FORBIDDEN, '_')
      .replace(/ {2,}/g, ' '),
  );
  if (!name) return '';
  // Windows ignores what follows the first dot, and trailing spaces, when it looks for a device name.
  if (DEVICE.test(name.split('.')[0]!.trimEnd())) name = `_${name}`;
  // The extension as written ("Skan.PDF" stays so).
  const ext = extensionOf(name) ? name.slice(name.length - extensionOf(name).length) : '';
  const stem = ext ? name.slice(0, -(ext.length + 1)) : name;
  const fitted = fit(stem, ext);
  // A name that was only an extension's worth of stem (".pdf" became "pdf") keeps what is left.
  return fitted.startsWith('.') || !trimEnds(fitted) ? '' : fitted;
}

/** The stored name of an upload: safe (see safeFileName) and ending in its type's extension. */
export function storedFileName(safeName: string, type: AttachmentType): string {
  const ext = extensionOf(safeName);
  if (ext && (type.extensions.includes(ext) || (type.mime === 'application/zip' && ZIP_BASED.has(ext))))
    return safeName;
  return fit(safeName, type.extensions[0]!);
}
