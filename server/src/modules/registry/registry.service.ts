// Looks a company up in its country's public registry by tax id — Poland's White List, Romania's
// ANAF, the EU's VIES for the other member states — so that staff never retype what a registry knows.
// Answers are kept for a while (a registry is slow and rate-limited, and a company's data changes
// rarely); a failure is never kept, so the next look-up asks again.
import { validateTaxId, type CompanyCountry } from '@bureau/common/validation';
import { AppError, invalid } from '../../http/app-error.js';
import type { Actor } from '../identity/actor.js';
import { requireOfficeAction } from '../tenancy/policy.js';
import { RegistryError, type RegistryAdapter, type RegistryCompany } from './registry.provider.js';

export type RegistryAdapters = { PL: RegistryAdapter; RO: RegistryAdapter; vies: RegistryAdapter };

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

export class RegistryService {
  private readonly cache = new Map<string, { at: number; company: RegistryCompany }>();

  constructor(
    private readonly adapters: RegistryAdapters,
    private readonly cacheTtlMs = 24 * 3600_000,
    private readonly cacheSize = 5_000,
  ) {}

  async lookup(actor: Actor, country: CompanyCountry, rawTaxId: string): Promise<RegistryCompany> {
    requireOfficeAction(actor, 'company.list');
    if (country === 'OTHER') throw new AppError('registry.unsupported_country');
    const checked = validateTaxId(country, rawTaxId);
    if (!checked.ok) throw invalid({ taxId: { code: checked.reason === 'checksum' ? 'tax_id_checksum' : 'tax_id_format', params: { kind: country } } });
    const key = `${country}:${checked.normalized}`;
    const kept = this.cache.get(key);
    if (kept && Date.now() - kept.at < this.cacheTtlMs) return kept.company;
    let company: RegistryCompany;
    try {
      company =
        country === 'PL'
          ? await this.adapters.PL.lookup(checked.normalized, 'PL')
          : country === 'RO'
            ? await this.adapters.RO.lookup(checked.normalized, 'RO')
            : await this.adapters.vies.lookup(viesNumber(country, checked.normalized), country);
    } catch (err) {
      if (err instanceof RegistryError) throw new AppError(`registry.${err.reason}`, { params: { registry: err.reason === 'not_found' ? '' : err.message.slice(0, 200) } });
      throw err;
    }
    // Bureau's own form of the tax id, whichever form the registry was asked with.
    const result = { ...company, country, taxId: checked.normalized };
    if (this.cache.size >= this.cacheSize) this.cache.delete(this.cache.keys().next().value!);
    this.cache.set(key, { at: Date.now(), company: result });
    return result;
  }
}
