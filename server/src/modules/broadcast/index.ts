// The face of the broadcast module: what other modules may use of it. Reach for nothing behind it.
export { BroadcastService } from './broadcast.service.js';
export { csvCell, csvSeparator } from './broadcast.report.js';
