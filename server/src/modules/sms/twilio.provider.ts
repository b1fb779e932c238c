// Twilio Programmable Messaging: POST {base}/2010-04-01/Accounts/{AccountSid}/Messages.json with HTTP
// Basic authentication (Account SID, Auth Token) and a form body (To, From, Body, StatusCallback);
// 201 answers the Message resource ({sid, status, …}), errors answer {code, message, more_info, status}.
// Status callbacks are form POSTs signed in X-Twilio-Signature.
import { createHmac, timingSafeEqual } from 'node:crypto';
import {
  postForm,
  type ProviderEndpoint,
  retryableStatus,
  SmsProviderError,
  type DeliveryReport,
  type OutgoingSms,
  type SentSms,
  type SmsProvider,
} from './sms.provider.js';

export class TwilioProvider implements SmsProvider {
  readonly name = 'twilio' as const;

  constructor(
    private readonly accountSid: string,
    private readonly authToken: string,
    private readonly endpoint: ProviderEndpoint,
  ) {}

  async send(sms: OutgoingSms): Promise<SentSms> {
    const url = `${this.endpoint.baseUrl.replace(/\/$/, '')}/2010-04-01/Accounts/${encodeURIComponent(this.accountSid)}/Messages.json`;
    const basic = Buffer.from(`${this.accountSid}:${this.authToken}`).toString('base64');
    const form = { To: sms.to, From: sms.from, Body: sms.body, StatusCallback: sms.statusUrl };
    const answer = await postForm(this.endpoint, url, form, { authorization: `Basic ${basic}` });
    const json = answer.json;
    if (answer.status < 200 || answer.status >= 300) {
      const detail =
        json && json.message
          ? `Twilio error ${String(json.code ?? answer.status)}: ${String(json.message)}`
          : `Twilio answered HTTP ${answer.status}`;
      throw new SmsProviderError(detail, retryableStatus(answer.status));
    }
    if (!json || typeof json.sid !== 'string')
      throw new SmsProviderError('Twilio answered without a message SID', false);
    if (json.status === 'failed' || json.status === 'undelivered') {
      throw new SmsProviderError(
        `Twilio error ${String(json.error_code ?? '')}: ${String(json.error_message ?? json.status)}`,
        false,
      );
    }
    return { providerMessageId: json.sid };
  }
}

/**
 * Twilio's request signature: HMAC-SHA1, keyed with the Auth Token, of the full URL Twilio called
 * followed by every POST parameter's name and value, sorted by name; base64.
 */
export function twilioSignature(authToken: string, url: string, params: Record<string, string>): string {
  const data = Object.keys(params)
    .sort()
    .reduce((acc, key) => acc + key + params[key], url);
  return createHmac('sha1', authToken).update(data, 'utf8').digest('base64');
}

export function verifyTwilioSignature(
  authToken: string,
  url: string,
  params: Record<string, string>,
  signature: string | undefined,
): boolean {
  if (!signature) return false;
  const expected = Buffer.from(twilioSignature(authToken, url, params));
  const sent = Buffer.from(signature);
  return expected.length === sent.length && timingSafeEqual(expected, sent);
}

/** A status callback's report: only delivered, undelivered and failed are final. */
export function parseTwilioReport(params: Record<string, string | undefined>): DeliveryReport | undefined {
  const id = params.MessageSid ?? params.SmsSid;
  const status = params.MessageStatus ?? params.SmsStatus;
  if (!id || !status) return undefined;
  if (status === 'delivered') return { providerMessageId: id, status: 'delivered' };
  if (status === 'undelivered' || status === 'failed') {
    return {
      providerMessageId: id,
      status: 'failed',
      error: `Twilio: ${status}${params.ErrorCode ? ` (error ${params.ErrorCode})` : ''}`,
    };
  }
  return { providerMessageId: id, status: 'sent' };
}
