// The face of the realtime module: what other modules may use of it. Reach for nothing behind it.
export { type EventBus } from './event-bus.js';
