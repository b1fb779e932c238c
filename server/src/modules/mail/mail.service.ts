// Queues translated e-mails in the outbox (inside the caller's transaction) and lets office admins
// read it. Without SMTP_URL the outbox is where mail is read ('stored'); with it, the delivery
// worker sends 'pending' rows over SMTP.
import { randomUUID } from 'node:crypto';
import type { Locale } from '@bureau/common';
import type { Database, Tx } from '../../db/database.js';
import { notFound } from '../../http/app-error.js';
import type { Actor } from '../identity/actor.js';
import { requireOfficeAction } from '../tenancy/policy.js';
import { findOutboxEmail, findOutboxPage, insertOutboxEmail } from './mail.repository.js';
import { renderEmail, type EmailTemplate } from './mail.templates.js';

export type QueueEmail = {
  officeId: string;
  officeName: string;
  to: string;
  toName: string;
  locale: Locale;
  template: EmailTemplate;
  link?: string;
  params?: Record<string, string | number>;
};

export class MailService {
  constructor(
    private readonly db: Database,
    private readonly smtpEnabled: boolean,
  ) {}

  async queue(tx: Tx, email: QueueEmail): Promise<void> {
    const rendered = renderEmail({
      template: email.template,
      locale: email.locale,
      recipientName: email.toName,
      officeName: email.officeName,
      link: email.link,
      params: email.params,
    });
    await insertOutboxEmail(tx, {
      id: randomUUID(),
      officeId: email.officeId,
      toAddress: email.to,
      toName: email.toName,
      locale: email.locale,
      template: email.template,
      subject: rendered.subject,
      textBody: rendered.text,
      htmlBody: rendered.html,
      status: this.smtpEnabled ? 'pending' : 'stored',
    });
  }

  async list(actor: Actor, page: number, pageSize: number) {
    requireOfficeAction(actor, 'outbox.read');
    return this.db.inTenant({ officeId: actor.officeId, userId: actor.userId }, (tx) => findOutboxPage(tx, actor.officeId, page, pageSize));
  }

  async get(actor: Actor, id: string) {
    requireOfficeAction(actor, 'outbox.read');
    if (!/^[0-9a-f-]{36}$/i.test(id)) throw notFound();
    const email = await this.db.inTenant({ officeId: actor.officeId, userId: actor.userId }, (tx) => findOutboxEmail(tx, actor.officeId, id));
    if (!email) throw notFound();
    return email;
  }
}
