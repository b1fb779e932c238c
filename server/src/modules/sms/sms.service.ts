// SMS: the office's provider account (SMSAPI or Twilio), queueing SMS in the caller's transaction
// with the guards against SMS pumping (E.164 numbers that can take a text, a daily cap per office, an
// hourly limit per number), the SMS log, and the providers' delivery reports. A refused SMS is kept
// in the log with its reason; an accepted one becomes an 'sms' job (SmsDelivery sends it).
import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import { isLocale, type Locale } from '@bureau/common';
import type { Database, Tx } from '../../db/database.js';
import { AppError, invalid, notFound, type FieldError } from '../../http/app-error.js';
import { audit } from '../audit/index.js';
import type { Actor } from '../identity/index.js';
import { officeRecords } from '../tenancy/index.js';
import type { JobQueue } from '../jobs/index.js';
import type { SecretBox } from '../system/index.js';
import { policy } from '../policy/index.js';
import { checkMobileNumber } from './sms.numbers.js';
import type { DeliveryReport, SmsProviderName } from './sms.provider.js';
import {
  applyDeliveryReport,
  countSmsSince,
  findSms,
  findSmsByDedupeKey,
  findSmsPage,
  findSmsSettings,
  insertSms,
  lockSmsQueue,
  requeueFailedSms,
  upsertSmsSettings,
  type SmsRow,
  type SmsSettingsRow,
  type SmsStatus,
} from './sms.repository.js';
import { testSmsText } from './sms.text.js';
import { parseSmsapiReports } from './smsapi.provider.js';
import { parseTwilioReport, verifyTwilioSignature } from './twilio.provider.js';
import { parseId } from '../../http/ids.js';
import { presentSettings, presentSms } from './sms.presenter.js';

export type SmsJob = { officeId: string; smsId: string };

/** Why an SMS was not sent; stored in the log's error column and translated by the web app. */
export type SmsRefusal = 'phone_invalid' | 'phone_not_mobile' | 'daily_cap' | 'number_hourly';

export type QueueSms = {
  officeId: string;
  /** The person it is for, when it is for one. */
  userId?: string;
  /** As typed or stored; normalized to E.164 with the office's country as the default. */
  to: string;
  body: string;
  /** An SMS queued twice with the same key (a repeated job) is written, and sent, once. */
  dedupeKey?: string;
};

export type SmsSettingsInput = {
  provider: SmsProviderName;
  accountId?: string | null;
  /** Write-only: absent keeps the stored one. */
  token?: string;
  senderName: string;
  dailyCap: number;
  perNumberHourly: number;
  enabled: boolean;
};

const HOUR = 3_600_000;
/** An alphanumeric sender (11 characters at most, as operators allow) or a phone number. */
const SENDER = /^(?:[A-Za-z0-9][A-Za-z0-9 .&-]{0,10}|\+?[0-9]{3,15})$/;

/** The part of the SMSAPI report URL that proves a report comes from the office's provider. */
export function smsapiCallbackToken(providerToken: string, officeId: string): string {
  return createHmac('sha256', providerToken).update(`bureau.sms.status:${officeId}`).digest('base64url').slice(0, 32);
}

/** Where the office's provider reports delivery. */
export function statusCallbackUrl(
  publicUrl: string,
  settings: Pick<SmsSettingsRow, 'officeId' | 'provider'>,
  providerToken: string,
): string {
  if (settings.provider === 'twilio') return `${publicUrl}/api/sms/status/twilio/${settings.officeId}`;
  return `${publicUrl}/api/sms/status/smsapi/${settings.officeId}/${smsapiCallbackToken(providerToken, settings.officeId)}`;
}

export class SmsService {
  constructor(
    private readonly db: Database,
    private readonly secrets: SecretBox,
    private readonly jobs: Pick<JobQueue, 'enqueue' | 'nudge'>,
  ) {}

