// Queues translated e-mails in the outbox (inside the caller's transaction) and lets office admins
// read it. An office with its own SMTP settings, or an instance with SMTP_URL, gets 'pending' rows
// that the delivery worker sends; otherwise the outbox is where mail is read ('stored').
import { randomUUID } from 'node:crypto';
import type { Locale } from '@bureau/common';
import type { Database, Tx } from '../../db/database.js';
import { AppError, notFound } from '../../http/app-error.js';
import type { Enqueue } from '../jobs/index.js';
import type { Actor } from '../identity/index.js';
import { policy } from '../policy/index.js';
import { officeHasMailSettings } from './mail-settings.repository.js';
import { presentOutboxEmail, presentOutboxItem } from './mail.presenter.js';
import { findOutboxEmail, findOutboxPage, insertOutboxEmail, requeueFailedEmail } from './mail.repository.js';
import { REDACTED, redactSecrets } from '../system/index.js';
import { ACCOUNT_TEMPLATES, renderEmail, type EmailItem, type EmailTemplate } from './mail.templates.js';
import { parseId } from '../../http/ids.js';

export type QueueEmail = {
  officeId: string;
  officeName: string;
  to: string;
  toName: string;
  locale: Locale;
  template: EmailTemplate;
  link?: string;
  params?: Record<string, string | number>;
  items?: EmailItem[];
  preferencesLink?: string;
  headers?: Record<string, string>;
  /** A reply address: sent as Reply-To, and the e-mail says that answering it replies in the conversation. */
  replyTo?: string;
  /** An e-mail queued twice with the same key (a repeated job) is written once. */
  dedupeKey?: string;
};

/**
 * What an admin may read of an e-mail: everything but the secrets of its addressee (links that let them in, codes). An
 * account e-mail written here before account mail left the offices' outboxes shows nothing but its subject line's kind.
 */
function redactEmail<T extends { template: string; subject: string; textBody: string; htmlBody: string }>(email: T): T {
  if (ACCOUNT_TEMPLATES.has(email.template))
    return { ...email, subject: REDACTED, textBody: REDACTED, htmlBody: REDACTED };
  return {
    ...email,
    subject: redactSubject(email),
    textBody: redactSecrets(email.textBody),
    htmlBody: redactSecrets(email.htmlBody),
  };
}

const redactSubject = (email: { template: string; subject: string }) =>
  ACCOUNT_TEMPLATES.has(email.template) ? REDACTED : redactSecrets(email.subject);

export class MailService {
  constructor(
    private readonly db: Database,
    private readonly smtpEnabled: boolean,
    private readonly enqueue: Enqueue,
  ) {}

  /** Whether the office's e-mail goes to an SMTP server (its own, or the instance's), not only to the in-app outbox. */
  private async canSend(tx: Tx, officeId: string): Promise<boolean> {
    return this.smtpEnabled || (await officeHasMailSettings(tx, officeId));
  }

  /** Writes the e-mail to the outbox and, when it is to be sent, its delivery job — both in `tx`. */
  async queue(tx: Tx, email: QueueEmail): Promise<string | undefined> {
    const rendered = renderEmail({
      template: email.template,
      locale: email.locale,
      recipientName: email.toName,
      officeName: email.officeName,
      link: email.link,
      params: email.params,
      items: email.items,
      preferencesLink: email.preferencesLink,
      canReply: !!email.replyTo,
    });
    const id = randomUUID();
    const send = await this.canSend(tx, email.officeId);
    const written = await insertOutboxEmail(tx, {
      id,
      officeId: email.officeId,
      toAddress: email.to,
      toName: email.toName,
      locale: email.locale,
      template: email.template,
      subject: rendered.subject,
      textBody: rendered.text,
      htmlBody: rendered.html,
      status: send ? 'pending' : 'stored',
      headers: email.replyTo ? { ...email.headers, 'Reply-To': email.replyTo } : email.headers,
      dedupeKey: email.dedupeKey,
    });
    if (!written) return undefined;
    if (send) await this.enqueue(tx, 'email', { officeId: email.officeId, emailId: id });
    return id;
  }

  /** An admin sends a failed e-mail again (after fixing the address or the SMTP settings). */
  async retry(actor: Actor, id: string): Promise<void> {
    policy.require(actor, 'outbox.read');
    parseId(id);
    await this.db.asActor(actor, async (tx) => {
      const email = await findOutboxEmail(tx, actor.officeId, id);
      if (!email) throw notFound();
      if (email.status !== 'failed' || !(await this.canSend(tx, actor.officeId)))
        throw new AppError('outbox.not_retryable');
      await requeueFailedEmail(tx, actor.officeId, id);
      await this.enqueue(tx, 'email', { officeId: actor.officeId, emailId: id });
    });
  }

  async list(actor: Actor, page: number, pageSize: number) {
    policy.require(actor, 'outbox.read');
    const result = await this.db.asActor(actor, (tx) => findOutboxPage(tx, actor.officeId, page, pageSize));
    // The list shows subjects only (its schema drops the bodies): no need to scan every body here.
    return {
      ...result,
      items: result.items.map((item) => presentOutboxItem({ ...item, subject: redactSubject(item) })),
    };
  }

  async get(actor: Actor, id: string) {
    policy.require(actor, 'outbox.read');
    parseId(id);
    const email = await this.db.asActor(actor, (tx) => findOutboxEmail(tx, actor.officeId, id));
    if (!email) throw notFound();
    return presentOutboxEmail(redactEmail(email));
  }
}
