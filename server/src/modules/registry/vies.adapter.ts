// VIES, the EU's VAT Information Exchange System, through its REST API: POST {base}/check-vat-number with
// {countryCode, vatNumber} answers {countryCode, vatNumber, requestDate, valid, requestIdentifier, name, address, …}.
// VIES only relays the member state's register: a state may be down (MS_UNAVAILABLE) or give no name or
// address ("---"), and the address is one free-form text whose lines differ from state to state.
// Refusals come as {actionSucceed: false, errorWrappers: [{error, message}]} — with HTTP 200 as well as
// 4xx/5xx — and the older per-state endpoint's `userError` field is read too, in case a proxy answers that way.
import {
  RegistryError,
  type RegistryAdapter,
  type RegistryAdapterOptions,
  type RegistryAddress,
  type RegistryCompany,
} from './registry.provider.js';
import { callRegistry, parseJson, RegistryEndpoint } from './registry.http.js';

export const VIES_PATH = '/check-vat-number';

/** VIES's member state codes: ISO 3166 alpha-2, except Greece, which VIES calls EL. */
const MEMBER_STATES = new Set([
  ...['AT', 'BE', 'BG', 'CY', 'CZ', 'DE', 'DK', 'EE', 'EL', 'ES', 'FI', 'FR', 'HR', 'HU'],
  ...['IE', 'IT', 'LT', 'LU', 'LV', 'MT', 'NL', 'PL', 'PT', 'RO', 'SE', 'SI', 'SK'],
]);

/** Codes that say VIES or the member state could not answer now: another try later may pass. */
const TEMPORARY_CODES = new Set([
  'MS_UNAVAILABLE',
  'MS_MAX_CONCURRENT_REQ',
  'MS_MAX_CONCURRENT_REQ_TIME',
  'GLOBAL_MAX_CONCURRENT_REQ',
  'GLOBAL_MAX_CONCURRENT_REQ_TIME',
  'SERVICE_UNAVAILABLE',
  'SERVER_BUSY',
  'TIMEOUT',
]);

/** `userError` values of the per-state endpoint that are verdicts, not errors. */
const VERDICTS = new Set(['VALID', 'INVALID']);

/** Longer answers than this are not a VIES answer about one company (a proxy's error page, a loop). */
const MAX_ANSWER_CHARS = 64 * 1024;
const MAX_NAME_CHARS = 500;
const MAX_ADDRESS_CHARS = 1000;
const MAX_MESSAGE_CHARS = 200;

/** Where the last address line is "postal code + city", by the member state's format (FR "75002 PARIS", BE "1000 BRUXELLES"). */
const POSTAL_LINE: Record<string, RegExp> = {
  FR: /^(\d{5})\s+(.+)$/,
  BE: /^(\d{4})\s+(.+)$/,
};

export class ViesAdapter implements RegistryAdapter {
  readonly source = 'vies' as const;
  private readonly endpoint: RegistryEndpoint;

  constructor(options: RegistryAdapterOptions) {
    this.endpoint = new RegistryEndpoint(options, VIES_PATH);
  }

  async lookup(taxId: string, country: string): Promise<RegistryCompany> {
    const upper = country.toUpperCase();
    const memberState = upper === 'GR' ? 'EL' : upper;
    // Bureau stores ISO codes, so Greece goes back as GR whichever code the caller used.
    const isoCountry = memberState === 'EL' ? 'GR' : memberState;
    // VIES would answer INVALID_INPUT; a country it does not cover simply has no VAT number there.
    if (!MEMBER_STATES.has(memberState))
      throw new RegistryError('not_found', `VIES covers EU member states only, not ${country}`);

    const { status, json } = await this.post(this.endpoint.path, { countryCode: memberState, vatNumber: taxId });

    // An error code says more than the HTTP status, so it is read first (VIES sends them with 200 too).
    const refusal = json ? errorCode(json) : undefined;
    if (refusal) {
      const message = json ? errorMessage(json) : undefined;
      // A code we do not know, sent with a 5xx, is more likely VIES being down than VIES refusing this number.
      const temporary = TEMPORARY_CODES.has(refusal) || (retryable(status) && refusal !== 'INVALID_INPUT');
      const said = `${refusal}${message ? ` (${message})` : ''}`;
      // Any other code is VIES refusing the question (INVALID_INPUT: a country code it does not know or an empty number;
      // INVALID_REQUESTER_INFO; VAT_BLOCKED, IP_BLOCKED), and its code and words are what the user needs to hear.
      if (temporary) throw new RegistryError('unavailable', `VIES: ${said}`);
      throw new RegistryError('refused', `VIES refused the request: ${said}`, said);
    }
    if (retryable(status)) throw new RegistryError('unavailable', `VIES answered HTTP ${status}`);
    if (status < 200 || status >= 300) throw new RegistryError('invalid_answer', `VIES answered HTTP ${status}`);
    if (!json) throw new RegistryError('invalid_answer', 'VIES answered something that is not a JSON object');

    // check-vat-number says `valid`; the per-state GET endpoint says `isValid`.
    const valid = typeof json.valid === 'boolean' ? json.valid : json.isValid;
    if (typeof valid !== 'boolean')
      throw new RegistryError('invalid_answer', 'VIES answered without saying whether the number is valid');
    // Never someone else's answer (a proxy's cache, a mixed-up batch): the answer names the number asked, or it is not used.
    const answeredCountry = json.countryCode;
    if (typeof answeredCountry !== 'string' || answeredCountry.trim().toUpperCase() !== memberState) {
      throw new RegistryError(
        'invalid_answer',
        `VIES answered about another country (${String(answeredCountry).slice(0, 8)})`,
      );
    }
    const answeredNumber =
      typeof json.vatNumber === 'string' ? json.vatNumber.toUpperCase().replace(/[^0-9A-Z]/g, '') : undefined;
    if (
      answeredNumber === undefined ||
      withoutPrefix(answeredNumber, memberState) !== taxId.toUpperCase().replace(/[^0-9A-Z]/g, '')
    ) {
      throw new RegistryError(
        'invalid_answer',
        `VIES answered about another number (${String(json.vatNumber).slice(0, 20)})`,
      );
    }
    if (!valid) throw new RegistryError('not_found', `VIES does not know ${memberState}${taxId} as a valid VAT number`);

    const name = field(json.name, MAX_NAME_CHARS, 'name');
    const rawAddress = field(json.address, MAX_ADDRESS_CHARS, 'address');
    const company: RegistryCompany = {
      source: 'vies',
      country: isoCountry,
      taxId,
      // Some member states (DE, ES…) never disclose the name: the number is still valid.
      name: name.replace(/\s+/g, ' '),
      vatStatus: 'active',
      // VIES says only "valid" or not: a valid number is one registered for intra-EU VAT.
      status: { vat: 'active', wording: 'valid' },
      checkedAt: this.endpoint.now().toISOString(),
    };
    const address = rawAddress ? parseAddress(rawAddress, memberState, isoCountry) : undefined;
    if (address) company.address = address;
    return company;
  }

