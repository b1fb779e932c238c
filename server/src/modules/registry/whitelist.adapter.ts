// The Polish Ministry of Finance's "Wykaz podatników VAT" (the White List): GET {base}/api/search/nip/{nip}?date=YYYY-MM-DD
// answers {result: {subject, requestId, requestDateTime}}, where `subject` is null for a NIP the register does not hold, and a
// refusal comes as HTTP 400 {code: "WL-1xx", message} (some clients saw it wrapped in {exception: {…}}, so both are read).
// Addresses are one string ("UL. MARSZAŁKOWSKA 1, 00-001 WARSZAWA"), accounts are 26-digit NRBs (IBANs without "PL").
// The register's states (statusVat): "Czynny" an active VAT payer, "Zwolniony" exempt from VAT, "Niezarejestrowany" not
// registered — never, or removed on removalDate (and put back on restorationDate). See docs/REGISTRIES.md for the sources.
import {
  calendarDate,
  oneLine,
  RegistryError,
  vatStatusOf,
  type RegistryAdapter,
  type RegistryAdapterOptions,
  type RegistryAddress,
  type RegistryCompany,
  type RegistryStatus,
} from './registry.provider.js';
import { callRegistry, parseJson, RegistryEndpoint } from './registry.http.js';

/** The search by NIP; `{nip}` stands for the NIP asked (REGISTRY_WHITELIST_PATH may move it to another version). */
export const WHITELIST_PATH = '/api/search/nip/{nip}';

/**
 * WL codes that say "not now" rather than "bad request": an unexpected server error (WL-100), the IP's daily quota spent
 * (WL-191), the register just reloaded (WL-195) or reloading (WL-196). Every other code refuses the request and says why
 * in its message (WL-113 "Pole 'NIP' ma nieprawidłową długość…", WL-115 "Nieprawidłowy NIP."): 'refused', with that message
 * shown to the user. A NIP the register does not hold is no error at all: subject null, 'not_found'.
 */
const TRANSIENT_CODES = new Set(['WL-100', 'WL-191', 'WL-195', 'WL-196']);

/** Larger answers are not what the register sends for one NIP (even a bank with hundreds of accounts stays far below). */
const MAX_BODY_BYTES = 2 * 1024 * 1024;
const MAX_NAME = 1000;
const MAX_ADDRESS = 500;
const MAX_ERROR_TEXT = 300;

const VAT_STATUS: Record<string, RegistryStatus['vat']> = {
  czynny: 'active',
  zwolniony: 'exempt',
  niezarejestrowany: 'not_registered',
};

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const invalid = (detail: string) => new RegistryError('invalid_answer', `White List: ${detail}`);

/** A trimmed string of at most `max` characters, undefined for null/absent/blank; anything else is not the documented format. */
function optionalText(value: unknown, field: string, max: number): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw invalid(`${field} is not a string`);
  const text = value.trim();
  if (text.length > max) throw invalid(`${field} is longer than ${max} characters`);
  return text || undefined;
}

/** A YYYY-MM-DD date of the subject, or undefined; the register writes null for none. */
function day(value: unknown, field: string): string | undefined {
  const text = optionalText(value, field, 40);
  if (text === undefined) return undefined;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) throw invalid(`${field} is not a YYYY-MM-DD date`);
  return text;
}

/** "Today" as the register counts it: the date in Warsaw. */
export const warsawDate = (now: Date): string => calendarDate(now, 'Europe/Warsaw');

/** "UL. ŻÓŁKIEWSKIEGO 12, 31-539 KRAKÓW": the last ", NN-NNN " splits the street from the postal code and city. */
export function parseWhiteListAddress(raw: string): RegistryAddress {
  const match = /^(.*\S)\s*,\s*(\d{2}-\d{3})\s+(\S.*)$/.exec(raw);
  if (!match) return { raw, line1: raw, country: 'PL' };
  return { raw, line1: match[1]!, postalCode: match[2]!, city: match[3]!, country: 'PL' };
}

/** An NRB is an IBAN without its "PL": its first two digits are the IBAN check digits, so mod 97 catches a mangled number. */
function toIban(value: unknown): string {
  if (typeof value !== 'string') throw invalid('an account number is not a string');
  const nrb = value.replace(/\s+/g, '');
  if (!/^\d{26}$/.test(nrb)) throw invalid(`account number "${nrb.slice(0, 40)}" is not 26 digits`);
  // P = 25, L = 21 in the IBAN letter code.
  if (BigInt(`${nrb.slice(2)}2521${nrb.slice(0, 2)}`) % 97n !== 1n)
    throw invalid(`account number ${nrb} fails its checksum`);
  return `PL${nrb}`;
}

export class WhiteListAdapter implements RegistryAdapter {
  readonly source = 'whitelist' as const;
  private readonly endpoint: RegistryEndpoint;

