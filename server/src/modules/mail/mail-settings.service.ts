// The office's own SMTP sender: office admins set it, remove it (back to the instance's SMTP_URL, or
// the in-app outbox) and send a test message through it. The password is write-only: sealed at rest
// with the instance key, never answered, and kept when a save leaves it out — but only for the same
// server, so that nobody can send the saved password to a host of their choice.
import { isValidEmail, normalizeEmail } from '@bureau/common/validation';
import type { Database } from '../../db/database.js';
import { AppError, invalid, type FieldError } from '../../http/app-error.js';
import { audit } from '../audit/index.js';
import type { Actor } from '../identity/index.js';
import { officeRecords } from '../tenancy/index.js';
import type { OutboundGuard } from '../../net/outbound-guard.js';
import type { SecretBox } from '../system/index.js';
import { policy } from '../policy/index.js';
import {
  deleteMailSettings,
  findMailSettings,
  recordMailSettingsCheck,
  upsertMailSettings,
  type MailSettingsRow,
} from './mail-settings.repository.js';
import { renderEmail } from './mail.templates.js';
import {
  classifySmtpError,
  createSmtpTransport,
  smtpErrorDetail,
  type SmtpSecurity,
  type SmtpServer,
} from './smtp-transport.js';
import { presentMailSettings } from './mail-settings.presenter.js';

export type MailSettingsInput = {
  host: string;
  port: number;
  security: SmtpSecurity;
  username?: string | null;
  /** Left out: keep the saved one (same host only). */
  password?: string;
  fromAddress: string;
  fromName?: string | null;
};

export type MailSettingsOptions = {
  /** Whether the instance has SMTP_URL: where e-mail goes without the office's own settings. */
  instanceSmtp: boolean;
  /** Extra certificate authorities (PEM) trusted for SMTP servers (SMTP_CA_FILE). */
  ca?: string;
  /** How long the settings page's test may take in all (someone is waiting for the answer). */
  testTimeoutMs?: number;
  /** The office chooses the host: connections go through the outbound guard. */
  guard: OutboundGuard;
};

// A host name (letters of any script for IDN), an IPv4 address or a bracket-less IPv6 address.
const HOST_LABEL = /^[\p{L}\p{Nd}](?:[\p{L}\p{M}\p{Nd}-]{0,61}[\p{L}\p{M}\p{Nd}])?$/u;
const IPV4 = /^(?:(?:25[0-5]|2[0-4]\d|1?\d?\d)\.){3}(?:25[0-5]|2[0-4]\d|1?\d?\d)$/;
const IPV6 = /^[0-9a-f:.]+$/i;

export function isValidSmtpHost(host: string): boolean {
  if (host.length === 0 || host.length > 253) return false;
  if (IPV4.test(host)) return true;
  if (host.includes(':')) return IPV6.test(host) && host.split(':').length >= 3;
  return host.split('.').every((label) => HOST_LABEL.test(label));
}

// Header-breaking characters: a From name is a header, never two.
const CONTROL = /[\u0000-\u001f\u007f]/;

type Normalized = {
  host: string;
  port: number;
  security: SmtpSecurity;
  username: string | null;
  fromAddress: string;
  fromName: string | null;
};

function normalize(input: MailSettingsInput, prefix = ''): Normalized {
  const host = input.host.trim().toLowerCase();
  const fromAddress = normalizeEmail(input.fromAddress);
  const username = input.username?.trim() || null;
  const fromName = input.fromName?.trim() || null;
  const fields: Record<string, FieldError> = {};
  if (!isValidSmtpHost(host)) fields[`${prefix}host`] = { code: 'host_invalid' };
  if (!isValidEmail(fromAddress)) fields[`${prefix}fromAddress`] = { code: 'email_invalid' };
  if (fromName && CONTROL.test(fromName)) fields[`${prefix}fromName`] = { code: 'invalid' };
  if (username && CONTROL.test(username)) fields[`${prefix}username`] = { code: 'invalid' };
  if (Object.keys(fields).length > 0) throw invalid(fields);
  return { host, port: input.port, security: input.security, username, fromAddress, fromName };
}

/** The audit's view of the settings: never the password, not even sealed. */
const audited = (row: MailSettingsRow | undefined) => {
  if (!row) return null;
  const { verifiedAt: _v, lastError: _l, updatedAt: _u, ...rest } = presentMailSettings(row);
  return rest;
};

const sameServer = (
  a: Pick<Normalized, 'host' | 'port' | 'security' | 'username'>,
  b: Pick<Normalized, 'host' | 'port' | 'security' | 'username'>,
) => a.host === b.host && a.port === b.port && a.security === b.security && a.username === b.username;

export class MailSettingsService {
  private readonly testTimeoutMs: number;

  constructor(
    private readonly db: Database,
    private readonly secrets: SecretBox,
    private readonly options: MailSettingsOptions,
  ) {
    this.testTimeoutMs = options.testTimeoutMs ?? 20_000;
  }

  async get(actor: Actor) {
    policy.require(actor, 'office.manage');
    const row = await this.db.asActor(actor, (tx) => findMailSettings(tx, actor.officeId));
    return { settings: row ? presentMailSettings(row) : null, instanceSmtp: this.options.instanceSmtp };
  }