  /** POSTs JSON and reads the answer; network failures and timeouts are `unavailable`. */
  private async post(
    path: string,
    body: unknown,
  ): Promise<{ status: number; json: Record<string, unknown> | undefined }> {
    const { status, text, tooLarge } = await callRegistry('VIES', `${this.endpoint.baseUrl}${path}`, {
      method: 'POST',
      json: body,
      timeoutMs: this.endpoint.timeoutMs,
      maxBytes: MAX_ANSWER_CHARS,
    });
    if (tooLarge) {
      // A 5xx page from a proxy may be long; it still only means "down".
      if (retryable(status)) return { status, json: undefined };
      throw new RegistryError(
        'invalid_answer',
        `VIES answered more than ${MAX_ANSWER_CHARS} bytes, more than any answer about one company`,
      );
    }
    const parsed = parseJson(text);
    const json =
      parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : undefined;
    return { status, json };
  }
}

/** The refusal code of an answer, from errorWrappers (check-vat-number) or a non-verdict userError (per-state endpoint). */
function errorCode(json: Record<string, unknown>): string | undefined {
  const first = Array.isArray(json.errorWrappers) ? (json.errorWrappers[0] as unknown) : undefined;
  if (first && typeof first === 'object' && typeof (first as { error?: unknown }).error === 'string')
    return asCode((first as { error: string }).error);
  if (typeof json.userError === 'string') {
    const userError = asCode(json.userError);
    if (userError && !VERDICTS.has(userError)) return userError;
  }
  // actionSucceed: false without a readable code is still a refusal, not an answer about the number.
  if (json.actionSucceed === false) return 'UNKNOWN_ERROR';
  return undefined;
}

function errorMessage(json: Record<string, unknown>): string | undefined {
  const first = Array.isArray(json.errorWrappers) ? (json.errorWrappers[0] as unknown) : undefined;
  const message = first && typeof first === 'object' ? (first as { message?: unknown }).message : undefined;
  // It is shown to staff and logged: one bounded line.
  const line =
    typeof message === 'string'
      ? message
          .replace(/\s+/g, ' ')
          .replace(/\p{Cc}+/gu, ' ')
          .trim()
      : '';
  return line ? line.slice(0, MAX_MESSAGE_CHARS) : undefined;
}

/** Whether an HTTP status means "try again later". */
const retryable = (status: number) => status === 429 || status === 408 || status >= 500;

/** Codes are short upper-case words; anything else is cut down so that it cannot flood a log line. */
const asCode = (value: string) =>
  value
    .replace(/\p{Cc}+/gu, '')
    .trim()
    .toUpperCase()
    .slice(0, 60) || undefined;

/**
 * A text field of the answer: trimmed, control characters other than line breaks made spaces, bounded; missing, null and
 * VIES's "---" (not disclosed) are ''. Longer than any real name or address means a broken answer, like a wrong type does.
 */
function field(value: unknown, max: number, name: string): string {
  if (value === undefined || value === null) return '';
  if (typeof value !== 'string')
    throw new RegistryError('invalid_answer', `VIES answered a ${name} that is not a text`);
  const clean = value
    .replace(/\r\n?/g, '\n')
    .replace(/[^\P{Cc}\n]+/gu, ' ')
    .trim();
  if (clean.length > max)
    throw new RegistryError('invalid_answer', `VIES answered a ${name} longer than ${max} characters`);
  return clean === '---' ? '' : clean;
}

/** VIES's address text: its first line is line1; where the state's format is known, the last line gives postal code and city. */
function parseAddress(raw: string, memberState: string, country: string): RegistryAddress | undefined {
  const lines = raw
    .split(/\r?\n/)
    .map((line) => line.replace(/\s+/g, ' ').trim())
    .filter(Boolean);
  const first = lines[0];
  if (first === undefined) return undefined;
  const address: RegistryAddress = { raw, line1: first, country };
  const last = lines[lines.length - 1];
  // Only a line of its own: "75004 PARIS" alone on one line is the postal line, not a street that starts with a number.
  const match = lines.length >= 2 && last ? POSTAL_LINE[memberState]?.exec(last) : undefined;
  if (match?.[1] && match[2]) {
    address.postalCode = match[1];
    address.city = match[2];
  }
  return address;
}

/** VIES writes a number with or without its member state's prefix. */
const withoutPrefix = (value: string, memberState: string) =>
  value.startsWith(memberState) ? value.slice(memberState.length) : value;
