// The service's memory of answers, with adapters that count their calls and a clock the test moves: a company is kept a
// day, "not found" ten minutes, a failure never; what is kept is what a new company is stamped with.
import { describe, expect, it } from 'vitest';
import { AppError } from '../../http/app-error.js';
import type { StaffActor } from '../identity/actor.js';
import { RegistryError, type RegistryAdapter, type RegistryCompany } from './registry.provider.js';
import { registryRecord, RegistryService } from './registry.service.js';

const staff: StaffActor = {
  kind: 'staff',
  role: 'employee',
  specialties: [],
  restrictEmployees: false,
  requireTwoFactor: false,
  userId: 'u1',
  officeId: 'o1',
  name: 'Ana',
  email: 'ana@example.test',
  locale: 'en',
  totpEnabled: false,
  sessionId: 's1',
  csrfToken: null,
  apiTokenId: null,
  ip: null,
  requestId: null,
};

const company = (taxId: string): RegistryCompany => ({
  source: 'anaf',
  country: 'RO',
  taxId,
  name: 'DULCE ARDEAL SRL',
  vatStatus: 'inactive',
  status: { vat: 'not_registered', inactive: true, inactiveSince: '2024-03-01' },
  checkedAt: '2026-12-03T10:00:00.000Z',
});

/** An adapter that answers from a script per tax id and counts the questions. */
function scripted(answers: Record<string, () => RegistryCompany>) {
  const calls: string[] = [];
  const adapter: RegistryAdapter = {
    source: 'anaf',
    async lookup(taxId) {
      calls.push(taxId);
      const answer = answers[taxId];
      if (!answer) throw new RegistryError('not_found', `no ${taxId}`);
      return answer();
    },
  };
  return { adapter, calls };
}

function service(answers: Record<string, () => RegistryCompany>) {
  let now = Date.parse('2026-12-03T10:00:00Z');
  const { adapter, calls } = scripted(answers);
  const registry = new RegistryService({ PL: adapter, RO: adapter, vies: adapter }, { now: () => now });
  return { registry, calls, advance: (minutes: number) => (now += minutes * 60_000) };
}

describe('RegistryService', () => {
  it('keeps a company for a day and "not found" for ten minutes', async () => {
    const { registry, calls, advance } = service({ '14399840': () => company('14399840') });
    await registry.lookup(staff, 'RO', '14399840');
    await expect(registry.lookup(staff, 'RO', '18547290')).rejects.toMatchObject({ code: 'registry.not_found' });
    advance(9);
    await registry.lookup(staff, 'RO', '14399840');
    await expect(registry.lookup(staff, 'RO', '18547290')).rejects.toMatchObject({ code: 'registry.not_found' });
    expect(calls).toEqual(['14399840', '18547290']);
    advance(2);
    await expect(registry.lookup(staff, 'RO', '18547290')).rejects.toMatchObject({ code: 'registry.not_found' });
    expect(calls).toEqual(['14399840', '18547290', '18547290']);
    advance(24 * 60);
    await registry.lookup(staff, 'RO', '14399840');
    expect(calls.filter((c) => c === '14399840')).toHaveLength(2);
  });

  it('never keeps a failure, and passes a refusal’s own words on', async () => {
    let fail: RegistryError | undefined = new RegistryError('refused', 'ANAF refused', 'Nu exista niciun CUI');
    const { registry, calls } = service({
      '14399840': () => {
        if (fail) throw fail;
        return company('14399840');
      },
    });
    const error = await registry.lookup(staff, 'RO', '14399840').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({
      code: 'registry.refused',
      options: { params: { registry: 'Nu exista niciun CUI' } },
    });
    fail = new RegistryError('unavailable', 'down');
    await expect(registry.lookup(staff, 'RO', '14399840')).rejects.toMatchObject({ code: 'registry.unavailable' });
    expect(registry.remembered('RO', '14399840')).toBeUndefined();
    fail = undefined;
    expect((await registry.lookup(staff, 'RO', '14399840')).name).toBe('DULCE ARDEAL SRL');
    expect(calls).toHaveLength(3);
  });

  it('remembers readings without asking, asks again when told to, and turns them into what a company keeps', async () => {
    const { registry, calls } = service({ '14399840': () => company('14399840') });
    expect(registry.remembered('RO', '14399840')).toBeUndefined();
    await registry.lookup(staff, 'RO', 'RO 14399840');
    const reading = registry.remembered('RO', '14399840')!;
    expect(registryRecord(reading)).toEqual({
      source: 'anaf',
      outcome: 'found',
      country: 'RO',
      taxId: '14399840',
      checkedAt: '2026-12-03T10:00:00.000Z',
      name: 'DULCE ARDEAL SRL',
      status: { vat: 'not_registered', inactive: true, inactiveSince: '2024-03-01' },
    });
    await registry.read(staff, 'RO', '14399840', { fresh: true });
    expect(calls).toHaveLength(2);
    const missing = await registry.read(staff, 'RO', '18547290');
    expect(registryRecord(missing)).toEqual({
      source: 'anaf',
      outcome: 'not_found',
      country: 'RO',
      taxId: '18547290',
      checkedAt: '2026-12-03T10:00:00.000Z',
    });
  });

  it('reads many tax ids through the adapter’s batches, from the cache where it can, each with its own outcome', async () => {
    const batches: string[][] = [];
    const anaf: RegistryAdapter & { lookupMany(ids: string[]): Promise<Map<string, RegistryCompany | RegistryError>> } =
      {
        source: 'anaf',
        lookup: () => Promise.reject(new Error('one by one is not how many are asked')),
        async lookupMany(ids) {
          batches.push(ids);
          return new Map(
            ids.map((id) => [
              id,
              id === '18547290'
                ? new RegistryError('not_found', 'no')
                : id === '36804251'
                  ? new RegistryError('refused', 'no', 'Nu exista')
                  : company(id),
            ]),
          );
        },
      };
    const { adapter } = scripted({ '14399840': () => company('14399840') });
    const registry = new RegistryService({ PL: adapter, RO: anaf, vies: adapter });
    const first = await registry.readMany(staff, 'RO', ['14399840', '18547290', '36804251', '14399840']);
    expect(batches).toEqual([['14399840', '18547290', '36804251']]);
    expect(first.get('14399840')).toMatchObject({ outcome: 'found', company: { taxId: '14399840' } });
    expect(first.get('18547290')).toMatchObject({ outcome: 'not_found' });
    expect(first.get('36804251')).toMatchObject({
      code: 'registry.refused',
      options: { params: { registry: 'Nu exista' } },
    });
    // Found and not found are kept; the refusal is asked again.
    await registry.readMany(staff, 'RO', ['14399840', '18547290', '36804251']);
    expect(batches).toEqual([['14399840', '18547290', '36804251'], ['36804251']]);
  });

  it('is for staff only', async () => {
    const { registry } = service({});
    const client = { ...staff, kind: 'client', companyId: 'c1', access: 'full' } as unknown as StaffActor;
    await expect(registry.lookup(client, 'RO', '14399840')).rejects.toMatchObject({ code: 'forbidden' });
  });
});
