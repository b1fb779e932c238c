// Decides what a file is from its content (file-type's signatures, then a careful look at text),
// never from its name — and refuses a file whose name claims another type than its content. HTML
// and SVG are never accepted, whatever they are called: served from our origin they could run
// script.
import { open } from 'node:fs/promises';
import { attachmentTypeByName, attachmentTypes, extensionOf, type AttachmentType } from '@bureau/common';
import { fileTypeFromFile } from 'file-type';
import { ZIP_BASED } from './file-name.js';

export type Identified =
  | { ok: true; type: AttachmentType }
  | {
      ok: false;
      reason: 'type_not_allowed' | 'type_mismatch';
      detected: string;
    };

const byMime = (mime: string) => attachmentTypes.find((t) => t.mime === mime)!;
const HEIF = new Set(['image/heic', 'image/heif', 'image/heic-sequence', 'image/heif-sequence']);
const SNIFF_BYTES = 64 * 1024;

async function head(file: string): Promise<Buffer> {
  const handle = await open(file, 'r');
  try {
    const buffer = Buffer.alloc(SNIFF_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, SNIFF_BYTES, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/** The text after a byte-order mark and leading white space, or undefined for binary content. */
function textStart(bytes: Buffer): string | undefined {
  if (bytes.includes(0)) return undefined;
  return bytes
    .toString('utf8')
    .replace(/^\uFEFF/, '')
    .trimStart();
}

/** Markup a browser would render as a page or drawing: refused in every text format. */
const ACTIVE_MARKUP =
  /<\s*(?:[a-z][\w.-]*:)?(?:html|svg|script|iframe|object|embed|body|head|meta)\b|<!doctype\s+html/i;

const after = (text: string, token: string) => {
  const at = text.indexOf(token);
  return at < 0 ? '' : text.slice(at + token.length);
};

/** The name of an XML document's root element (after the declaration, comments and doctype). */
function xmlRoot(text: string): string | undefined {
  let rest = text;
  for (;;) {
    rest = rest.trimStart();
    if (rest.startsWith('<?')) rest = after(rest, '?>');
    else if (rest.startsWith('<!--')) rest = after(rest, '-->');
    else if (/^<!doctype/i.test(rest)) rest = after(rest, '>');
    else break;
    if (rest.length === 0) return undefined;
  }
  const match = /^<(?:[A-Za-z_][\w.-]*:)?([A-Za-z_][\w.-]*)/.exec(rest);
  return match?.[1];
}

/** Character references, so "http&#58;//" cannot hide a namespace from the checks below. */
const decodeReferences = (text: string) =>
  text.replace(/&#(x[0-9a-f]+|[0-9]+);/gi, (_, code: string) => {
    const n = code[0] === 'x' || code[0] === 'X' ? parseInt(code.slice(1), 16) : parseInt(code, 10);
    return n > 0 && n < 0x110000 ? String.fromCodePoint(n) : '';
  });

/**
 * What may never be in an XML attachment: the XHTML, SVG or MathML namespaces (a browser renders
 * those), script elements, a stylesheet instruction (XSLT can produce HTML) or a DOCTYPE with an
 * internal subset (entity tricks). An e-invoice needs none of them.
 */
const XML_FORBIDDEN = [
  /http:\/\/www\.w3\.org\/(?:1999\/xhtml|2000\/svg|1998\/Math\/MathML)/i,
  /<\s*(?:[a-z_][\w.-]*:)?script\b/i,
  /<\?xml-stylesheet/i,
  /<!doctype[^>[]*\[/i,
];

/** Reads the whole file in overlapping chunks (memory stays bounded) and tests every pattern. */
async function fileContains(file: string, patterns: RegExp[]): Promise<boolean> {
  const CHUNK = 1024 * 1024;
  const OVERLAP = 4096;
  const handle = await open(file, 'r');
  try {
    const chunk = Buffer.alloc(CHUNK);
    let carry = Buffer.alloc(0);
    let position = 0;
    for (;;) {
      const { bytesRead } = await handle.read(chunk, 0, CHUNK, position);
      if (bytesRead === 0) return false;
      position += bytesRead;
      const window = Buffer.concat([carry, chunk.subarray(0, bytesRead)]);
      const text = decodeReferences(window.toString('utf8'));
      if (patterns.some((p) => p.test(text))) return true;
      carry = Buffer.from(window.subarray(Math.max(0, window.length - OVERLAP)));
    }
  } finally {
    await handle.close();
  }
}

async function checkXml(file: string, text: string): Promise<boolean> {
  const root = xmlRoot(text)?.toLowerCase();
  if (!root || root === 'svg' || root === 'html' || root === 'xhtml' || root === 'math') return false;
  return !(await fileContains(file, XML_FORBIDDEN));
}

/** CSV is text that is no markup at all. */
const checkCsv = (text: string) => !text.startsWith('<') && !ACTIVE_MARKUP.test(text);

export async function identify(file: string, name: string): Promise<Identified> {
  const ext = extensionOf(name);
  const claimed = attachmentTypeByName(name);
  const detected = await fileTypeFromFile(file);
  let type: AttachmentType | undefined;
  if (detected) {
    if (HEIF.has(detected.mime)) type = byMime('image/heic');
    // Old Excel files are OLE compound files, as old Word files are: the name tells which.
    else if (detected.mime === 'application/x-cfb')
      type = claimed?.mime === 'application/vnd.ms-excel' ? claimed : undefined;
    else if (detected.mime === 'application/xml') type = byMime('application/xml');
    else type = attachmentTypes.find((t) => t.mime === detected.mime);
    if (type?.mime === 'application/xml' && !(await checkXml(file, textStart(await head(file)) ?? '')))
      return { ok: false, reason: 'type_not_allowed', detected: 'html' };
  }
  if (!type) {
    // Short signatures misfire on text ("BM…" is a bitmap, "ID3…" an MP3): text may still pass, as
    // the CSV or XML its name says, and never as markup.
    const text = textStart(await head(file));
    if (text === undefined) return { ok: false, reason: 'type_not_allowed', detected: detected?.ext ?? (ext || 'bin') };
    if (claimed?.mime === 'application/xml' && text.startsWith('<') && (await checkXml(file, text))) type = claimed;
    else if (claimed?.mime === 'text/csv' && checkCsv(text) && !(await fileContains(file, [ACTIVE_MARKUP])))
      type = claimed;
    else
      return {
        ok: false,
        reason: 'type_not_allowed',
        detected: text.startsWith('<') ? 'html' : (detected?.ext ?? 'txt'),
      };
  }
  // A name without an extension (a pasted screenshot may have none) takes the content's.
  if (!ext || type === claimed) return { ok: true, type };
  if (type.mime === 'application/zip' && ZIP_BASED.has(ext)) return { ok: true, type };
  return { ok: false, reason: 'type_mismatch', detected: type.extensions[0]! };
}
