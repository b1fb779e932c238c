// Account mail: what proves or changes who a person is (password reset, set-password, sign-in code and link,
// new-device alert). People are global and many offices share an instance, so such mail belongs to no office:
// it is never written to an office's outbox and never sent through an office's SMTP server — an office admin
// could otherwise read (or relay) the link that takes over someone's account. It is queued as an
// `account-email` job in the caller's transaction (pg-boss's tables, which the application role can add to but
// not read) and sent through the instance's SMTP_URL; without one, the operator finds it in the server log.
import type { Locale } from '@bureau/common';
import type { Transporter } from 'nodemailer';
import type { Tx } from '../../db/database.js';
import type { Enqueue } from '../jobs/index.js';
import { renderEmail, type EmailTemplate } from './mail.templates.js';

export type AccountTemplate = Extract<EmailTemplate, 'reset_password' | 'sign_in_code' | 'sign_in_alert'>;

export type AccountEmail = {
  to: string;
  toName: string;
  locale: Locale;
  template: AccountTemplate;
  link?: string;
  params?: Record<string, string | number>;
};

/** What the job carries: the rendered e-mail, ready to send. */
export type AccountEmailJob = {
  to: string;
  toName: string;
  locale: Locale;
  template: AccountTemplate;
  subject: string;
  text: string;
  html: string;
};

export class AccountMail {
  constructor(
    private readonly enqueue: Enqueue,
    /** Who the e-mail says it is from: the instance, never an office (INSTANCE_NAME). */
    private readonly instanceName: string,
  ) {}

  /** Queues the e-mail in `tx`: it goes out if and only if the transaction commits. */
  async queue(tx: Tx, email: AccountEmail): Promise<void> {
    const rendered = renderEmail({
      template: email.template,
      locale: email.locale,
      recipientName: email.toName,
      officeName: this.instanceName,
      link: email.link,
      params: email.params,
    });
    const job: AccountEmailJob = {
      to: email.to,
      toName: email.toName,
      locale: email.locale,
      template: email.template,
      subject: rendered.subject,
      text: rendered.text,
      html: rendered.html,
    };
    await this.enqueue(tx, 'account-email', job);
  }
}

export type OperatorLog = { warn: (obj: object, msg: string) => void };

/** Sends an account e-mail through SMTP_URL, or writes it to the operator's log when the instance has no server. */
export class AccountMailDelivery {
  constructor(
    private readonly instance: Transporter | undefined,
    private readonly from: string,
    private readonly log: OperatorLog,
  ) {}

  async deliver(job: AccountEmailJob): Promise<'sent' | 'logged'> {
    if (!this.instance) {
      // Only the operator reads the server's log: no office sees this, and the person can still be let in.
      this.log.warn(
        { accountEmail: { to: job.to, template: job.template, subject: job.subject, text: job.text } },
        'account e-mail (no SMTP_URL set: not sent, delivered to this log)',
      );
      return 'logged';
    }
    await this.instance.sendMail({
      from: this.from,
      to: job.toName ? { name: job.toName, address: job.to } : job.to,
      subject: job.subject,
      text: job.text,
      html: job.html,
      headers: { 'Content-Language': job.locale },
    });
    return 'sent';
  }
}
