// Sends 'pending' outbox e-mails over SMTP (nodemailer) with retries and back-off. A row is marked
// sent only after the SMTP server accepted it, so a crash can repeat an e-mail but never lose one.
import nodemailer, { type Transporter } from 'nodemailer';
import type { Database } from '../../db/database.js';
import { claimDueEmails, markEmailFailed, markEmailSent } from './mail.repository.js';

const MAX_ATTEMPTS = 8;
const backoffSeconds = (attempt: number) => Math.min(3600, 30 * 2 ** attempt);

export class MailDelivery {
  private readonly transport: Transporter;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;

  constructor(
    private readonly db: Database,
    smtpUrl: string,
    private readonly from: string,
    private readonly log: { warn: (obj: object, msg: string) => void },
  ) {
    this.transport = nodemailer.createTransport(smtpUrl);
  }

  start(intervalMs = 5000): void {
    const tick = () => {
      this.running = this.deliverDue()
        .then(() => undefined)
        .catch((err) => this.log.warn({ err }, 'e-mail delivery round failed'))
        .finally(() => {
          if (this.timer !== undefined) this.timer = setTimeout(tick, intervalMs);
        });
    };
    this.timer = setTimeout(tick, 200);
  }

  async stop(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.running;
    this.transport.close();
  }

  /** Delivers every due e-mail once; returns how many were accepted by the SMTP server. */
  async deliverDue(): Promise<number> {
    const officeIds = await this.db.anonymous(async (tx) => {
      const result = await tx.execute<{ id: string }>(`SELECT bureau_office_ids() AS id`);
      return result.rows.map((r) => r.id);
    });
    let sent = 0;
    for (const officeId of officeIds) {
      for (;;) {
        const delivered = await this.db.inTenant({ officeId }, async (tx) => {
          const batch = await claimDueEmails(tx, officeId, 10);
          let count = 0;
          for (const email of batch) {
            try {
              await this.transport.sendMail({
                from: this.from,
                to: email.toName ? { name: email.toName, address: email.toAddress } : email.toAddress,
                subject: email.subject,
                text: email.textBody,
                html: email.htmlBody,
                headers: { 'Content-Language': email.locale },
              });
              await markEmailSent(tx, officeId, email.id);
              count++;
            } catch (err) {
              const attempt = email.attempts + 1;
              const retry = attempt >= MAX_ATTEMPTS || isPermanent(err) ? null : backoffSeconds(attempt);
              await markEmailFailed(tx, officeId, email.id, (err as Error).message, retry);
            }
          }
          return { count, claimed: batch.length };
        });
        sent += delivered.count;
        if (delivered.claimed < 10) break;
      }
    }
    return sent;
  }
}

/** SMTP 5xx answers (bad recipient, refused) will not get better by retrying. */
function isPermanent(err: unknown): boolean {
  const code = (err as { responseCode?: number }).responseCode;
  return code === 501 || code === 550 || code === 551 || code === 553;
}
