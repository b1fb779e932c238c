// The face of the attachments module: what other modules may use of it. Reach for nothing behind it.
export {
  type AttachmentRow,
  attachToMessage,
  findPendingUploads,
  listMessageAttachments,
  lockOfficeFiles,
} from './attachment.repository.js';
export { presentAttachment } from './attachment.presenter.js';
export { type AttachmentService } from './attachment.service.js';
