// Files: seen by whoever may read their conversation.
import type { Tx } from '../../db/database.js';
import { notFound } from '../../http/app-error.js';
import type { Actor } from '../identity/index.js';
import { messagingPolicy } from './messaging.policy.js';
import { isAdminRole } from './roles.js';

export type AttachmentTarget = {
  tx: Tx;
  attachment: {
    uploadedBy: string;
    messageId: string | null;
    conversationId: string | null;
    messageDeletedAt: Date | null;
  };
};

export const attachmentPolicy = {
  /**
   * A file is seen by whoever may read its conversation; an upload no message took yet only by its uploader; the files
   * of a deleted message only by office admins (the history is permanent). Anything else answers 404, like a file that
   * does not exist.
   */
  'attachment.read': async (actor: Actor, { tx, attachment }: AttachmentTarget): Promise<void> => {
    if (!attachment.messageId || !attachment.conversationId) {
      if (attachment.uploadedBy !== actor.userId) throw notFound();
      return;
    }
    if (attachment.messageDeletedAt && !isAdminRole(actor)) throw notFound();
    await messagingPolicy['conversation.read'](actor, { tx, conversationId: attachment.conversationId });
  },
};
