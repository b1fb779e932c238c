// What a public registry tells about a company, whichever registry answered: the adapters (ANAF
// for Romania, the Polish Ministry of Finance's White List, the EU's VIES) turn their own formats into
// this, and their failures into a RegistryError with a reason the user can be told.

export type RegistrySource = 'anaf' | 'whitelist' | 'vies';

export type RegistryAddress = {
  /** The address as the registry wrote it, whole. */
  raw: string;
  line1: string;
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
  /** Registered for VAT now, not (any more), or the registry does not say. */
  vatStatus: 'active' | 'inactive' | 'unknown';
  /** Romania: registered in the RO e-Factura register. */
  eInvoicing?: boolean;
  /** Poland: the bank accounts the White List holds for the company (IBAN, PL…). */
  bankAccounts?: string[];
  /** When the registry answered (ISO 8601). */
  checkedAt: string;
};

export type RegistryFailure =
  /** The registry does not know this tax id. */
  | 'not_found'
  /** It could not be reached, timed out, or answered with an error (5xx, 429): try again later. */
  | 'unavailable'
  /** It answered something that is not what its documentation describes. */
  | 'invalid_answer';

export class RegistryError extends Error {
  constructor(
    readonly reason: RegistryFailure,
    message: string,
  ) {
    super(message);
    this.name = 'RegistryError';
  }
}

export type RegistryAdapterOptions = {
  /** The service's address without a trailing slash (tests point it at a local server). */
  baseUrl: string;
  timeoutMs: number;
  /** For "today" in requests that ask about a date (the White List, ANAF). */
  now?: () => Date;
};

/** "YYYY-MM-DD" of `at` in a registry's own time zone: just after its midnight, the UTC date is still yesterday's. */
export function calendarDate(at: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(at);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}

export interface RegistryAdapter {
  readonly source: RegistrySource;
  /** Looks one tax id up; throws RegistryError. `taxId` is already checked and normalized for its country. */
  lookup(taxId: string, country: string): Promise<RegistryCompany>;
}
