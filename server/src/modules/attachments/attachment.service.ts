// Attachments: an upload is streamed to disk, identified from its content, copied small (images)
// and recorded as the uploader's until a message takes it (ConversationService.post). Files are
// read back only through the policy; uploads no message took are swept after a day, and files no
// row refers to are removed from the disk.
import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import type { Database } from '../../db/database.js';
import { AppError, notFound } from '../../http/app-error.js';
import type { Actor } from '../identity/index.js';
import { policy } from '../policy/index.js';
import {
  countPendingUploads,
  deletePendingUpload,
  deleteStalePendingUploads,
  findAttachment,
  insertAttachment,
  lockOfficeFiles,
  lockPendingUploads,
  referencedHashes,
  type AttachmentRow,
} from './attachment.repository.js';
import { identify } from './file-kind.js';
import { safeFileName, storedFileName } from './file-name.js';
import type { FileStore } from './file-store.js';
import { imageCopies, withoutMetadata } from './images.js';
import { parseId } from '../../http/ids.js';
import { presentAttachment } from './attachment.presenter.js';

/** Uploads one person may have waiting for a message (a composer holds at most 10). */
const MAX_PENDING = 50;
/** Uploads one person may be sending at once (on this instance). */
const MAX_IN_FLIGHT = 12;
export const PENDING_GRACE_MS = 24 * 60 * 60_000;
const SWEEP_BATCH = 200;

export type Upload = { filename: string; file: Readable & { truncated?: boolean } };
export type Variant = 'original' | 'thumbnail' | 'preview';

export type AttachmentView = ReturnType<typeof presentAttachment>;

export class AttachmentService {
  private readonly inFlight = new Map<string, number>();

  constructor(
    private readonly db: Database,
    private readonly store: FileStore,
    readonly maxBytes: number,
  ) {}

  /**
   * Receives one file for a company's conversations. The caller's right is checked before a byte is
   * stored; a refused, oversized or interrupted upload leaves neither a row nor a file.
   */
  async upload(actor: Actor, companyIdInput: string | undefined, upload: Upload) {
    const companyId = actor.kind === 'client' ? actor.companyId : companyIdInput;
    if (!companyId) throw new AppError('validation', { fields: { companyId: { code: 'required' } } });
    await this.db.asActor(actor, async (tx) => {
      await policy.require(actor, 'attachment.upload', { tx, companyId });
      if ((await countPendingUploads(tx, actor.officeId, actor.userId)) >= MAX_PENDING)
        throw new AppError('attachment.too_many_pending');
    });
    const running = this.inFlight.get(actor.userId) ?? 0;
    if (running >= MAX_IN_FLIGHT) throw new AppError('attachment.too_many_pending');
    this.inFlight.set(actor.userId, running + 1);
    try {
      return await this.receive(actor, companyId, upload);
    } finally {
      const left = (this.inFlight.get(actor.userId) ?? 1) - 1;
      if (left > 0) this.inFlight.set(actor.userId, left);
      else this.inFlight.delete(actor.userId);
    }
  }

  private async receive(actor: Actor, companyId: string, upload: Upload) {
    // Refused before a byte is stored: a name that is only dots, spaces or invisible characters.
    const displayName = safeFileName(upload.filename);
    if (!displayName) throw new AppError('attachment.name_invalid');
    let received = await this.store.receive(upload.file);
    let kept = false;
    try {
      if (upload.file.truncated)
        throw new AppError('attachment.too_large', {
          params: { name: displayName, max: Math.round(this.maxBytes / (1024 * 1024)) },
        });
      if (received.size === 0) throw new AppError('attachment.empty', { params: { name: displayName } });
      const identified = await identify(received.tmp, displayName);
      if (!identified.ok)
        throw new AppError(`attachment.${identified.reason}`, {
          params: { name: displayName, detected: identified.detected.toUpperCase() },
        });
      const type = identified.type;
      const copies = type.kind === 'image' ? await imageCopies(received.tmp) : { ok: true as const, copies: undefined };
      if (!copies.ok) throw new AppError('attachment.too_many_pixels', { params: { name: displayName } });
      // A photo is kept without its EXIF/XMP (a phone's GPS position): the file stored and served is the clean one.
      const clean = type.kind === 'image' ? await withoutMetadata(received.tmp, type.mime) : undefined;
      if (clean) {
        const sent = received;
        received = await this.store.receiveBuffer(clean);
        await this.store.discard(sent);
      }
      const row: AttachmentRow = {
        id: randomUUID(),
        officeId: actor.officeId,
        companyId,
        uploadedBy: actor.userId,
        messageId: null,
        position: 0,
        name: storedFileName(displayName, type),
        mime: type.mime,
        size: received.size,
        sha256: received.sha256,
        thumbnailSha256: null,
        previewSha256: null,
        width: copies.copies?.width ?? null,
        height: copies.copies?.height ?? null,
        createdAt: new Date(),
      };
      await this.db.asActor(actor, async (tx) => {
        // Shared with other uploads, exclusive against the sweep: a file the sweep has judged unused
        // is never taken up again by a row of this transaction, and the other way round.
        await lockOfficeFiles(tx, actor.officeId, 'shared');
        await lockPendingUploads(tx, actor.userId);
        if ((await countPendingUploads(tx, actor.officeId, actor.userId)) >= MAX_PENDING)
          throw new AppError('attachment.too_many_pending');
        await this.store.keep(actor.officeId, received);
        // Kept but not recorded (the transaction fails after this): unreferenced, so swept, never served.
        kept = true;
        if (copies.copies) {
          row.thumbnailSha256 = await this.store.putBuffer(actor.officeId, copies.copies.thumbnail);
          row.previewSha256 = await this.store.putBuffer(actor.officeId, copies.copies.preview);
        }
        await insertAttachment(tx, row);
      });
      return presentAttachment(row);
    } finally {
      if (!kept) await this.store.discard(received);
    }
  }

