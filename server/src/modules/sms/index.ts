// The face of the sms module: what other modules may use of it. Reach for nothing behind it.
export { checkMobileNumber } from './sms.numbers.js';
export { type SmsService } from './sms.service.js';
export { invitationSmsText, messageSmsText } from './sms.text.js';
