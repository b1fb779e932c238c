// The face of the inbound module: what other modules may use of it. Reach for nothing behind it.
export { replyTokenFor } from './inbound.repository.js';
