// The face of the jobs module: what other modules may use of it. Reach for nothing behind it.
export { type Enqueue, type JobQueue } from './job-queue.js';
