// The face of the push module: what other modules may use of it. Reach for nothing behind it.
export { type PushNotice, type PushService, pushText } from './push.service.js';