  /**
   * Writes the SMS to the log and, when it passes the guards, its delivery job — both in `tx`.
   * Undefined when the office has no SMS provider or switched SMS off (nothing is logged then).
   */
  async queue(tx: Tx, sms: QueueSms): Promise<SmsRow | undefined> {
    const { officeId } = sms;
    const settings = await findSmsSettings(tx, officeId);
    if (!settings?.enabled) return undefined;
    await lockSmsQueue(tx, officeId);
    if (sms.dedupeKey) {
      const existing = await findSmsByDedupeKey(tx, officeId, sms.dedupeKey);
      if (existing) return existing;
    }
    const office = await officeRecords.findOffice(tx, officeId);
    const number = checkMobileNumber(sms.to, office?.country ?? 'PL');
    const toNumber = 'e164' in number ? number.e164 : sms.to.trim().slice(0, 40);
    let refusal: SmsRefusal | undefined = number.ok ? undefined : number.reason;
    if (!refusal && (await countSmsSince(tx, officeId, new Date(Date.now() - 24 * HOUR))) >= settings.dailyCap)
      refusal = 'daily_cap';
    if (
      !refusal &&
      (await countSmsSince(tx, officeId, new Date(Date.now() - HOUR), toNumber)) >= settings.perNumberHourly
    )
      refusal = 'number_hourly';
    const row = {
      id: randomUUID(),
      officeId,
      userId: sms.userId ?? null,
      toNumber,
      body: sms.body,
      provider: settings.provider,
      status: (refusal ? 'refused' : 'pending') as SmsStatus,
      error: refusal ?? null,
      dedupeKey: sms.dedupeKey ?? null,
      statusAt: refusal ? new Date() : null,
    };
    await insertSms(tx, row);
    if (!refusal) await this.jobs.enqueue(tx, 'sms', { officeId, smsId: row.id } satisfies SmsJob);
    return (await findSms(tx, officeId, row.id))!;
  }

  /** After a transaction that queued SMS committed: this process's workers send them now. */
  committed(): void {
    this.jobs.nudge('sms');
  }

  async settings(actor: Actor) {
    policy.require(actor, 'sms.manage');
    return presentSettings(await this.db.asActor(actor, (tx) => findSmsSettings(tx, actor.officeId)));
  }

  async updateSettings(actor: Actor, input: SmsSettingsInput) {
    policy.require(actor, 'sms.manage');
    const senderName = input.senderName.trim();
    const accountId = input.accountId?.trim() || null;
    const token = input.token?.trim() || undefined;
    return this.db.asActor(actor, async (tx) => {
      const before = await findSmsSettings(tx, actor.officeId);
      const errors: Record<string, FieldError> = {};
      if (!SENDER.test(senderName)) errors.senderName = { code: 'sms_sender_invalid' };
      if (input.provider === 'twilio' && !accountId) errors.accountId = { code: 'required' };
      // A token belongs to one provider's account: another provider needs its own.
      if (!token && (!before || before.provider !== input.provider)) errors.token = { code: 'required' };
      if (Object.keys(errors).length > 0) throw invalid(errors);
      await upsertSmsSettings(tx, {
        officeId: actor.officeId,
        provider: input.provider,
        accountId: input.provider === 'twilio' ? accountId : null,
        tokenSealed: token ? this.secrets.seal(token) : before!.tokenSealed,
        senderName,
        // The provider's address is the operator's (SMS_SMSAPI_URL, SMS_TWILIO_URL), no longer the office's:
        // an address saved before is cleared with the next save, and never used.
        baseUrl: null,
        dailyCap: input.dailyCap,
        perNumberHourly: input.perNumberHourly,
        enabled: input.enabled,
      });
      const shown = (row: SmsSettingsRow | undefined) => {
        const { tokenSet: _tokenSet, updatedAt: _updatedAt, configured: _configured, ...rest } = presentSettings(row);
        return row ? rest : {};
      };
      const after = await findSmsSettings(tx, actor.officeId);
      await audit(tx, actor, {
        action: 'sms.settings_updated',
        objectType: 'office',
        objectId: actor.officeId,
        before: shown(before),
        // Never the token itself: only that it was replaced.
        after: { ...shown(after), ...(token && { tokenReplaced: true }) },
      });
      return presentSettings(after);
    });
  }

