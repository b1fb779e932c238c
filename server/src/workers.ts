// The background workers of one process: e-mail delivery, notifications and digests, run by the
// job queue (several processes may run them; each job goes to one).
import type { Config } from './config.js';
import { MailDelivery, type EmailJob } from './modules/mail/mail.delivery.js';
import { readSmtpCa } from './modules/mail/smtp-transport.js';
import { QUEUES } from './modules/jobs/job-queue.js';
import type { DigestJob, NotifyJob } from './modules/notify/notification.service.js';
import type { Services } from './services.js';

export async function startWorkers(services: Services, config: Config): Promise<{ stop: () => Promise<void> }> {
  const { jobs, notifications, db, secrets } = services;
  // Always running: an office's own SMTP settings send its e-mail even without SMTP_URL.
  const delivery = new MailDelivery(db, secrets, { smtpUrl: config.smtpUrl, from: config.mailFrom, ca: readSmtpCa(config.smtpCaFile) });
  await jobs.work<EmailJob>('email', async (job) => {
    await delivery.deliver(job.data, job.retryCount >= QUEUES.email.retryLimit);
  });
  await jobs.work<NotifyJob>('notify', (job) => notifications.handleMessage(job.data), { concurrency: 2 });
  await jobs.work<DigestJob>('digest', (job) => notifications.sendDigest(job.data));
  return {
    async stop() {
      await jobs.stop();
      delivery.close();
    },
  };
}