  async save(actor: Actor, input: MailSettingsInput) {
    policy.require(actor, 'office.manage');
    const values = normalize(input);
    return this.db.asActor(actor, async (tx) => {
      const before = await findMailSettings(tx, actor.officeId);
      const passwordSealed = this.passwordFor(values, input.password, before);
      const changed =
        !before ||
        !sameServer(values, before) ||
        input.password !== undefined ||
        values.fromAddress !== before.fromAddress;
      const row = await upsertMailSettings(tx, actor.officeId, { ...values, passwordSealed }, changed);
      const after = audited(row);
      await audit(tx, actor, {
        action: 'office.mail_settings_updated',
        objectType: 'office',
        objectId: actor.officeId,
        before: audited(before),
        after: { ...after, ...(input.password !== undefined && { passwordChanged: true }) },
      });
      return presentMailSettings(row);
    });
  }

  /** The sealed password to save: a new one, the saved one (same server), none without a user — or a field error. */
  private passwordFor(
    values: Normalized,
    password: string | undefined,
    before: MailSettingsRow | undefined,
  ): string | null {
    if (!values.username) return null;
    if (password !== undefined) return this.secrets.seal(password);
    if (before?.passwordSealed && before.host === values.host) return before.passwordSealed;
    throw invalid({ password: { code: before?.passwordSealed ? 'password_reenter' : 'required' } });
  }

  async remove(actor: Actor): Promise<void> {
    policy.require(actor, 'office.manage');
    await this.db.asActor(actor, async (tx) => {
      const removed = await deleteMailSettings(tx, actor.officeId);
      if (!removed) return;
      await audit(tx, actor, {
        action: 'office.mail_settings_removed',
        objectType: 'office',
        objectId: actor.officeId,
        before: audited(removed),
        after: null,
      });
    });
  }

  /**
   * Sends a translated test message to `to` through the given settings (or the saved ones), and waits
   * for the server's answer. A test of the saved settings records its outcome on them (verifiedAt or
   * lastError); a failure answers `mailSettings.<failure>` with the server's own words.
   */
  async test(actor: Actor, input: { to: string; settings?: MailSettingsInput }) {
    policy.require(actor, 'office.manage');
    const to = normalizeEmail(input.to);
    if (!isValidEmail(to)) throw invalid({ to: { code: 'email_invalid' } });
    const values = input.settings ? normalize(input.settings, 'settings.') : undefined;
    const { saved, officeName } = await this.db.asActor(actor, async (tx) => ({
      saved: await findMailSettings(tx, actor.officeId),
      officeName: (await officeRecords.findOffice(tx, actor.officeId))!.name,
    }));
    const settings = values ?? saved;
    if (!settings) throw new AppError('mailSettings.not_configured');
    let password: string | null = null;
    if (settings.username) {
      if (input.settings?.password !== undefined) password = input.settings.password;
      else if (saved?.passwordSealed && saved.host === settings.host)
        password = this.secrets.open(saved.passwordSealed);
      else throw invalid({ 'settings.password': { code: saved?.passwordSealed ? 'password_reenter' : 'required' } });
    }
    // Only a test of exactly what is saved says something about the saved settings.
    const ofSaved =
      !!saved &&
      (!values ||
        (sameServer(values, saved) &&
          values.fromAddress === saved.fromAddress &&
          input.settings?.password === undefined));
    const server: SmtpServer = {
      host: settings.host,
      port: settings.port,
      security: settings.security,
      username: settings.username,
      password,
    };
    const rendered = renderEmail({
      template: 'smtp_test',
      locale: actor.locale,
      recipientName: actor.name,
      officeName,
      params: { host: settings.host },
    });

    const failure = await this.send(server, {
      from: { name: settings.fromName ?? officeName, address: settings.fromAddress },
      to,
      subject: rendered.subject,
      text: rendered.text,
      html: rendered.html,
      headers: { 'Content-Language': actor.locale },
    });
    if (ofSaved) {
      await this.db.asActor(actor, (tx) =>
        recordMailSettingsCheck(tx, actor.officeId, failure ? { ok: false, error: failure.detail } : { ok: true }),
      );
    }
    if (failure)
      throw new AppError(`mailSettings.${failure.kind}`, { params: { host: settings.host, detail: failure.detail } });
    return { to };
  }

  /** One message over a transport of its own, within the test's time; undefined when the server took it. */
  private async send(server: SmtpServer, message: Parameters<ReturnType<typeof createSmtpTransport>['sendMail']>[0]) {
    const step = this.testTimeoutMs;
    const transport = createSmtpTransport(server, {
      ca: this.options.ca,
      guard: this.options.guard,
      timeouts: { connectionMs: step / 2, greetingMs: step / 2, socketMs: step },
    });
    let timer: NodeJS.Timeout | undefined;
    try {
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(
          () =>
            reject(Object.assign(new Error(`no answer within ${Math.round(step / 1000)} s`), { code: 'ETIMEDOUT' })),
          step,
        );
      });
      await Promise.race([transport.sendMail(message), timeout]);
      return undefined;
    } catch (err) {
      return { kind: classifySmtpError(err), detail: smtpErrorDetail(err) };
    } finally {
      clearTimeout(timer);
      transport.close();
    }
  }
}
