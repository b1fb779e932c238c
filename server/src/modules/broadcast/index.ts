// The face of the broadcast module: what other modules may use of it. Reach for nothing behind it.
export { recordBroadcastRead } from './broadcast.repository.js';
