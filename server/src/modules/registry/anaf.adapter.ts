// ANAF (Romania's tax agency), public VAT-payer web service v9: POST {base}/api/PlatitorTvaRest/v9/tva with a JSON array
// [{cui: <number>, data: 'YYYY-MM-DD'}] (up to 100 CUIs) answers {cod, message, found: [{date_generale, inregistrare_scop_Tva,
// stare_inactiv, adresa_sediu_social, …}], notFound: [cui…]}. No key is needed; ANAF allows about one request a second,
// so requests go through a process-wide pacer and the look-ups waiting for their turn share one request. Nothing in the
// answer is trusted: each CUI's company is taken only from the entry that names that CUI, and every field we use is
// type-checked, trimmed and length-bounded, because it ends up on a client's screen and in the office's records.
import { commaBelow, writtenCase } from './romanian-text.js';
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
import { RequestPacer } from './request-pacer.js';
import { callRegistry, parseJson, RegistryEndpoint } from './registry.http.js';

export const ANAF_PATH = '/api/PlatitorTvaRest/v9/tva';
/** ANAF's documented limits: one request a second, at most 100 CUIs in one. */
export const ANAF_INTERVAL_MS = 1000;
export const ANAF_MAX_BATCH = 100;

/** Larger answers are not an answer about at most 100 companies (a real one is a few kilobytes each). */
const MAX_ANSWER_CHARS = 5_000_000;
/** Bounds on the fields we keep; ANAF's own are far shorter, so going over them means a broken answer. */
const MAX_NAME = 400;
const MAX_RAW_ADDRESS = 1000;
const MAX_PART = 200;
const MAX_POSTAL_CODE = 20;

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** A string field: trimmed, control characters turned into spaces, absent when null, missing or blank. Anything else is a broken answer. */
function text(record: Json, key: string, max: number, where: string): string | undefined {
  const value = record[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw invalid(`${where}.${key} is not a string`);
  const clean = commaBelow(
    value
      .replace(/\p{Cc}+/gu, ' ')
      .replace(/\s+/g, ' ')
      .trim(),
  );
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

/** A date field: ANAF writes YYYY-MM-DD, "" or " " for none, and dd.mm.yyyy in some texts. Anything else is no date. */
function date(record: Json | undefined, key: string, where: string): string | undefined {
  const value = record ? text(record, key, 40, where) : undefined;
  return value ? isoDate(value) : undefined;
}

function isoDate(value: string): string | undefined {
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
  const dotted = /(\d{2})\.(\d{2})\.(\d{4})/.exec(value);
  return dotted ? `${dotted[3]}-${dotted[2]}-${dotted[1]}` : undefined;
}

function invalid(detail: string) {
  return new RegistryError('invalid_answer', `ANAF answered something unexpected: ${detail}`);
}

/** ANAF's cui comes as a number in v9 and as a string in older versions and some mirrors; both name the same company. */
function cuiOf(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isInteger(value)) return value;
  if (typeof value === 'string' && /^\s*(RO)?\s*\d{1,10}\s*$/i.test(value)) return Number(value.replace(/\D/g, ''));
  return undefined;
}

/** ANAF's words for "no such CUI" (its message on a 404: "not found", "nu a fost găsit", "nu există"). */
const NOT_FOUND_WORDS = /not\s*found|neg[aă]sit|nu a fost g[aă]sit|nu exist[aă]/i;

/** Today in Romania: ANAF answers about a Romanian calendar day. */
export const anafDate = (at: Date): string => calendarDate(at, 'Europe/Bucharest');

export type AnafAdapterOptions = RegistryAdapterOptions & {
  /** Spaces requests; by default the process's pacer for ANAF's host, one request a second. */
  pacer?: RequestPacer;
  /** CUIs in one request (ANAF takes up to 100). */
  maxBatch?: number;
};

type Waiter = {
  cui: number;
  taxId: string;
  resolve: (company: RegistryCompany) => void;
  reject: (error: unknown) => void;
};

export class AnafAdapter implements RegistryAdapter {
  readonly source = 'anaf' as const;
  private readonly endpoint: RegistryEndpoint;
  private readonly url: string;
  private readonly pacer: RequestPacer;
  private readonly maxBatch: number;
  private readonly waiting: Waiter[] = [];
  private pumping = false;

  constructor(options: AnafAdapterOptions) {
    this.endpoint = new RegistryEndpoint(options, ANAF_PATH);
    this.url = `${this.endpoint.baseUrl}${this.endpoint.path}`;
    this.pacer = options.pacer ?? RequestPacer.forHost(this.endpoint.baseUrl, ANAF_INTERVAL_MS);
    this.maxBatch = Math.max(1, Math.min(ANAF_MAX_BATCH, options.maxBatch ?? ANAF_MAX_BATCH));
  }

  lookup(taxId: string, country: string): Promise<RegistryCompany> {
    // The caller validates CUIs; these guard against a wiring mistake (a VIES number or a prefixed CUI sent here), not user input.
    if (country !== 'RO') return Promise.reject(new TypeError(`ANAF only knows Romanian companies, not ${country}`));
    if (!/^\d{1,10}$/.test(taxId)) return Promise.reject(new TypeError('ANAF lookups take a CUI of digits only'));
    return new Promise((resolve, reject) => {
      this.waiting.push({ cui: Number(taxId), taxId, resolve, reject });
      void this.pump();
    });
  }

  /**
   * Looks many CUIs up (the import's registry filling): they queue like single look-ups and go up to 100 a request, one
   * request a second. Each CUI gets its company or its own RegistryError (not_found for the ones ANAF does not know).
   */
  async lookupMany(cuis: string[]): Promise<Map<string, RegistryCompany | RegistryError>> {
    const unique = [...new Set(cuis)];
    const settled = await Promise.allSettled(unique.map((cui) => this.lookup(cui, 'RO')));
    const answers = new Map<string, RegistryCompany | RegistryError>();
    settled.forEach((result, index) => {
      if (result.status === 'fulfilled') answers.set(unique[index]!, result.value);
      else if (result.reason instanceof RegistryError) answers.set(unique[index]!, result.reason);
      else throw result.reason;
    });
    return answers;
  }

  /** Sends the waiting look-ups, a batch per turn of the pacer; those that arrive meanwhile wait for the next batch. */
  private async pump() {
    if (this.pumping) return;
    this.pumping = true;
    try {
      while (this.waiting.length > 0) {
        await this.pacer.turn();
        const cuis: number[] = [];
        for (const waiter of this.waiting) {
          if (cuis.length >= this.maxBatch) break;
          if (!cuis.includes(waiter.cui)) cuis.push(waiter.cui);
        }
        const batch: Waiter[] = [];
        for (let i = this.waiting.length - 1; i >= 0; i--) {
          if (cuis.includes(this.waiting[i]!.cui)) batch.unshift(...this.waiting.splice(i, 1));
        }
        await this.send(cuis, batch);
      }
    } finally {
      this.pumping = false;
    }
  }

  /** One request for `cuis`; every waiter of the batch is answered (its company, or an error), never left hanging. */
  private async send(cuis: number[], batch: Waiter[]) {
    const asked = this.endpoint.now();
    let answers: Map<number, RegistryCompany | RegistryError>;
    try {
      answers = await this.request(cuis, asked);
    } catch (error) {
      for (const waiter of batch) waiter.reject(error);
      return;
    }
    for (const waiter of batch) {
      const answer = answers.get(waiter.cui)!;
      if (answer instanceof RegistryError) waiter.reject(answer);
      else waiter.resolve({ ...answer, taxId: waiter.taxId });
    }
  }

  private async request(cuis: number[], asked: Date): Promise<Map<number, RegistryCompany | RegistryError>> {
    const day = anafDate(asked);
    // ANAF's firewall answers "Request Rejected" pages (with a support ID) when it throttles a caller; callRegistry reads
    // those, and its maintenance page, as unavailable.
    const {
      status,
      text: body,
      tooLarge,
    } = await callRegistry('ANAF', this.url, {
      method: 'POST',
      json: cuis.map((cui) => ({ cui, data: day })),
      timeoutMs: this.endpoint.timeoutMs,
      maxBytes: MAX_ANSWER_CHARS,
    });
    if (status === 429 || status >= 500) throw new RegistryError('unavailable', `ANAF answered HTTP ${status}`);
    if (tooLarge) throw invalid(`an answer of more than ${MAX_ANSWER_CHARS} bytes`);

    const json = parseJson(body);
    const message = isObject(json) && typeof json.message === 'string' ? oneLine(json.message, 200) : '';
    // ANAF repeats the HTTP status in `cod`; an error there with a 200 around it is still an error.
    const cod = isObject(json) && typeof json.cod === 'number' ? json.cod : status;
    if (status === 404 || cod === 404) {
      // A 404 saying "not found" is about the CUIs; a bare 404 is a path that moved (REGISTRY_ANAF_PATH).
      if (NOT_FOUND_WORDS.test(message)) return new Map(cuis.map((cui) => [cui, notFound(cui)]));
      throw invalid(`HTTP ${status}${message ? ` ${message}` : ''} at ${new URL(this.url).pathname}`);
    }
    if (cod === 429 || cod >= 500) throw new RegistryError('unavailable', `ANAF answered cod ${cod} ${message}`.trim());
    if (status < 200 || status >= 300 || cod !== 200) {
      // ANAF says why it refused (a malformed CUI, a date out of range): its words explain the problem to the user.
      if (message) throw new RegistryError('refused', `ANAF refused the request (cod ${cod}): ${message}`, message);
      throw invalid(`HTTP ${status}, cod ${cod}`);
    }
    if (!isObject(json))
      throw invalid(
        json === undefined ? `not JSON (starts with ${JSON.stringify(body.slice(0, 40))})` : 'not a JSON object',
      );

    const found = json.found ?? [];
    const missing = json.notFound ?? [];
    if (!Array.isArray(found) || !Array.isArray(missing)) throw invalid('found or notFound is not a list');

    const answers = new Map<number, RegistryCompany | RegistryError>();
    for (const cui of cuis) {
      // Only the entry that names this CUI is this company's: an entry about another CUI is someone else's answer.
      const entry = found.find(
        (item) => isObject(item) && isObject(item.date_generale) && cuiOf(item.date_generale.cui) === cui,
      );
      if (entry) {
        try {
          answers.set(cui, this.company(entry as Json, String(cui), asked));
        } catch (error) {
          if (!(error instanceof RegistryError)) throw error;
          answers.set(cui, error);
        }
      } else if (missing.some((value) => cuiOf(value) === cui)) {
        answers.set(cui, notFound(cui));
      } else {
        answers.set(
          cui,
          invalid(`the answer does not mention CUI ${cui} (${found.length} found, ${missing.length} not found)`),
        );
      }
    }
    return answers;
  }

  private company(entry: Json, taxId: string, asked: Date): RegistryCompany {
    const general = entry.date_generale as Json;
    const name = text(general, 'denumire', MAX_NAME, 'date_generale');
    if (!name) throw invalid('date_generale.denumire is missing');

    const status = this.status(entry, general);
    const company: RegistryCompany = {
      source: 'anaf',
      country: 'RO',
      taxId,
      name,
      vatStatus: vatStatusOf(status),
      status,
      checkedAt: asked.toISOString(),
    };
    const address = this.address(general, entry.adresa_sediu_social, entry.adresa_domiciliu_fiscal);
    if (address) company.address = address;
    const eInvoicing = flag(general, 'statusRO_e_Factura', 'date_generale');
    if (eInvoicing !== undefined) company.eInvoicing = eInvoicing;
    return company;
  }

  /** VAT registration (inregistrare_scop_Tva), the register of inactive taxpayers and deregistration (stare_inactiv), the register state (stare_inregistrare). */
  private status(entry: Json, general: Json): RegistryStatus {
    const vat = section(entry, 'inregistrare_scop_Tva');
    const scpTVA = vat ? flag(vat, 'scpTVA', 'inregistrare_scop_Tva') : undefined;
    const periods = vat?.perioade_TVA ?? [];
    if (!Array.isArray(periods)) throw invalid('inregistrare_scop_Tva.perioade_TVA is not a list');
    const ends = periods
      .filter(isObject)
      .map((period) => date(period, 'data_sfarsit_ScpTVA', 'perioade_TVA'))
      .filter((end): end is string => !!end)
      .sort();

    const status: RegistryStatus = {
      vat: scpTVA === undefined ? 'unknown' : scpTVA ? 'active' : ends.length ? 'removed' : 'not_registered',
    };
    if (status.vat === 'removed') status.vatEndedOn = ends.at(-1)!;

    const state = section(entry, 'stare_inactiv');
    if (state && flag(state, 'statusInactivi', 'stare_inactiv')) {
      status.inactive = true;
      const since = date(state, 'dataInactivare', 'stare_inactiv');
      if (since) status.inactiveSince = since;
    }
    const wording = text(general, 'stare_inregistrare', MAX_PART, 'date_generale');
    if (wording) status.wording = wording;
    // "RADIERE din data 15.06.2020" in the register state, or a dataRadiere: the company no longer exists.
    const struckOffOn =
      date(state, 'dataRadiere', 'stare_inactiv') ??
      (wording && /^RADI(ERE|AT)/i.test(wording) ? isoDate(wording) : undefined);
    if (struckOffOn || (wording && /^RADI(ERE|AT)/i.test(wording))) {
      status.struckOff = true;
      if (struckOffOn) status.struckOffOn = struckOffOn;
    }
    return status;
  }

  /**
   * The registered office: ANAF's one-line `adresa` as raw, its parts from adresa_sediu_social — street and number, the
   * details (block, staircase, floor, apartment) on their own line, locality ("Mun. Cluj-Napoca", "Sector 1"), county and
   * postal code — every part kept, in the casing people write.
   */
  private address(general: Json, office: unknown, fiscal: unknown): RegistryAddress | undefined {
    if (office !== undefined && office !== null && !isObject(office))
      throw invalid('adresa_sediu_social is not an object');
    if (fiscal !== undefined && fiscal !== null && !isObject(fiscal))
      throw invalid('adresa_domiciliu_fiscal is not an object');
    // The registered office's fields start with "s"; a taxpayer without one on file (a sole trader) has only its fiscal
    // domicile, the same fields starting with "d" (ddenumire_Strada, dnumar_Strada, ddetalii_Adresa…).
    const hasOffice =
      !!office &&
      ['sdenumire_Strada', 'sdenumire_Localitate'].some((key) => typeof office[key] === 'string' && office[key].trim());
    const [source, prefix, where] =
      hasOffice || !fiscal ? [office, 's', 'adresa_sediu_social'] : [fiscal, 'd', 'adresa_domiciliu_fiscal'];
    const part = (key: string, max = MAX_PART) => {
      const value = source ? text(source, `${prefix}${key}`, max, where) : undefined;
      return value ? writtenCase(value) : undefined;
    };
    const street = part('denumire_Strada');
    const number = part('numar_Strada');
    const details = part('detalii_Adresa');
    const city = part('denumire_Localitate');
    const region = part('denumire_Judet');
    // ANAF writes "" or sometimes 0-ish codes for companies without a postal code on file; only digits are one.
    const postal = [
      part('cod_Postal', MAX_POSTAL_CODE),
      text(general, 'codPostal', MAX_POSTAL_CODE, 'date_generale'),
    ].find((code) => code && /^\d{4,10}$/.test(code) && !/^0+$/.test(code));
    const numbered = number ? (/^nr\b/i.test(number) ? number : `nr. ${number}`) : undefined;
    const raw =
      text(general, 'adresa', MAX_RAW_ADDRESS, 'date_generale') ??
      [[street, numbered].filter(Boolean).join(' '), details, city, region].filter(Boolean).join(', ');
    if (!raw) return undefined;
    // Villages often have no street: the locality and the number are the first line then, as people write them.
    const line1 = [street ?? city, numbered].filter(Boolean).join(' ') || writtenCase(raw);
    const address: RegistryAddress = { raw, line1, country: 'RO' };
    if (details) address.line2 = details;
    if (postal) address.postalCode = postal;
    if (city) address.city = city;
    if (region) address.region = region;
    return address;
  }
}

function section(entry: Json, key: string): Json | undefined {
  const value = entry[key];
  if (value === undefined || value === null) return undefined;
  if (!isObject(value)) throw invalid(`${key} is not an object`);
  return value;
}

const notFound = (cui: number) => new RegistryError('not_found', `ANAF does not know CUI ${cui}`);
