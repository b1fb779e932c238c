// Looks a company up in its country's public registry by tax id — Poland's White List, Romania's
// ANAF, the EU's VIES for the other member states — so that staff never retype what a registry knows.
// Answers are kept for a while (a registry is slow and rate-limited, and a company's data changes
// rarely): a company for a day, "not found" for ten minutes (a company just registered appears soon); a
// failure is never kept, so the next look-up asks again. What is kept is also what a company is stamped
// with when it is created right after a look-up: the server trusts what it asked itself, never the browser.
import { validateTaxId, type CompanyCountry } from '@bureau/common/validation';
import { AppError, invalid } from '../../http/app-error.js';
import type { Actor } from '../identity/index.js';
import { policy } from '../policy/index.js';
import {
  RegistryError,
  type RegistryAdapter,
  type RegistryCompany,
  type RegistrySource,
  type RegistryStatus,
} from './registry.provider.js';

export type RegistryAdapters = { PL: RegistryAdapter; RO: RegistryAdapter; vies: RegistryAdapter };

/** An adapter that asks about many tax ids in batches (ANAF). */
type BatchAdapter = RegistryAdapter & {
  lookupMany(taxIds: string[]): Promise<Map<string, RegistryCompany | RegistryError>>;
};
const isBatchAdapter = (adapter: RegistryAdapter): adapter is BatchAdapter =>
  typeof (adapter as Partial<BatchAdapter>).lookupMany === 'function';

/** An FR VAT number's key from its SIREN (what VIES is asked with). */
export function frenchVatKey(siren: string): string {
  return String((12 + 3 * (Number(siren) % 97)) % 97).padStart(2, '0');
}

/** The VIES number of a French or Belgian tax id as Bureau stores it. */
function viesNumber(country: 'FR' | 'BE', normalized: string): string {
  if (country === 'BE') return normalized;
  // A French tax id is stored as the SIREN (whether a SIRET or VAT number was typed); VIES wants the key before it.
  return `${frenchVatKey(normalized)}${normalized}`;
}

/** What one look-up settled: the registry's company, or its word that it has none by this tax id. */
export type RegistryReading =
  | { outcome: 'found'; company: RegistryCompany }
  | { outcome: 'not_found'; source: RegistrySource; country: string; taxId: string; checkedAt: string };

/**
 * What a company keeps of its last reading (companies.registry): who answered, when, about which tax id, and the status
 * in detail. Null on the company means the registry was never asked.
 */
export type RegistryRecord = {
  source: RegistrySource;
  outcome: 'found' | 'not_found';
  country: string;
  taxId: string;
  checkedAt: string;
  name?: string;
  status?: RegistryStatus;
  eInvoicing?: boolean;
};

export function registryRecord(reading: RegistryReading): RegistryRecord {
  if (reading.outcome === 'not_found') return { ...reading };
  const { source, country, taxId, checkedAt, name, status, eInvoicing } = reading.company;
  return {
    source,
    outcome: 'found',
    country,
    taxId,
    checkedAt,
    name,
    status,
    ...(eInvoicing !== undefined && { eInvoicing }),
  };
}

export type RegistryServiceOptions = {
  /** How long a found company is kept (24 h). */
  ttlMs?: number;
  /** How long "not found" is kept (10 min). */
  notFoundTtlMs?: number;
  size?: number;
  now?: () => number;
};

export class RegistryService {
  private readonly cache = new Map<string, { until: number; reading: RegistryReading }>();
  private readonly ttlMs: number;
  private readonly notFoundTtlMs: number;
  private readonly size: number;
  private readonly now: () => number;

  constructor(
    private readonly adapters: RegistryAdapters,
    options: RegistryServiceOptions = {},
  ) {
    this.ttlMs = options.ttlMs ?? 24 * 3600_000;
    this.notFoundTtlMs = options.notFoundTtlMs ?? 10 * 60_000;
    this.size = options.size ?? 5_000;
    this.now = options.now ?? Date.now;
  }

  /** The add-company form's look-up: the company, or a registry.* error (not_found included). */
  async lookup(actor: Actor, country: CompanyCountry, rawTaxId: string): Promise<RegistryCompany> {
    policy.require(actor, 'company.list');
    if (country === 'OTHER') throw new AppError('registry.unsupported_country');
    const checked = validateTaxId(country, rawTaxId);
    if (!checked.ok)
      throw invalid({
        taxId: { code: checked.reason === 'checksum' ? 'tax_id_checksum' : 'tax_id_format', params: { kind: country } },
      });
    const reading = await this.read(actor, country, checked.normalized);
    if (reading.outcome === 'not_found') throw new AppError('registry.not_found', { params: { registry: '' } });
    return reading.company;
  }

