// The face of the notify module: what other modules may use of it. Reach for nothing behind it.
export { type NotificationService, type NotifyJob } from './notification.service.js';
