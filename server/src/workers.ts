// The background workers of one process: e-mail, SMS and push delivery, notifications, digests, broadcasts and portfolio imports, run by the
// job queue (several processes may run them; each job goes to one).
import type { Config } from './config.js';
import { AccountMailDelivery, type AccountEmailJob, type OperatorLog } from './modules/mail/account-mail.js';
import { MailDelivery, type EmailJob } from './modules/mail/mail.delivery.js';
import { readSmtpCa } from './modules/mail/smtp-transport.js';
import { QUEUES } from './modules/jobs/job-queue.js';
import type { DigestJob, NotifyJob } from './modules/notify/notification.service.js';
import type { BroadcastJob } from './modules/broadcast/broadcast.service.js';
import type { ImportJob } from './modules/onboarding/import.service.js';
import type { CompanyPurgeJob } from './modules/tenancy/company.service.js';
import { PushDelivery } from './modules/push/push.delivery.js';
import type { PushJob } from './modules/push/push.service.js';
import { SmsDelivery } from './modules/sms/sms.delivery.js';
import type { SmsJob } from './modules/sms/sms.service.js';
import type { Services } from './services.js';

export async function startWorkers(
  services: Services,
  config: Config,
  log: OperatorLog = { warn: () => {} },
): Promise<{ stop: () => Promise<void> }> {
  const { jobs, notifications, broadcasts, imports, push, db, secrets, outbound } = services;
  // Always running: an office's own SMTP settings send its e-mail even without SMTP_URL. Several SMTP
  // conversations at once: a server's answer, not our CPU, is what an e-mail waits for.
  const concurrency = config.workerConcurrency;
  const delivery = new MailDelivery(db, secrets, {
    smtpUrl: config.smtpUrl,
    from: config.mailFrom,
    ca: readSmtpCa(config.smtpCaFile),
    connections: concurrency,
    guard: outbound,
  });
  await jobs.work<EmailJob>(
    'email',
    async (job) => {
      await delivery.deliver(job.data, job.retryCount >= QUEUES.email.retryLimit);
    },
    { concurrency, batchSize: 5 },
  );
  const accountMail = new AccountMailDelivery(delivery.instanceTransport, config.mailFrom, log);
  await jobs.work<AccountEmailJob>(
    'account-email',
    async (job) => {
      await accountMail.deliver(job.data);
    },
    { concurrency },
  );
  const sms = new SmsDelivery(db, secrets, { publicUrl: config.publicUrl, urls: config.sms, guard: outbound });
  await jobs.work<SmsJob>(
    'sms',
    async (job) => {
      await sms.deliver(job.data, job.retryCount >= QUEUES.sms.retryLimit);
    },
    { concurrency },
  );
  await jobs.work<NotifyJob>('notify', (job) => notifications.handleMessage(job.data), { concurrency });
  await jobs.work<DigestJob>('digest', (job) => notifications.sendDigest(job.data));
  await jobs.work<DigestJob>('daily-digest', (job) => notifications.sendDailyDigest(job.data));
  await jobs.work<BroadcastJob>('broadcast', (job) => broadcasts.fanOut(job.data), { concurrency: 1, batchSize: 1 });
  await jobs.work<CompanyPurgeJob>('company-purge', (job) => services.companies.purge(job.data), { concurrency: 1 });
  await jobs.work<ImportJob>('import', (job) => imports.run(job.data), { concurrency: 1, batchSize: 1 });
  // After the last attempt, however it ended (an error, or a worker killed mid-import and its heartbeat lost),
  // pg-boss copies the job here: the import says it failed instead of staying "running" forever.
  await jobs.work<ImportJob>('import-failed', (job) => imports.fail(job.data));
  const pushDelivery = new PushDelivery(db, () => push.vapidDetails(), outbound);
  await jobs.work<PushJob>(
    'push',
    async (job) => {
      await pushDelivery.deliver(job.data, job.retryCount >= QUEUES.push.retryLimit);
    },
    { concurrency },
  );
  return {
    async stop() {
      await jobs.stop();
      delivery.close();
    },
  };
}
