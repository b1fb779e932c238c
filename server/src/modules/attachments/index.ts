// The face of the attachments module: what other modules may use of it. Reach for nothing behind it.
import {
  attachToMessage,
  findPendingUploads,
  listMessageAttachments,
  lockOfficeFiles,
} from './attachment.repository.js';
export type { AttachmentRow } from './attachment.repository.js';
export { presentAttachment } from './attachment.presenter.js';
export { type AttachmentService } from './attachment.service.js';

// Files of messages, for modules that attach uploads to a message in their own transaction (messaging,
// broadcasts).
export const fileRecords = { attachToMessage, findPendingUploads, listMessageAttachments, lockOfficeFiles };
