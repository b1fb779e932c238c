// What Bureau needs from an SMS provider: send one text to one E.164 number, and read the delivery
// reports it calls back with. Each adapter speaks its provider's documented HTTP API under a timeout,
// against the provider's own address unless the operator set another (SMS_SMSAPI_URL, SMS_TWILIO_URL:
// a regional endpoint, a proxy, a test server) — never one an office chooses — and through the
// outbound guard, so that even the operator's address reaches no private network unless allowed.
import { OutboundBlockedError, type OutboundGuard } from '../../net/outbound-guard.js';

export type SmsProviderName = 'smsapi' | 'twilio';

export type OutgoingSms = {
  /** Our row id: SMSAPI echoes it back in delivery reports as `idx`. */
  id: string;
  to: string;
  body: string;
  from: string;
  /** Where the provider reports delivery (a public URL of this portal). */
  statusUrl: string;
};

export type SentSms = { providerMessageId: string };

/** A delivery report, mapped to our statuses; `sent` reports change nothing already final. */
export type DeliveryReport = { providerMessageId: string; status: 'sent' | 'delivered' | 'failed'; error?: string };

export interface SmsProvider {
  readonly name: SmsProviderName;
  send(sms: OutgoingSms): Promise<SentSms>;
}

/**
 * A provider's refusal or a failure to reach it. `retryable`: a timeout, a 5xx or a 429 may pass later;
 * anything else (a refused number, bad credentials, no credit) waits for a person to fix it.
 */
export class SmsProviderError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
  ) {
    super(message);
  }
}

export const DEFAULT_TIMEOUT_MS = 10_000;

/** Where a provider adapter sends, and how. */
export type ProviderEndpoint = { baseUrl: string; guard: OutboundGuard; timeoutMs?: number };

/** The SMS log's error for a provider address the guard refused (translated by the web app, like the refusals). */
export const ADDRESS_NOT_ALLOWED = 'address_not_allowed';

/**
 * POSTs a form and reads the JSON answer (no redirect followed); network failures and timeouts become
 * retryable errors, a refused address a final one that says only that (nothing of what is behind it).
 */
export async function postForm(
  endpoint: ProviderEndpoint,
  url: string,
  form: Record<string, string>,
  headers: Record<string, string>,
) {
  const timeoutMs = endpoint.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  let response: { status: number; text: string };
  try {
    response = await endpoint.guard.request(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json', ...headers },
      body: new URLSearchParams(form).toString(),
      timeoutMs,
    });
  } catch (error) {
    if (error instanceof OutboundBlockedError) throw new SmsProviderError(ADDRESS_NOT_ALLOWED, false);
    if ((error as Error).name === 'TimeoutError')
      throw new SmsProviderError(`no answer within ${Math.round(timeoutMs / 1000)} s`, true);
    throw new SmsProviderError(`cannot reach the provider: ${(error as Error).message}`, true);
  }
  const text = response.text;
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: response.status, json: json as Record<string, unknown> | undefined, text };
}

/** Whether an HTTP status is worth another try later. */
export const retryableStatus = (status: number) => status === 429 || status === 408 || status >= 500;
