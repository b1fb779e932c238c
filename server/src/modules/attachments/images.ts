// Thumbnails and screen-sized previews of uploaded images, re-encoded by libvips (sharp): the copies
// carry no metadata at all (no EXIF location), are turned upright, and a "pixel flood" (a tiny
// file declaring an enormous canvas) is refused from its header before anything is decoded. The
// original of a JPEG, PNG or WebP photo is re-encoded too, in its own format, so that what is stored
// and served carries no EXIF or XMP (a phone's GPS position, the camera's serial number) either.
import { open } from 'node:fs/promises';
import sharp from 'sharp';

/** Larger than any camera's photo (a 200-megapixel phone mode aside), far below a decompression bomb. */
export const MAX_IMAGE_PIXELS = 60_000_000;
const THUMBNAIL = 320;
const PREVIEW = 1600;

// libvips' own threads and cache stay small, and images are decoded one at a time per process
// (a 60-megapixel image takes ~240 MB while it is decoded): memory stays bounded under many uploads.
sharp.concurrency(1);
sharp.cache(false);
let queue: Promise<unknown> = Promise.resolve();
function oneAtATime<T>(work: () => Promise<T>): Promise<T> {
  const run = queue.then(work, work);
  queue = run.catch(() => {});
  return run;
}

/** Decodes once: the screen-sized preview from the file, the thumbnail from the preview. */
async function resize(file: string): Promise<{ thumbnail: Buffer; preview: Buffer }> {
  const preview = await sharp(file, { limitInputPixels: MAX_IMAGE_PIXELS, sequentialRead: true, failOn: 'none' })
    .rotate()
    .resize(PREVIEW, PREVIEW, { fit: 'inside', withoutEnlargement: true })
    .webp({ quality: 82 })
    .toBuffer();
  const thumbnail = await sharp(preview)
    .resize(THUMBNAIL, THUMBNAIL, { fit: 'inside', withoutEnlargement: true })
    .webp({ quality: 70 })
    .toBuffer();
  return { thumbnail, preview };
}

export type ImageCopies = {
  width: number;
  height: number;
  thumbnail: Buffer;
  preview: Buffer;
};

export type ImageResult = { ok: true; copies: ImageCopies | undefined } | { ok: false; reason: 'too_many_pixels' };

export async function imageCopies(file: string): Promise<ImageResult> {
  let width: number;
  let height: number;
  try {
    const meta = await sharp(file, { limitInputPixels: false }).metadata();
    // Orientations 5–8 swap the sides once the image is turned upright.
    const swapped = (meta.orientation ?? 1) >= 5;
    width = swapped ? meta.height : meta.width;
    height = swapped ? meta.width : meta.height;
  } catch {
    // A format libvips cannot read here (HEIC's HEVC codec is not in sharp's build): no copies.
    return { ok: true, copies: undefined };
  }
  if (!width || !height) return { ok: true, copies: undefined };
  if (width * height > MAX_IMAGE_PIXELS) return { ok: false, reason: 'too_many_pixels' };
  try {
    return { ok: true, copies: { width, height, ...(await oneAtATime(() => resize(file))) } };
  } catch {
    // A damaged image is still the client's file: it is kept, shown as a file without a picture.
    return { ok: true, copies: undefined };
  }
}

/** The formats whose originals are re-encoded without metadata (sharp cannot decode HEIC here). */
const CLEANED_ORIGINALS = new Set(['image/jpeg', 'image/png', 'image/webp']);

/** True for a WebP that is lossless (VP8L), which is then re-encoded losslessly. */
async function isLosslessWebp(file: string): Promise<boolean> {
  const handle = await open(file, 'r');
  try {
    const head = Buffer.alloc(4096);
    const { bytesRead } = await handle.read(head, 0, head.length, 0);
    return head.subarray(0, bytesRead).includes('VP8L');
  } finally {
    await handle.close();
  }
}

async function reencode(file: string, mime: string): Promise<Buffer> {
  const webp = mime === 'image/webp';
  // Every frame of an animated WebP; the orientation applied to the pixels, so no tag is needed.
  const image = sharp(file, { limitInputPixels: MAX_IMAGE_PIXELS, failOn: 'none', animated: webp })
    .rotate()
    .keepIccProfile();
  if (mime === 'image/jpeg') return image.jpeg({ quality: 92 }).toBuffer();
  if (mime === 'image/png') return image.png().toBuffer();
  return (await isLosslessWebp(file))
    ? image.webp({ lossless: true }).toBuffer()
    : image.webp({ quality: 92 }).toBuffer();
}

/**
 * The photo as it is kept: the same format, upright, with its colour profile and no other metadata
 * (EXIF, XMP, IPTC: no location). Undefined when it cannot be decoded here (kept as sent, like its
 * missing thumbnail) or is no JPEG, PNG or WebP. Call after imageCopies, which refuses a pixel flood.
 */
export async function withoutMetadata(file: string, mime: string): Promise<Buffer | undefined> {
  if (!CLEANED_ORIGINALS.has(mime)) return undefined;
  try {
    return await oneAtATime(() => reencode(file, mime));
  } catch {
    return undefined;
  }
}