  constructor(options: RegistryAdapterOptions) {
    this.endpoint = new RegistryEndpoint(options, WHITELIST_PATH);
    if (!this.endpoint.path.includes('{nip}'))
      throw new TypeError(`the White List path "${this.endpoint.path}" has no {nip} in it`);
  }

  async lookup(taxId: string, _country: string): Promise<RegistryCompany> {
    // Callers validate the NIP; this only keeps anything else out of the URL path.
    if (!/^\d{10}$/.test(taxId)) throw new TypeError(`WhiteListAdapter.lookup: "${taxId}" is not a 10-digit NIP`);
    const url = `${this.endpoint.baseUrl}${this.endpoint.path.replace('{nip}', taxId)}?date=${warsawDate(this.endpoint.now())}`;

    const { status, text, tooLarge } = await callRegistry('White List', url, {
      method: 'GET',
      timeoutMs: this.endpoint.timeoutMs,
      maxBytes: MAX_BODY_BYTES,
    });
    if (tooLarge) throw invalid(`the answer is larger than ${MAX_BODY_BYTES} bytes`);
    const json = parseJson(text);

    const failure = isObject(json) ? (isObject(json.exception) ? json.exception : json) : undefined;
    const code =
      failure && typeof failure.code === 'string' && /^WL-\d{1,4}$/.test(failure.code.trim())
        ? failure.code.trim()
        : undefined;
    const codeText = code
      ? `${code} ${typeof failure?.message === 'string' ? oneLine(failure.message, MAX_ERROR_TEXT) : ''}`.trim()
      : undefined;

    // A busy, rate-limited or failing service may pass later, whatever its body says.
    if (status === 408 || status === 429 || status >= 500 || (code && TRANSIENT_CODES.has(code))) {
      throw new RegistryError('unavailable', `White List answered HTTP ${status}${codeText ? `: ${codeText}` : ''}`);
    }
    if (codeText)
      throw new RegistryError('refused', `White List refused the request (HTTP ${status}): ${codeText}`, codeText);
    if (status !== 200) throw invalid(`unexpected HTTP ${status}${text ? `: ${text.slice(0, 200)}` : ''}`);
    if (!isObject(json) || !isObject(json.result)) throw invalid('the answer has no "result" object');

    const subject = json.result.subject;
    if (subject === null) throw new RegistryError('not_found', `White List: NIP ${taxId} is not in the register`);
    if (!isObject(subject)) throw invalid('"result.subject" is neither an object nor null');
    return this.toCompany(taxId, subject);
  }

  private toCompany(taxId: string, subject: Record<string, unknown>): RegistryCompany {
    const name = optionalText(subject.name, 'name', MAX_NAME);
    if (!name) throw invalid('the subject has no name');
    const nip = optionalText(subject.nip, 'nip', 20)?.replace(/\D/g, '');
    // The register answers for the NIP asked; another one would be someone else's data.
    if (nip !== taxId) throw invalid(`the subject's NIP ${nip ?? '(none)'} is not the one asked for (${taxId})`);

    // An unknown status word is a new register state, not a broken answer: say we do not know rather than fail the look-up.
    const statusVat = optionalText(subject.statusVat, 'statusVat', 50);
    const status: RegistryStatus = { vat: (statusVat && VAT_STATUS[statusVat.toLowerCase()]) || 'unknown' };
    if (statusVat) status.wording = statusVat;
    const removedOn = day(subject.removalDate, 'removalDate');
    const restoredOn = day(subject.restorationDate, 'restorationDate');
    // Removed from the register and not put back since: "Niezarejestrowany" then means struck off VAT, not "never registered".
    if (removedOn && !(restoredOn && restoredOn >= removedOn)) {
      if (status.vat === 'not_registered') status.vat = 'removed';
      status.vatEndedOn = removedOn;
    }
    if (restoredOn) status.vatRestoredOn = restoredOn;

    // A company's seat can be absent (natural persons have a residence instead); the working address is where it operates.
    const rawAddress =
      optionalText(subject.workingAddress, 'workingAddress', MAX_ADDRESS) ??
      optionalText(subject.residenceAddress, 'residenceAddress', MAX_ADDRESS);

    const accounts = subject.accountNumbers ?? [];
    if (!Array.isArray(accounts)) throw invalid('accountNumbers is not an array');

    return {
      source: 'whitelist',
      country: 'PL',
      taxId,
      name,
      ...(rawAddress ? { address: parseWhiteListAddress(rawAddress) } : {}),
      vatStatus: vatStatusOf(status),
      status,
      bankAccounts: [...new Set(accounts.map(toIban))],
      checkedAt: this.endpoint.now().toISOString(),
    };
  }
}
