// What a company keeps of the public registry (companies.registry): stamped at creation or on a new tax id only from this
// server's own look-up of that tax id, refreshed by "Check in the registry", audited, and kept inside the office.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signIn, type Session, type TestOffice } from '../../../test/harness.js';
import { REG, registries } from '../../../test/registries.js';

describe('a company’s registry status', () => {
  const stand = registries();
  let t: Awaited<ReturnType<typeof createTestApp>>;
  let office: TestOffice;
  let owner: Session;

  beforeAll(async () => {
    t = await createTestApp((await stand.start()).env);
    office = await t.factories.office();
    owner = await signIn(t.app, office.owner.email);
  });
  afterAll(async () => {
    await t.close();
    await stand.close();
  });

  it('is stamped on a company created right after a look-up of its tax id, flags and dates included', async () => {
    expect((await owner.get(`/api/registry/lookup?country=RO&taxId=${REG.RO_STRUCK_OFF}`)).statusCode).toBe(200);
    const created = await owner.post('/api/companies', {
      name: 'Veche Fabrica SRL',
      country: 'RO',
      taxId: `RO${REG.RO_STRUCK_OFF}`,
    });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json().registry).toEqual({
      source: 'anaf',
      outcome: 'found',
      country: 'RO',
      taxId: REG.RO_STRUCK_OFF,
      checkedAt: expect.any(String),
      name: 'VECHE FABRICA SRL',
      status: {
        vat: 'removed',
        vatEndedOn: '2019-01-09',
        inactive: true,
        inactiveSince: '2019-01-10',
        struckOff: true,
        struckOffOn: '2020-06-15',
        wording: 'RADIERE din data 15.06.2020',
      },
      eInvoicing: false,
    });
    expect((await owner.get(`/api/companies/${created.json().id}`)).json().registry.status.struckOff).toBe(true);
  });

  it('is null for a company whose tax id this server never looked up, and the browser cannot supply it', async () => {
    const plain = await owner.post('/api/companies', { name: 'Dulce Ardeal SRL', country: 'RO', taxId: REG.RO_ACTIVE });
    expect(plain.statusCode).toBe(201);
    expect(plain.json().registry).toBeNull();
    const forged = await owner.post('/api/companies', {
      name: 'Forged',
      country: 'PL',
      taxId: REG.PL_EXEMPT,
      registry: { outcome: 'found', status: { vat: 'active' } },
    });
    expect(forged.statusCode).toBe(400);
  });

  it('follows the tax id: a new number brings its own reading, or none', async () => {
    const company = (
      await owner.post('/api/companies', { name: 'Jan Kowalski', country: 'PL', taxId: REG.PL_ACTIVE })
    ).json();
    expect(company.registry).toBeNull();
    expect((await owner.get(`/api/registry/lookup?country=PL&taxId=${REG.PL_EXEMPT}`)).statusCode).toBe(200);
    const renumbered = await owner.patch(`/api/companies/${company.id}`, { taxId: REG.PL_EXEMPT });
    expect(renumbered.statusCode, renumbered.body).toBe(200);
    expect(renumbered.json().registry).toMatchObject({
      source: 'whitelist',
      outcome: 'found',
      taxId: REG.PL_EXEMPT,
      status: { vat: 'exempt', wording: 'Zwolniony' },
    });
    // Another edit keeps it; another number this server never asked about clears it.
    expect(
      (await owner.patch(`/api/companies/${company.id}`, { name: 'Jan Kowalski Usługi' })).json().registry.status.vat,
    ).toBe('exempt');
    expect((await owner.patch(`/api/companies/${company.id}`, { taxId: '1132300024' })).json().registry).toBeNull();
  });

  it('is read again and kept by "Check in the registry", audited, asking the registry even when it remembers', async () => {
    const company = await t.factories.company(office, { country: 'PL', taxId: REG.PL_ACTIVE, name: 'Piekarnia' });
    await owner.get(`/api/registry/lookup?country=PL&taxId=${REG.PL_ACTIVE}`);
    const before = stand.asked.length;
    const checked = await owner.post(`/api/companies/${company.id}/registry-check`, {});
    expect(checked.statusCode, checked.body).toBe(200);
    expect(stand.asked.length).toBe(before + 1);
    expect(checked.json()).toMatchObject({
      id: company.id,
      registry: { source: 'whitelist', outcome: 'found', status: { vat: 'active', wording: 'Czynny' } },
      permissions: { checkRegistry: true },
    });

    const audit = (await owner.get('/api/audit?action=company.registry_checked')).json().items;
    expect(audit[0]).toMatchObject({
      objectId: company.id,
      before: { registry: null },
      after: { registry: { outcome: 'found', status: { vat: 'active' } } },
    });
  });

  it('keeps "not found" too, keeps the last reading when the registry is down, and says so', async () => {
    const company = await t.factories.company(office, { country: 'RO', taxId: REG.RO_UNKNOWN });
    const missing = await owner.post(`/api/companies/${company.id}/registry-check`, {});
    expect(missing.statusCode).toBe(200);
    expect(missing.json().registry).toEqual({
      source: 'anaf',
      outcome: 'not_found',
      country: 'RO',
      taxId: REG.RO_UNKNOWN,
      checkedAt: expect.any(String),
    });

    stand.down(true);
    try {
      const down = await owner.post(`/api/companies/${company.id}/registry-check`, {});
      expect(down.statusCode).toBe(503);
      expect(down.json().error.code).toBe('registry.unavailable');
    } finally {
      stand.down(false);
    }
    expect((await owner.get(`/api/companies/${company.id}`)).json().registry.outcome).toBe('not_found');

    const refused = await t.factories.company(office, { country: 'PL', taxId: REG.PL_REFUSED });
    const answer = await owner.post(`/api/companies/${refused.id}/registry-check`, {});
    expect(answer.statusCode).toBe(422);
    expect(answer.json().error.message).toContain('WL-115 Nieprawidłowy NIP.');
    const other = await t.factories.company(office, { country: 'OTHER', taxId: 'GB123456789' });
    expect((await owner.post(`/api/companies/${other.id}/registry-check`, {})).json().error.code).toBe(
      'registry.unsupported_country',
    );
  });

  it('stays in the office: its clients do not see it nor ask, another office does not know the company', async () => {
    const company = await t.factories.company(office, { country: 'PL', taxId: '1132300030' });
    await owner.post(`/api/companies/${company.id}/registry-check`, {});
    const client = await signIn(t.app, (await t.factories.clientUser(company, { access: 'full' })).email);
    const seen = (await client.get(`/api/companies/${company.id}`)).json();
    expect(seen.registry).toBeUndefined();
    expect(seen.permissions.checkRegistry).toBe(false);
    expect((await client.post(`/api/companies/${company.id}/registry-check`, {})).statusCode).toBe(403);

    const elsewhere = await t.factories.office();
    const stranger = await signIn(t.app, elsewhere.owner.email);
    expect((await stranger.post(`/api/companies/${company.id}/registry-check`, {})).statusCode).toBe(404);
  });
});
