// What a public registry tells about a company, whichever registry answered: the adapters (ANAF
// for Romania, the Polish Ministry of Finance's White List, the EU's VIES) turn their own formats into
// this, and their failures into a RegistryError with a reason the user can be told.

export type RegistrySource = 'anaf' | 'whitelist' | 'vies';

export type RegistryAddress = {
  /** The address as the registry wrote it, whole. */
  raw: string;
  line1: string;
  /** What follows the street and number: block, staircase, floor, apartment ("Bl. A1, Sc. 2, Et. 3, Ap. 12"). */
  line2?: string;
  postalCode?: string;
  city?: string;
  region?: string;
  /** ISO 3166 alpha-2 (the registry's country). */
  country: string;
};

export type RegistryCompany = {
  source: RegistrySource;
  /** ISO 3166 alpha-2: PL, RO, or the VIES member state (FR, BE, DE…). */
  country: string;
  /** The tax id as Bureau stores it (digits only for NIP and CUI; VIES: the number without its country prefix). */
  taxId: string;
  name: string;
  address?: RegistryAddress;
  /** Registered for VAT now, not (any more), or the registry does not say; `status` tells which "not". */
  vatStatus: 'active' | 'inactive' | 'unknown';
  /** The registry's verdict in detail: what kind of VAT payer, and whether the company is still alive. */
  status: RegistryStatus;
  /** Romania: registered in the RO e-Factura register. */
  eInvoicing?: boolean;
  /** Poland: the bank accounts the White List holds for the company (IBAN, PL…). */
  bankAccounts?: string[];
  /** When the registry answered (ISO 8601). */
  checkedAt: string;
};

/**
 * A registry's status words, mapped to one vocabulary the web app translates. `vat`: an active VAT payer (PL "Czynny",
 * RO scpTVA, a valid VIES number), exempt (PL "Zwolniony"), never registered (PL "Niezarejestrowany" without a removal,
 * RO not scpTVA), removed from the VAT register (PL with a removalDate), or not said. Dates are YYYY-MM-DD as the
 * registry gave them. `inactive` and `struckOff` are Romania's: ANAF's register of inactive taxpayers, and a company
 * deregistered (radiată) — a company in either state must never look like an ordinary one without VAT.
 */
export type RegistryStatus = {
  vat: 'active' | 'exempt' | 'not_registered' | 'removed' | 'unknown';
  /** PL removalDate; RO the end of the last VAT period. */
  vatEndedOn?: string;
  /** PL restorationDate: put back into the register after a removal. */
  vatRestoredOn?: string;
  /** RO: in the register of inactive taxpayers (since dataInactivare when given). */
  inactive?: boolean;
  inactiveSince?: string;
  /** RO: struck off / deregistered (dataRadiere when given). */
  struckOff?: boolean;
  struckOffOn?: string;
  /** The registry's own words for the state ("Zwolniony", "INREGISTRAT din data 12.03.2001"), quoted as they came. */
  wording?: string;
};

/** The coarse VAT status older readers use, from the detailed one. */
export const vatStatusOf = (status: RegistryStatus): RegistryCompany['vatStatus'] =>
  status.vat === 'active' ? 'active' : status.vat === 'unknown' ? 'unknown' : 'inactive';

export type RegistryFailure =
  /** The registry does not know this tax id. */
  | 'not_found'
  /** It could not be reached, timed out, or answered with an error (5xx, 429): try again later. */
  | 'unavailable'
  /** It refused the question and said why (a White List WL-1xx code, VIES INVALID_INPUT, an ANAF cod 400): its words are shown. */
  | 'refused'
  /** It answered something that is not what its documentation describes (or about another company than the one asked). */
  | 'invalid_answer';

export class RegistryError extends Error {
  constructor(
    readonly reason: RegistryFailure,
    message: string,
    /** For 'refused': the registry's own explanation, quoted to the user (bounded, one line). */
    readonly registryText?: string,
  ) {
    super(message);
    this.name = 'RegistryError';
  }
}

/** One line of at most `max` characters of a registry's text: control characters and runs of spaces made one space. */
export const oneLine = (value: string, max = 300): string =>
  value
    .replace(/\p{Cc}+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, max);

/**
 * Whether a body is an HTML page rather than the JSON a registry documents: a firewall's "Request Rejected", a maintenance
 * page, a proxy's error. It says nothing about the company asked, so the registry counts as unavailable, not as broken.
 */
export function htmlPage(body: string, contentType: string | null): string | undefined {
  const start = body.trimStart().slice(0, 200).toLowerCase();
  if (
    !(contentType ?? '').toLowerCase().includes('text/html') &&
    !start.startsWith('<!doctype html') &&
    !start.startsWith('<html')
  )
    return undefined;
  const title = /<title[^>]*>([^<]*)<\/title>/i.exec(body)?.[1] ?? /<h1[^>]*>([^<]*)<\/h1>/i.exec(body)?.[1] ?? '';
  const support = /support id(?:\s+is)?\s*:?\s*([0-9a-z-]{4,40})/i.exec(body)?.[1];
  return [oneLine(title, 100) || 'an HTML page', support && `support ID ${support}`].filter(Boolean).join(', ');
}

export type RegistryAdapterOptions = {
  /** The service's address without a trailing slash (tests point it at a local server). */
  baseUrl: string;
  /** The API's path on that host, when it moved to another version than the adapter's default. */
  path?: string;
  timeoutMs: number;
  /** For "today" in requests that ask about a date (the White List, ANAF). */
  now?: () => Date;
};

/** "YYYY-MM-DD" of `at` in a registry's own time zone: just after its midnight, the UTC date is still yesterday's. */
export function calendarDate(at: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(at);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}

export interface RegistryAdapter {
  readonly source: RegistrySource;
  /** Looks one tax id up; throws RegistryError. `taxId` is already checked and normalized for its country. */
  lookup(taxId: string, country: string): Promise<RegistryCompany>;
}