  /** Forgets one's own upload that no message took (removed from the composer); its file goes with the next sweep. */
  async discard(actor: Actor, id: string): Promise<void> {
    parseId(id);
    const removed = await this.db.asActor(actor, (tx) => deletePendingUpload(tx, actor.officeId, actor.userId, id));
    if (!removed) throw notFound();
  }

  /** Opens a file (or one of its image copies) for someone allowed to see it. */
  async open(actor: Actor, id: string, variant: Variant) {
    parseId(id);
    const found = await this.db.asActor(actor, async (tx) => {
      const row = await findAttachment(tx, actor.officeId, id);
      if (!row) throw notFound();
      await policy.require(actor, 'attachment.read', {
        tx,
        attachment: {
          uploadedBy: row.attachment.uploadedBy,
          messageId: row.attachment.messageId,
          conversationId: row.conversationId,
          messageDeletedAt: row.messageDeletedAt,
        },
      });
      return row.attachment;
    });
    const sha =
      variant === 'original' ? found.sha256 : variant === 'thumbnail' ? found.thumbnailSha256 : found.previewSha256;
    if (!sha) throw notFound();
    const size = await this.store.sizeOf(actor.officeId, sha);
    // A row whose file is gone is a fault of ours (a lost disk), not a missing attachment.
    if (size === undefined) throw new Error(`attachment ${id}: file ${sha} is missing`);
    return {
      attachment: found,
      sha256: sha,
      size,
      mime: variant === 'original' ? found.mime : 'image/webp',
      open: (range?: { start: number; end: number }) => this.store.open(actor.officeId, sha, range),
    };
  }

  /** Forgets uploads no message took in time and removes files nothing refers to. */
  async sweep(graceMs = PENDING_GRACE_MS, fileAgeMs = 60 * 60_000): Promise<{ uploads: number; files: number }> {
    const before = new Date(Date.now() - graceMs);
    const officeIds = await this.db.anonymous(async (tx) => {
      const result = await tx.execute<{ id: string }>(`SELECT bureau_office_ids() AS id`);
      return result.rows.map((r) => r.id);
    });
    let uploads = 0;
    let files = 0;
    for (const officeId of officeIds) {
      uploads += await this.db.inTenant({ officeId }, (tx) => deleteStalePendingUploads(tx, officeId, before));
      // The folder is scanned outside any transaction; each short batch is then decided under the
      // office's files lock (uploads of the office wait only for that batch).
      const candidates = await this.store.oldFiles(officeId, fileAgeMs);
      for (let at = 0; at < candidates.length; at += SWEEP_BATCH) {
        const batch = candidates.slice(at, at + SWEEP_BATCH);
        files += await this.db.inTenant({ officeId }, async (tx) => {
          await lockOfficeFiles(tx, officeId, 'exclusive');
          const inUse = await referencedHashes(tx, officeId, batch);
          return this.store.removeIfOld(
            officeId,
            batch.filter((hash) => !inUse.has(hash)),
            fileAgeMs,
          );
        });
      }
    }
    await this.store.removeStaleTemp(Math.max(fileAgeMs, 60 * 60_000));
    return { uploads, files };
  }
}
