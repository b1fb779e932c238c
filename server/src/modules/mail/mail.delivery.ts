// Hands one outbox e-mail to the SMTP server (nodemailer) — the 'email' job. A temporary failure
// throws, and the job queue retries with exponential back-off; a permanent refusal (or the last
// attempt) marks the e-mail failed, where office admins see the error and may send it again. A row is
// marked sent only after the SMTP server accepted it, so a crash can repeat an e-mail, never lose one.
import nodemailer, { type Transporter } from 'nodemailer';
import type { Database } from '../../db/database.js';
import { lockEmail, markEmailFailed, markEmailSent } from './mail.repository.js';

export type EmailJob = { officeId: string; emailId: string };

export class MailDelivery {
  private readonly transport: Transporter;

  constructor(
    private readonly db: Database,
    smtpUrl: string,
    private readonly from: string,
  ) {
    this.transport = nodemailer.createTransport(smtpUrl);
  }

  /**
   * Delivers one e-mail. `lastAttempt`: no retry follows this one. Returns what became of it; throws
   * (after recording the error) when a retry may help.
   */
  async deliver({ officeId, emailId }: EmailJob, lastAttempt: boolean): Promise<'sent' | 'failed' | 'skipped'> {
    let retry: Error | undefined;
    const outcome = await this.db.inTenant({ officeId }, async (tx) => {
      const email = await lockEmail(tx, officeId, emailId);
      // Sent meanwhile (a repeated job), or no longer waiting: nothing to do.
      if (!email || email.status !== 'pending') return 'skipped' as const;
      try {
        await this.transport.sendMail({
          from: this.from,
          to: email.toName ? { name: email.toName, address: email.toAddress } : email.toAddress,
          subject: email.subject,
          text: email.textBody,
          html: email.htmlBody,
          headers: { 'Content-Language': email.locale, ...(email.headers ?? {}) },
        });
        await markEmailSent(tx, officeId, emailId);
        return 'sent' as const;
      } catch (err) {
        const final = lastAttempt || isPermanent(err);
        await markEmailFailed(tx, officeId, emailId, (err as Error).message, final);
        if (!final) retry = err as Error;
        return 'failed' as const;
      }
    });
    if (retry) throw retry;
    return outcome;
  }

  close(): void {
    this.transport.close();
  }
}

/** SMTP 5xx answers (bad recipient, refused) will not get better by retrying. */
function isPermanent(err: unknown): boolean {
  const code = (err as { responseCode?: number }).responseCode;
  return code === 501 || code === 550 || code === 551 || code === 553;
}
