// Hands one SMS of the log to the office's provider — the 'sms' job. The row is locked while it is
// sent, and only a 'pending' row is sent: a repeated job, or a second worker, finds it sent and does
// nothing. A timeout, a 5xx or a 429 records the error and throws, and the queue retries with back-off;
// a refusal (a bad number, bad credentials, no credit) or the last attempt marks it failed, with the
// provider's words, for the admins to read in the SMS log.
import type { Database } from '../../db/database.js';
import type { OutboundGuard } from '../../net/outbound-guard.js';
import type { SecretBox } from '../system/index.js';
import { DEFAULT_TIMEOUT_MS, SmsProviderError, type SmsProvider } from './sms.provider.js';
import { findSmsSettings, lockSms, markSmsFailed, markSmsSent, type SmsSettingsRow } from './sms.repository.js';
import { statusCallbackUrl, type SmsJob } from './sms.service.js';
import { SmsapiProvider } from './smsapi.provider.js';
import { TwilioProvider } from './twilio.provider.js';

export type SmsDeliveryOptions = {
  /** The portal's public address, for the providers' delivery reports. */
  publicUrl: string;
  /** The providers' API addresses (the operator's config; an office's own stored base URL is not used). */
  urls: { smsapiUrl: string; twilioUrl: string };
  guard: OutboundGuard;
  timeoutMs?: number;
};

export function providerFor(settings: SmsSettingsRow, token: string, options: SmsDeliveryOptions): SmsProvider {
  const { guard, timeoutMs = DEFAULT_TIMEOUT_MS } = options;
  if (settings.provider === 'twilio')
    return new TwilioProvider(settings.accountId ?? '', token, { baseUrl: options.urls.twilioUrl, guard, timeoutMs });
  return new SmsapiProvider(token, { baseUrl: options.urls.smsapiUrl, guard, timeoutMs });
}

export class SmsDelivery {
  constructor(
    private readonly db: Database,
    private readonly secrets: SecretBox,
    private readonly options: SmsDeliveryOptions,
  ) {}

  /**
   * Sends one SMS. `lastAttempt`: no retry follows this one. Returns what became of it; throws (after
   * recording the error) when a retry may help.
   */
  async deliver({ officeId, smsId }: SmsJob, lastAttempt: boolean): Promise<'sent' | 'failed' | 'skipped'> {
    let retry: Error | undefined;
    const outcome = await this.db.inTenant({ officeId }, async (tx) => {
      const sms = await lockSms(tx, officeId, smsId);
      if (!sms || sms.status !== 'pending') return 'skipped' as const;
      const settings = await findSmsSettings(tx, officeId);
      if (!settings?.enabled) {
        await markSmsFailed(
          tx,
          officeId,
          smsId,
          settings ? 'SMS are switched off in the office settings' : 'no SMS provider is set up',
          true,
        );
        return 'failed' as const;
      }
      let token: string;
      try {
        token = this.secrets.open(settings.tokenSealed);
      } catch {
        await markSmsFailed(
          tx,
          officeId,
          smsId,
          'the stored provider token cannot be read (the instance key changed): enter it again',
          true,
        );
        return 'failed' as const;
      }
      try {
        const sent = await providerFor(settings, token, this.options).send({
          id: sms.id,
          to: sms.toNumber,
          body: sms.body,
          from: settings.senderName,
          statusUrl: statusCallbackUrl(this.options.publicUrl, settings, token),
        });
        await markSmsSent(tx, officeId, smsId, settings.provider, sent.providerMessageId);
        return 'sent' as const;
      } catch (error) {
        const final = lastAttempt || !(error instanceof SmsProviderError && error.retryable);
        await markSmsFailed(tx, officeId, smsId, (error as Error).message, final);
        if (!final) retry = error as Error;
        return 'failed' as const;
      }
    });
    if (retry) throw retry;
    return outcome;
  }
}
