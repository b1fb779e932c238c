// The durable job queue: pg-boss in the same PostgreSQL. Jobs are enqueued inside the business
// transaction that causes them (a rolled-back send leaves no job), run with retries and back-off, and
// stay in the database until done — a crash or a restart delays a job, never drops it.
//
// pg-boss keeps its own schema and connects as the database owner; the application role may only
// add jobs (INSERT through the business transaction) — it cannot read or change anyone's jobs.
//
// Every job carries a heartbeat (pg-boss's heartbeatSeconds): while a handler runs, pg-boss refreshes
// the job's heartbeat_on every half window, and any instance's supervisor fails a job whose heartbeat
// is older than the window, so its retry runs elsewhere. A process killed mid-job therefore holds its
// jobs for about a minute, not until the queue's expireInSeconds; a healthy job of any length keeps
// beating and is never taken from under its handler.
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { PgBoss, fromDrizzle, type Job, type JobResult, type SendOptions } from 'pg-boss';
import type { Tx } from '../../db/types.js';

const SCHEMA = 'pgboss';

/** Every queue, with its retry policy: deliveries retry with exponential back-off. */
export const QUEUES = {
  /** Works out who is told about a new message or conversation, and how. */
  notify: { retryLimit: 10, retryDelay: 5, retryBackoff: true, retryDelayMax: 600, expireInSeconds: 300 },
  /** Hands one e-mail of the outbox to the SMTP server. */
  // A worker claims up to 5 jobs and runs them in turn, and pg-boss times the batch against one job's
  // expiry: it covers 5 e-mails at their worst (connection, greeting and socket timeouts, 2 min each).
  email: { retryLimit: 8, retryDelay: 30, retryBackoff: true, retryDelayMax: 3600, expireInSeconds: 900 },
  /** Sends one account e-mail (reset, set-password, sign-in code, new-device alert) through the instance's server. */
  'account-email': { retryLimit: 8, retryDelay: 30, retryBackoff: true, retryDelayMax: 3600, expireInSeconds: 300 },
  /** Sends a digest of what stayed unread to one person. */
  // 'short': one waiting digest per person (singletonKey) — more unread messages join the one queued.
  digest: {
    policy: 'short',
    retryLimit: 5,
    retryDelay: 30,
    retryBackoff: true,
    retryDelayMax: 1800,
    expireInSeconds: 300,
  },
  /** Sends one SMS through the office's provider. */
  sms: { retryLimit: 5, retryDelay: 30, retryBackoff: true, retryDelayMax: 1800, expireInSeconds: 600 },
  /** Sends one Web Push notification to one browser. */
  push: { retryLimit: 5, retryDelay: 30, retryBackoff: true, retryDelayMax: 1800, expireInSeconds: 600 },
  /** Fans one broadcast out to its companies, in batches; a restart goes on where it stopped. */
  broadcast: { retryLimit: 10, retryDelay: 5, retryBackoff: true, retryDelayMax: 300, expireInSeconds: 1800 },
  /** An import whose last attempt failed — thrown, timed out or its worker gone: the import says it failed. */
  // Before 'import', whose dead letter queue it is (it must exist first).
  'import-failed': { retryLimit: 5, retryDelay: 10, retryBackoff: true, retryDelayMax: 600, expireInSeconds: 300 },
  /** Imports a portfolio file, a chunk (one transaction) at a time; a retry goes on with the rows still waiting. */
  import: {
    retryLimit: 5,
    retryDelay: 10,
    retryBackoff: true,
    retryDelayMax: 600,
    expireInSeconds: 3600,
    deadLetter: 'import-failed',
  },
  /** The daily digest e-mail of one person (their 'digest' preferences), once a day. */
  'daily-digest': {
    policy: 'short',
    retryLimit: 5,
    retryDelay: 60,
    retryBackoff: true,
    retryDelayMax: 3600,
    expireInSeconds: 600,
  },
  /** Purges one company 30 days after its deletion, if it is still deleted then (a restore leaves nothing to do). */
  'company-purge': { retryLimit: 10, retryDelay: 300, retryBackoff: true, retryDelayMax: 21600, expireInSeconds: 900 },
} as const;

export type QueueName = keyof typeof QUEUES;
export type JobHandler<T> = (job: Job<T>) => Promise<void>;

export type Enqueue = {
  (tx: Tx, queue: QueueName, data: object, options?: Omit<SendOptions, 'db'>): Promise<string | null>;
};
export type EnqueueMany = (tx: Tx, queue: QueueName, data: object[]) => Promise<void>;

export class JobQueue {
  private readonly boss: PgBoss;
  private readonly workers = new Map<QueueName, string[]>();
  private readonly heartbeatSeconds: number;
  private started = false;

