// The background workers of one process: e-mail and SMS delivery, notifications and digests, run by the
// job queue (several processes may run them; each job goes to one).
import type { Config } from './config.js';
import { MailDelivery, type EmailJob } from './modules/mail/mail.delivery.js';
import { QUEUES } from './modules/jobs/job-queue.js';
import type { DigestJob, NotifyJob } from './modules/notify/notification.service.js';
import { SmsDelivery } from './modules/sms/sms.delivery.js';
import type { SmsJob } from './modules/sms/sms.service.js';
import type { Services } from './services.js';

export async function startWorkers(services: Services, config: Config): Promise<{ stop: () => Promise<void> }> {
  const { jobs, notifications, db, secrets } = services;
  const delivery = config.smtpUrl ? new MailDelivery(db, config.smtpUrl, config.mailFrom) : undefined;
  if (delivery) {
    await jobs.work<EmailJob>('email', async (job) => {
      await delivery.deliver(job.data, job.retryCount >= QUEUES.email.retryLimit);
    });
  }
  const sms = new SmsDelivery(db, secrets, config.publicUrl);
  await jobs.work<SmsJob>('sms', async (job) => {
    await sms.deliver(job.data, job.retryCount >= QUEUES.sms.retryLimit);
  });
  await jobs.work<NotifyJob>('notify', (job) => notifications.handleMessage(job.data), { concurrency: 2 });
  await jobs.work<DigestJob>('digest', (job) => notifications.sendDigest(job.data));
  return {
    async stop() {
      await jobs.stop();
      delivery?.close();
    },
  };
}
