// The face of the mail module: what other modules may use of it. Reach for nothing behind it.
export { type AccountMail } from './account-mail.js';
export { type MailService } from './mail.service.js';