  constructor(ownerUrl: string, options: { heartbeatSeconds: number; pollingIntervalSeconds?: number }) {
    this.heartbeatSeconds = options.heartbeatSeconds;
    // The supervisor looks for lost heartbeats every half window (pg-boss's default is a minute): a dead
    // holder's job is failed at most 1.5 windows after its last beat, then retried after the queue's delay.
    const checkSeconds = Math.max(1, Math.floor(this.heartbeatSeconds / 2));
    this.boss = new PgBoss({
      connectionString: ownerUrl,
      schema: SCHEMA,
      max: 4,
      application_name: 'bureau-jobs',
      superviseIntervalSeconds: checkSeconds,
      monitorIntervalSeconds: checkSeconds,
    });
    this.pollingIntervalSeconds = options.pollingIntervalSeconds ?? 2;
    this.boss.on('error', () => {
      // A lost connection during maintenance; pg-boss retries on its own.
    });
  }

  private readonly pollingIntervalSeconds: number;

  /**
   * Installs (or upgrades) pg-boss's schema and our queues, and lets the application role add jobs.
   * Run as the database owner at start and when the test template is migrated.
   */
  static async install(ownerUrl: string): Promise<void> {
    const boss = new PgBoss({
      connectionString: ownerUrl,
      schema: SCHEMA,
      max: 1,
      supervise: false,
      schedule: false,
      application_name: 'bureau-jobs-install',
    });
    boss.on('error', () => {});
    await boss.start();
    try {
      const existing = new Set((await boss.getQueues()).map((q) => q.name));
      for (const [name, policy] of Object.entries(QUEUES)) {
        // A queue's policy is fixed at creation; its retry settings follow the code.
        if (existing.has(name))
          await boss.updateQueue(name, Object.fromEntries(Object.entries(policy).filter(([key]) => key !== 'policy')));
        else await boss.createQueue(name, policy);
      }
    } finally {
      await boss.stop({ graceful: false, close: true });
    }
    const client = new pg.Client({ connectionString: ownerUrl });
    await client.connect();
    try {
      // INSERT … RETURNING id needs SELECT on the id column only: other jobs' data stays unreadable.
      await client.query(`GRANT USAGE ON SCHEMA ${SCHEMA} TO bureau_app;
        GRANT SELECT ON ${SCHEMA}.queue TO bureau_app;
        GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA ${SCHEMA} TO bureau_app;
        DO $$ DECLARE t text; BEGIN
          FOR t IN SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                   WHERE n.nspname = '${SCHEMA}' AND c.relkind IN ('r', 'p')
                     AND EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'start_after') LOOP
            EXECUTE format('GRANT INSERT, SELECT (id, start_after) ON ${SCHEMA}.%I TO bureau_app', t);
          END LOOP;
        END $$`);
    } finally {
      await client.end();
    }
  }

  async start(): Promise<void> {
    if (this.started) return;
    await this.boss.start();
    this.started = true;
  }

  /** Adds a job in the caller's transaction: it exists if and only if the transaction commits. */
  readonly enqueue: Enqueue = (tx, queue, data, options = {}) =>
    this.boss.send(queue, data, { heartbeatSeconds: this.heartbeatSeconds, ...options, db: fromDrizzle(tx, sql) });

  /** Adds many jobs with one statement in the caller's transaction (a broadcast's notifications). */
  readonly enqueueMany: EnqueueMany = async (tx, queue, data) => {
    if (data.length > 0)
      await this.boss.insert(
        queue,
        data.map((d) => ({ data: d, heartbeatSeconds: this.heartbeatSeconds })),
        { db: fromDrizzle(tx, sql) },
      );
  };

  /**
   * Runs `handler` for the queue's jobs; a thrown error fails that job's attempt and schedules a retry.
   * Each of `concurrency` workers claims up to `batchSize` jobs at once and, while the queue keeps
   * filling its batches, fetches again without waiting for the next poll — a backlog drains at the
   * speed of the handler, not of the polling interval. Jobs of a batch settle one by one.
   */
  async work<T>(
    queue: QueueName,
    handler: JobHandler<T>,
    options: { concurrency?: number; batchSize?: number } = {},
  ): Promise<void> {
    const workOptions = {
      batchSize: options.batchSize ?? 10,
      burstWhenBatchFull: true,
      perJobResults: true,
      localConcurrency: options.concurrency ?? 2,
      pollingIntervalSeconds: this.pollingIntervalSeconds,
    } as const;
    const id = await this.boss.work<T, JobResult[], typeof workOptions>(queue, workOptions, async (batch) => {
      const results: JobResult[] = [];
      for (const job of batch) {
        try {
          await handler(job);
          results.push({ id: job.id, status: 'completed' });
        } catch (error) {
          results.push({
            id: job.id,
            status: 'failed',
            output: { message: error instanceof Error ? error.message : String(error) },
          });
        }
      }
      return results;
    });
    this.workers.set(queue, [...(this.workers.get(queue) ?? []), id]);
  }

  /** After a commit that added jobs: the workers of this process look at once instead of at their next poll. */
  nudge(queue: QueueName): void {
    for (const id of this.workers.get(queue) ?? []) this.boss.notifyWorker(id);
  }

  /** Stops the workers, letting running jobs finish (up to `timeoutMs`). */
  async stop(timeoutMs = 10_000): Promise<void> {
    if (!this.started) return;
    this.started = false;
    await this.boss.stop({ graceful: true, timeout: timeoutMs, close: true });
  }
}