  /**
   * Asks the registry about a tax id already checked and normalized (as companies store it): from the cache unless
   * `fresh`. "Not found" is an answer; unavailable, refused and unreadable answers throw their registry.* error.
   */
  async read(
    actor: Actor,
    country: Exclude<CompanyCountry, 'OTHER'>,
    taxId: string,
    options: { fresh?: boolean } = {},
  ): Promise<RegistryReading> {
    policy.require(actor, 'company.list');
    if (!options.fresh) {
      const kept = this.remembered(country, taxId);
      if (kept) return kept;
    }
    const adapter = this.adapterFor(country);
    let answer: RegistryCompany | RegistryError;
    try {
      answer =
        country === 'PL' || country === 'RO'
          ? await adapter.lookup(taxId, country)
          : await adapter.lookup(viesNumber(country, taxId), country);
    } catch (err) {
      if (!(err instanceof RegistryError)) throw err;
      answer = err;
    }
    const reading = this.settle(adapter, country, taxId, answer);
    if (reading instanceof AppError) throw reading;
    return reading;
  }

  /**
   * Many tax ids of one country at once (the import's registry filling): what is kept comes from the cache, the rest
   * from the registry — for Romania in ANAF's batches of up to 100, one request a second. Each tax id gets its reading
   * or its own registry.* error; one failing never fails the others.
   */
  async readMany(
    actor: Actor,
    country: Exclude<CompanyCountry, 'OTHER'>,
    taxIds: string[],
  ): Promise<Map<string, RegistryReading | AppError>> {
    policy.require(actor, 'company.list');
    const answers = new Map<string, RegistryReading | AppError>();
    const ask: string[] = [];
    for (const taxId of new Set(taxIds)) {
      const kept = this.remembered(country, taxId);
      if (kept) answers.set(taxId, kept);
      else ask.push(taxId);
    }
    const adapter = this.adapterFor(country);
    if (country === 'RO' && isBatchAdapter(adapter)) {
      const got = await adapter.lookupMany(ask);
      for (const taxId of ask) answers.set(taxId, this.settle(adapter, country, taxId, got.get(taxId)!));
    } else {
      await Promise.all(
        ask.map(async (taxId) => {
          try {
            answers.set(taxId, await this.read(actor, country, taxId));
          } catch (err) {
            if (!(err instanceof AppError)) throw err;
            answers.set(taxId, err);
          }
        }),
      );
    }
    return answers;
  }

  private adapterFor(country: Exclude<CompanyCountry, 'OTHER'>): RegistryAdapter {
    return country === 'PL' ? this.adapters.PL : country === 'RO' ? this.adapters.RO : this.adapters.vies;
  }

  /** A registry's answer as a reading, kept (found a day, not found ten minutes), or as the error to tell; failures are never kept. */
  private settle(
    adapter: RegistryAdapter,
    country: string,
    taxId: string,
    answer: RegistryCompany | RegistryError,
  ): RegistryReading | AppError {
    let reading: RegistryReading;
    if (answer instanceof RegistryError) {
      if (answer.reason !== 'not_found') {
        // The registry's own words only where they explain a refusal; other details stay in the server's hands (and its log).
        return new AppError(`registry.${answer.reason}`, {
          params: {
            registry: answer.reason === 'refused' ? (answer.registryText ?? '') : answer.message.slice(0, 200),
          },
        });
      }
      reading = {
        outcome: 'not_found',
        source: adapter.source,
        country,
        taxId,
        checkedAt: new Date(this.now()).toISOString(),
      };
    } else {
      // Bureau's own form of the tax id, whichever form the registry was asked with.
      reading = { outcome: 'found', company: { ...answer, country, taxId } };
    }
    const key = `${country}:${taxId}`;
    if (this.cache.size >= this.size) this.cache.delete(this.cache.keys().next().value!);
    this.cache.delete(key);
    this.cache.set(key, {
      until: this.now() + (reading.outcome === 'found' ? this.ttlMs : this.notFoundTtlMs),
      reading,
    });
    return reading;
  }

  /** What this server last read about a tax id, if it still keeps it; never asks the registry. */
  remembered(country: CompanyCountry, taxId: string): RegistryReading | undefined {
    const kept = this.cache.get(`${country}:${taxId}`);
    if (!kept) return undefined;
    if (kept.until > this.now()) return kept.reading;
    this.cache.delete(`${country}:${taxId}`);
    return undefined;
  }
}
