// ANAF (Romania's tax agency), public VAT-payer web service v9: POST {base}/api/PlatitorTvaRest/v9/tva with
// a JSON array [{cui: <number>, data: 'YYYY-MM-DD'}] answers {cod, message, found: [{date_generale,
// inregistrare_scop_Tva, adresa_sediu_social, …}], notFound: [cui…]}. No key is needed; ANAF limits callers to about
// one request a second, which is why 429 counts as "try later". Nothing in the answer is trusted: every field we use
// is type-checked, trimmed and length-bounded, because it ends up on a client's screen and in the office's records.
import { calendarDate, RegistryError, type RegistryAdapter, type RegistryAdapterOptions, type RegistryAddress, type RegistryCompany } from './registry.provider.js';

export const ANAF_BASE_URL = 'https://webservicesp.anaf.ro';
export const ANAF_PATH = '/api/PlatitorTvaRest/v9/tva';

/** Larger answers are not the one-company answer we asked for (a real one is a few kilobytes). */
const MAX_ANSWER_CHARS = 1_000_000;
/** Bounds on the fields we keep; ANAF's own are far shorter, so going over them means a broken answer. */
const MAX_NAME = 400;
const MAX_RAW_ADDRESS = 1000;
const MAX_PART = 200;
const MAX_POSTAL_CODE = 20;

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/** A string field: trimmed, control characters turned into spaces, absent when null, missing or blank. Anything else is a broken answer. */
function text(record: Json, key: string, max: number, where: string): string | undefined {
  const value = record[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw invalid(`${where}.${key} is not a string`);
  const clean = value.replace(/\p{Cc}+/gu, ' ').replace(/\s+/g, ' ').trim();
  if (clean.length > max) throw invalid(`${where}.${key} is longer than ${max} characters`);
  return clean || undefined;
}

/** A boolean field; absent when null or missing (ANAF leaves some sections out for taxpayers it knows little about). */
function flag(record: Json, key: string, where: string): boolean | undefined {
  const value = record[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'boolean') throw invalid(`${where}.${key} is not a boolean`);
  return value;
}

function invalid(detail: string) {
  return new RegistryError('invalid_answer', `ANAF answered something unexpected: ${detail}`);
}

/** ANAF's cui comes as a number in v9 and as a string in older versions and some mirrors; both name the same company. */
function sameCui(value: unknown, cui: number) {
  if (typeof value === 'number') return value === cui;
  if (typeof value === 'string') return /^\s*(RO)?\s*\d+\s*$/i.test(value) && Number(value.replace(/\D/g, '')) === cui;
  return false;
}

/** Today in Romania: ANAF answers about a Romanian calendar day. */
export const anafDate = (at: Date): string => calendarDate(at, 'Europe/Bucharest');

export class AnafAdapter implements RegistryAdapter {
  readonly source = 'anaf' as const;
  private readonly baseUrl: string;
  private readonly timeoutMs: number;
  private readonly now: () => Date;

  constructor(options: RegistryAdapterOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.timeoutMs = options.timeoutMs;
    this.now = options.now ?? (() => new Date());
  }

  async lookup(taxId: string, country: string): Promise<RegistryCompany> {
    // The caller validates CUIs; these guard against a wiring mistake (a VIES number or a prefixed CUI sent here), not user input.
    if (country !== 'RO') throw new TypeError(`ANAF only knows Romanian companies, not ${country}`);
    if (!/^\d{1,10}$/.test(taxId)) throw new TypeError('ANAF lookups take a CUI of digits only');
    const cui = Number(taxId);
    const asked = this.now();

    let status: number;
    let body: string;
    try {
      // The timeout signal also covers reading the body, so a server that sends headers and then stalls is cut off too.
      const response = await fetch(`${this.baseUrl}${ANAF_PATH}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify([{ cui, data: anafDate(asked) }]),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      status = response.status;
      body = await response.text();
    } catch (error) {
      // fetch hides the socket's reason (ECONNREFUSED, ENOTFOUND…) in `cause`; it is what an operator needs in the log.
      const cause = error instanceof Error && isObject(error.cause) && typeof error.cause.code === 'string' ? ` (${error.cause.code})` : '';
      const why = error instanceof Error && error.name === 'TimeoutError' ? `no answer within ${this.timeoutMs} ms` : error instanceof Error ? `${error.message}${cause}` : String(error);
      throw new RegistryError('unavailable', `ANAF could not be reached: ${why}`);
    }

    if (status === 429 || status >= 500) throw new RegistryError('unavailable', `ANAF answered HTTP ${status}`);
    if (status < 200 || status >= 300) throw new RegistryError('invalid_answer', `ANAF answered HTTP ${status}`);
    if (body.length > MAX_ANSWER_CHARS) throw invalid(`an answer of ${body.length} characters`);

    let json: unknown;
    try {
      json = JSON.parse(body);
    } catch {
      throw invalid(`not JSON (starts with ${JSON.stringify(body.slice(0, 40))})`);
    }
    if (!isObject(json)) throw invalid('not a JSON object');
    // ANAF repeats the HTTP status in `cod`; an error there with a 200 around it is still an error.
    if (json.cod !== undefined && json.cod !== 200) {
      const message = typeof json.message === 'string' ? json.message.slice(0, 200) : '';
      if (json.cod === 429 || (typeof json.cod === 'number' && json.cod >= 500)) throw new RegistryError('unavailable', `ANAF answered cod ${json.cod} ${message}`.trim());
      throw invalid(`cod ${String(json.cod).slice(0, 20)} ${message}`.trim());
    }
    const found = json.found ?? [];
    const notFound = json.notFound ?? [];
    if (!Array.isArray(found) || !Array.isArray(notFound)) throw invalid('found or notFound is not a list');

    const entry = found.find((item) => isObject(item) && isObject(item.date_generale) && sameCui(item.date_generale.cui, cui));
    if (!entry) {
      if (found.length === 0 || notFound.some((value) => sameCui(value, cui))) throw new RegistryError('not_found', `ANAF does not know CUI ${taxId}`);
      throw invalid(`no entry for CUI ${taxId} among ${found.length} found`);
    }
    return this.company(entry as Json, taxId, asked);
  }

  private company(entry: Json, taxId: string, asked: Date): RegistryCompany {
    const general = entry.date_generale as Json;
    const name = text(general, 'denumire', MAX_NAME, 'date_generale');
    if (!name) throw invalid('date_generale.denumire is missing');

    const vat = entry.inregistrare_scop_Tva;
    if (vat !== undefined && vat !== null && !isObject(vat)) throw invalid('inregistrare_scop_Tva is not an object');
    const scpTVA = vat ? flag(vat, 'scpTVA', 'inregistrare_scop_Tva') : undefined;

    const company: RegistryCompany = {
      source: 'anaf',
      country: 'RO',
      taxId,
      name,
      vatStatus: scpTVA === undefined ? 'unknown' : scpTVA ? 'active' : 'inactive',
      checkedAt: asked.toISOString(),
    };
    const address = this.address(general, entry.adresa_sediu_social);
    if (address) company.address = address;
    const eInvoicing = flag(general, 'statusRO_e_Factura', 'date_generale');
    if (eInvoicing !== undefined) company.eInvoicing = eInvoicing;
    return company;
  }

  /** The registered office: ANAF's one-line `adresa` as raw, its parts from adresa_sediu_social. */
  private address(general: Json, office: unknown): RegistryAddress | undefined {
    if (office !== undefined && office !== null && !isObject(office)) throw invalid('adresa_sediu_social is not an object');
    const part = (key: string, max = MAX_PART) => (office ? text(office, key, max, 'adresa_sediu_social') : undefined);
    const street = part('sdenumire_Strada');
    const number = part('snumar_Strada');
    const city = part('sdenumire_Localitate');
    const region = part('sdenumire_Judet');
    // ANAF writes "" or sometimes 0-ish codes for companies without a postal code on file; only digits are one.
    const postal = [part('scod_Postal', MAX_POSTAL_CODE), text(general, 'codPostal', MAX_POSTAL_CODE, 'date_generale')].find((code) => code && /^\d{4,10}$/.test(code) && !/^0+$/.test(code));
    const raw = text(general, 'adresa', MAX_RAW_ADDRESS, 'date_generale') ?? [[street, number].filter(Boolean).join(' '), city, region].filter(Boolean).join(', ');
    if (!raw) return undefined;
    // Villages often have no street: then the whole address is the best first line there is.
    const line1 = street ? [street, number].filter(Boolean).join(' ') : raw;
    const address: RegistryAddress = { raw, line1, country: 'RO' };
    if (postal) address.postalCode = postal;
    if (city) address.city = city;
    if (region) address.region = region;
    return address;
  }
}