  /** An admin checks the settings: a translated test SMS, through the same guards and the same job. */
  async sendTest(actor: Actor, to: string) {
    policy.require(actor, 'sms.manage');
    const row = await this.db.asActor(actor, async (tx) => {
      const settings = await findSmsSettings(tx, actor.officeId);
      if (!settings) throw new AppError('sms.not_configured');
      if (!settings.enabled) throw new AppError('sms.disabled');
      const office = await officeRecords.findOffice(tx, actor.officeId);
      const locale: Locale = isLocale(actor.locale) ? actor.locale : 'en';
      return (await this.queue(tx, { officeId: actor.officeId, to, body: testSmsText(locale, office!.name) }))!;
    });
    this.committed();
    // The refusal stays in the log (committed above); the admin is told why.
    if (row.status === 'refused') {
      const reason = row.error as SmsRefusal;
      if (reason === 'daily_cap') throw new AppError('sms.daily_cap_reached');
      if (reason === 'number_hourly') throw new AppError('sms.number_rate_limited');
      throw invalid({ to: { code: reason } });
    }
    return presentSms(row);
  }

  /** An admin sends a failed SMS again (after fixing the settings, or once the provider is back). */
  async retry(actor: Actor, id: string): Promise<void> {
    policy.require(actor, 'sms.manage');
    parseId(id);
    await this.db.asActor(actor, async (tx) => {
      const sms = await findSms(tx, actor.officeId, id);
      if (!sms) throw notFound();
      const settings = await findSmsSettings(tx, actor.officeId);
      if (!settings) throw new AppError('sms.not_configured');
      if (!settings.enabled) throw new AppError('sms.disabled');
      // A resend is one more SMS: the office's guards against pumping hold for it too.
      await lockSmsQueue(tx, actor.officeId);
      if ((await countSmsSince(tx, actor.officeId, new Date(Date.now() - 24 * HOUR))) >= settings.dailyCap)
        throw new AppError('sms.daily_cap_reached');
      if (
        (await countSmsSince(tx, actor.officeId, new Date(Date.now() - HOUR), sms.toNumber)) >= settings.perNumberHourly
      )
        throw new AppError('sms.number_rate_limited');
      if (!(await requeueFailedSms(tx, actor.officeId, id))) throw new AppError('sms.not_retryable');
      await audit(tx, actor, { action: 'sms.resent', objectType: 'sms', objectId: id, after: { to: sms.toNumber } });
      await this.jobs.enqueue(tx, 'sms', { officeId: actor.officeId, smsId: id } satisfies SmsJob);
    });
    this.committed();
  }

  async list(actor: Actor, page: number, pageSize: number, statuses?: SmsStatus[]) {
    policy.require(actor, 'sms.manage');
    const result = await this.db.asActor(actor, (tx) => findSmsPage(tx, actor.officeId, statuses, page, pageSize));
    return { items: result.items.map(presentSms), total: result.total, page, pageSize };
  }

  // --- delivery reports (public routes: the provider proves who it is) ------------------------------

  /** A Twilio status callback, signed with the office's Auth Token over the URL Twilio called. */
  async twilioReport(
    officeId: string,
    url: string,
    params: Record<string, string>,
    signature: string | undefined,
  ): Promise<void> {
    await this.report(
      officeId,
      'twilio',
      (token) => verifyTwilioSignature(token, url, params, signature),
      () => {
        const report = parseTwilioReport(params);
        return report ? [report] : [];
      },
    );
  }

  /** An SMSAPI delivery report, on the URL whose last part only the office's token can make. */
  async smsapiReport(
    officeId: string,
    callbackToken: string,
    params: Record<string, string | undefined>,
  ): Promise<void> {
    await this.report(
      officeId,
      'smsapi',
      (token) => safeEqual(smsapiCallbackToken(token, officeId), callbackToken),
      () => parseSmsapiReports(params),
    );
  }

  private async report(
    officeId: string,
    provider: SmsProviderName,
    verify: (providerToken: string) => boolean,
    reports: () => DeliveryReport[],
  ) {
    parseId(officeId);
    await this.db.inTenant({ officeId }, async (tx) => {
      const settings = await findSmsSettings(tx, officeId);
      if (!settings || settings.provider !== provider) throw notFound();
      let token: string;
      try {
        token = this.secrets.open(settings.tokenSealed);
      } catch {
        // Not the provider's fault nor a forgery: the instance key changed and the token must be entered again.
        throw new AppError('sms.token_unreadable');
      }
      if (!verify(token)) throw new AppError('sms.callback_invalid');
      for (const report of reports()) {
        if (report.status !== 'sent')
          await applyDeliveryReport(tx, officeId, report.providerMessageId, report.status, report.error);
      }
    });
  }
}

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
