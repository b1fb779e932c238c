// SMSAPI (smsapi.pl / smsapi.com): POST {base}/sms.do with an OAuth token as a Bearer header and a
// form body; format=json answers {count, list: [{id, status, …}]} on success and {error, message} on a
// refusal. Delivery reports come back as a GET on notify_url with MsgId, status_name and our idx
// (several reports at once are comma-separated).
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

/** SMSAPI's own internal errors: another try later may pass. */
const RETRYABLE_CODES = new Set([201, 999]);

/** Final report names of SMSAPI's delivery statuses; the others (QUEUE, ACCEPTED, SENT…) say nothing final. */
const FAILED = new Set(['UNDELIVERED', 'FAILED', 'REJECTED', 'EXPIRED', 'NOT_FOUND', 'STOP']);
/** The same statuses as numbers, for reports that carry only `status`. */
const CODE_NAMES: Record<string, string> = {
  '401': 'NOT_FOUND',
  '402': 'EXPIRED',
  '403': 'SENT',
  '404': 'DELIVERED',
  '405': 'UNDELIVERED',
  '406': 'FAILED',
  '407': 'REJECTED',
  '412': 'STOP',
};

export class SmsapiProvider implements SmsProvider {
  readonly name = 'smsapi' as const;

  constructor(
    private readonly token: string,
    private readonly endpoint: ProviderEndpoint,
  ) {}

  async send(sms: OutgoingSms): Promise<SentSms> {
    const form = {
      // SMSAPI takes the number with its country code and without the plus.
      to: sms.to.replace(/^\+/, ''),
      message: sms.body,
      from: sms.from,
      format: 'json',
      encoding: 'utf-8',
      notify_url: sms.statusUrl,
      idx: sms.id,
    };
    const answer = await postForm(this.endpoint, `${this.endpoint.baseUrl.replace(/\/$/, '')}/sms.do`, form, {
      authorization: `Bearer ${this.token}`,
    });
    const json = answer.json;
    if (json && typeof json.error === 'number') {
      const message = `SMSAPI error ${json.error}: ${String(json.message ?? '')}`.trim();
      throw new SmsProviderError(message, RETRYABLE_CODES.has(json.error) || retryableStatus(answer.status));
    }
    if (answer.status < 200 || answer.status >= 300 || !json) {
      throw new SmsProviderError(
        `SMSAPI answered HTTP ${answer.status}${answer.text ? `: ${answer.text.slice(0, 200)}` : ''}`,
        retryableStatus(answer.status) || !json,
      );
    }
    const item = Array.isArray(json.list)
      ? (json.list[0] as { id?: unknown; error?: unknown; status?: unknown } | undefined)
      : undefined;
    if (!item || typeof item.id !== 'string') throw new SmsProviderError('SMSAPI answered without a message id', false);
    if (item.error)
      throw new SmsProviderError(`SMSAPI error ${String(item.error)} (${String(item.status ?? '')})`, false);
    return { providerMessageId: item.id };
  }
}

/** The reports of one SMSAPI callback (its query parameters). */
export function parseSmsapiReports(params: Record<string, string | undefined>): DeliveryReport[] {
  const split = (value: string | undefined) => (value ?? '').split(',');
  const ids = split(params.MsgId);
  const names = split(params.status_name);
  const codes = split(params.status);
  return ids.flatMap((id, i): DeliveryReport[] => {
    if (!id) return [];
    const name = (names[i] || CODE_NAMES[codes[i] ?? ''] || '').toUpperCase();
    if (name === 'DELIVERED') return [{ providerMessageId: id, status: 'delivered' }];
    if (FAILED.has(name)) return [{ providerMessageId: id, status: 'failed', error: `SMSAPI: ${name}` }];
    return [{ providerMessageId: id, status: 'sent' }];
  });
}
