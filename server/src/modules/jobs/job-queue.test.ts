// The queue's heartbeat on a real database with two queue instances, as two portal processes would run it.
// (A worker killed mid-job is server/test/job-recovery.test.ts, with real processes.)
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../../../test/harness.js';
import { JobQueue } from './job-queue.js';

const HEARTBEAT_SECONDS = 10;

describe('job heartbeats', () => {
  let t: Awaited<ReturnType<typeof createTestApp>>;
  const queues: JobQueue[] = [];
  beforeAll(async () => {
    t = await createTestApp({ JOB_HEARTBEAT_SECONDS: String(HEARTBEAT_SECONDS) });
  });
  afterAll(async () => {
    await Promise.all(queues.map((q) => q.stop(30_000)));
    await t.close();
  });

  it('never takes a healthy job that runs for more than two heartbeat windows from its worker', async () => {
    const holder = new JobQueue(t.url, { heartbeatSeconds: HEARTBEAT_SECONDS, pollingIntervalSeconds: 1 });
    const other = new JobQueue(t.url, { heartbeatSeconds: HEARTBEAT_SECONDS, pollingIntervalSeconds: 1 });
    queues.push(holder, other);
    await holder.start();
    await other.start();
    const runs: string[] = [];
    let finish!: () => void;
    const finished = new Promise<void>((resolve) => (finish = resolve));
    await holder.work('import', async () => {
      runs.push('holder');
      await new Promise((r) => setTimeout(r, 2.2 * HEARTBEAT_SECONDS * 1000));
      finish();
    });
    const jobId = await t.db.anonymous((tx) => holder.enqueue(tx, 'import', { officeId: 'o', importId: 'long' }));
    holder.nudge('import');
    // The other instance starts looking only once the holder has the job, and its supervisor runs all along.
    for (const deadline = Date.now() + 10_000; runs.length === 0;) {
      if (Date.now() > deadline) throw new Error('the holder never took the job');
      await new Promise((r) => setTimeout(r, 50));
    }
    await other.work('import', async () => {
      runs.push('other');
    });
    await finished;
    await new Promise((r) => setTimeout(r, 1500));
    const job = await t.asOwner(`SELECT state, retry_count FROM pgboss.job WHERE id = '${jobId}'`);
    expect(job.rows).toEqual([{ state: 'completed', retry_count: 0 }]);
    expect(runs).toEqual(['holder']);
  }, 60_000);
});
