// What Bureau needs from an SMS provider: send one text to one E.164 number, and read the delivery
// reports it calls back with. Each adapter speaks its provider's documented HTTP API with fetch, under
// a timeout, against a base URL an office may change (a regional endpoint, a proxy, a test server).

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

/** POSTs a form and reads the JSON answer; network failures and timeouts become retryable errors. */
export async function postForm(url: string, form: Record<string, string>, headers: Record<string, string>, timeoutMs: number) {
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json', ...headers },
      body: new URLSearchParams(form).toString(),
      signal: AbortSignal.timeout(timeoutMs),
      redirect: 'error',
    });
  } catch (error) {
    const name = (error as Error).name;
    if (name === 'TimeoutError' || name === 'AbortError') throw new SmsProviderError(`no answer within ${Math.round(timeoutMs / 1000)} s`, true);
    throw new SmsProviderError(`cannot reach the provider: ${(error as Error).cause ?? (error as Error).message}`, true);
  }
  const text = await response.text().catch(() => '');
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
