// Hands one outbox e-mail to an SMTP server (nodemailer) — the 'email' job. Which server is decided
// per office at delivery time: the office's own settings when it has them, else the instance's
// SMTP_URL, else none (the e-mail goes back to the in-app outbox, 'stored'). A temporary failure
// throws, and the job queue retries with exponential back-off; a permanent refusal (or the last
// attempt) marks the e-mail failed, where office admins see the error and may send it again. A row is
// marked sent only after the SMTP server accepted it, so a crash can repeat an e-mail, never lose one.
import nodemailer, { type Transporter } from 'nodemailer';
import type { Database } from '../../db/database.js';
import type { SecretBox } from '../system/index.js';
import { findMailSettings, recordMailSettingsCheck, type MailSettingsRow } from './mail-settings.repository.js';
import type { OutboundGuard } from '../../net/outbound-guard.js';
import { lockEmail, markEmailFailed, markEmailSent, markEmailStored } from './mail.repository.js';
import {
  classifySmtpError,
  createSmtpTransport,
  DELIVERY_TIMEOUTS,
  isPermanentSmtpError,
  smtpErrorDetail,
  type SmtpTimeouts,
} from './smtp-transport.js';

export type EmailJob = { officeId: string; emailId: string };

export type DeliveryOptions = {
  /** The instance's SMTP server, for offices without their own. */
  smtpUrl?: string;
  /** The sender of e-mails through SMTP_URL (MAIL_FROM). */
  from: string;
  /** Extra certificate authorities (PEM) trusted for office SMTP servers. */
  ca?: string;
  timeouts?: SmtpTimeouts;
  /** Office servers are the offices' choice: they are reached through the outbound guard (SMTP_URL, the operator's, is not). */
  guard: OutboundGuard;
  /** How many connections SMTP_URL's pool may open (the e-mail workers of the process). */
  connections?: number;
};

/**
 * SMTP_URL's server as a pool: a connection per e-mail would pay the greeting, STARTTLS and the login
 * every time. Parameters the URL sets itself (`pool`, `maxConnections`) are kept.
 */
export function pooledSmtpUrl(smtpUrl: string, connections: number): string {
  const url = new URL(smtpUrl);
  if (!url.searchParams.has('pool')) url.searchParams.set('pool', 'true');
  if (!url.searchParams.has('maxConnections')) url.searchParams.set('maxConnections', String(connections));
  return url.toString();
}

type Route = { transport: Transporter; from: string | { name: string; address: string } };

export class MailDelivery {
  private readonly instance: Transporter | undefined;
  /** One pooled transport per office, with the settings version (updated_at) it was built from. */
  private readonly offices = new Map<string, { version: number; transport: Transporter }>();

  constructor(
    private readonly db: Database,
    private readonly secrets: SecretBox,
    private readonly options: DeliveryOptions,
  ) {
    this.instance = options.smtpUrl
      ? nodemailer.createTransport(pooledSmtpUrl(options.smtpUrl, options.connections ?? 4))
      : undefined;
  }

  /** SMTP_URL's pooled transport (account mail uses it too), if the instance has one. */
  get instanceTransport(): Transporter | undefined {
    return this.instance;
  }

  /**
   * Delivers one e-mail. `lastAttempt`: no retry follows this one. Returns what became of it; throws
   * (after recording the error) when a retry may help.
   */
  async deliver(
    { officeId, emailId }: EmailJob,
    lastAttempt: boolean,
  ): Promise<'sent' | 'failed' | 'stored' | 'skipped'> {
    let retry: Error | undefined;
    const outcome = await this.db.inTenant({ officeId }, async (tx) => {
      const email = await lockEmail(tx, officeId, emailId);
      // Sent meanwhile (a repeated job), or no longer waiting: nothing to do.
      if (!email || email.status !== 'pending') return 'skipped' as const;
      const settings = await findMailSettings(tx, officeId);
      let route: Route | undefined;
      try {
        route = this.route(officeId, settings);
      } catch (err) {
        // The password was sealed under another key: only new settings help.
        await markEmailFailed(tx, officeId, emailId, (err as Error).message, true);
        return 'failed' as const;
      }
      // Settings removed after the e-mail was queued, and no instance server: the in-app outbox keeps it.
      if (!route) {
        await markEmailStored(tx, officeId, emailId);
        return 'stored' as const;
      }
      try {
        await route.transport.sendMail({
          from: route.from,
          to: email.toName ? { name: email.toName, address: email.toAddress } : email.toAddress,
          subject: email.subject,
          text: email.textBody,
          html: email.htmlBody,
          headers: { 'Content-Language': email.locale, ...(email.headers ?? {}) },
        });
        await markEmailSent(tx, officeId, emailId);
        return 'sent' as const;
      } catch (err) {
        const permanent = isPermanentSmtpError(err);
        const final = lastAttempt || permanent;
        await markEmailFailed(tx, officeId, emailId, smtpErrorDetail(err), final);
        // A refused login or sender refuses every e-mail: the settings page shows why until fixed.
        if (
          settings &&
          permanent &&
          ['auth_failed', 'sender_refused', 'address_not_allowed'].includes(classifySmtpError(err))
        ) {
          await recordMailSettingsCheck(tx, officeId, { ok: false, error: smtpErrorDetail(err) });
        }
        if (!final) retry = err as Error;
        return 'failed' as const;
      }
    });
    if (retry) throw retry;
    return outcome;
  }

  /** The office's own server (its transport rebuilt when the settings changed), else the instance's. */
  private route(officeId: string, settings: MailSettingsRow | undefined): Route | undefined {
    const cached = this.offices.get(officeId);
    if (!settings) {
      if (cached) {
        cached.transport.close();
        this.offices.delete(officeId);
      }
      return this.instance && { transport: this.instance, from: this.options.from };
    }
    const version = settings.updatedAt.getTime();
    let transport = cached?.version === version ? cached.transport : undefined;
    if (!transport) {
      cached?.transport.close();
      const password = settings.username && settings.passwordSealed ? this.secrets.open(settings.passwordSealed) : null;
      transport = createSmtpTransport(
        {
          host: settings.host,
          port: settings.port,
          security: settings.security,
          username: settings.username,
          password,
        },
        {
          ca: this.options.ca,
          timeouts: this.options.timeouts ?? DELIVERY_TIMEOUTS,
          pool: true,
          guard: this.options.guard,
        },
      );
      this.offices.set(officeId, { version, transport });
    }
    return {
      transport,
      from: settings.fromName ? { name: settings.fromName, address: settings.fromAddress } : settings.fromAddress,
    };
  }

  close(): void {
    this.instance?.close();
    for (const { transport } of this.offices.values()) transport.close();
    this.offices.clear();
  }
}
