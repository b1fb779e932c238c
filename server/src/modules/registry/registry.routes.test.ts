import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signIn, type Session } from '../../../test/harness.js';
import { REG, registries } from '../../../test/registries.js';

describe('public registry look-up', () => {
  const stand = registries();
  let t: Awaited<ReturnType<typeof createTestApp>>;
  let owner: Session;
  let client: Session;

  beforeAll(async () => {
    t = await createTestApp((await stand.start()).env);
    const office = await t.factories.office();
    owner = await signIn(t.app, office.owner.email);
    const company = await t.factories.company(office);
    client = await signIn(t.app, (await t.factories.clientUser(company, { access: 'full' })).email);
  });
  afterAll(async () => {
    await t.close();
    await stand.close();
  });

  it('fills a Polish company from the White List, with its address and bank account', async () => {
    const res = await owner.get('/api/registry/lookup?country=PL&taxId=526-025-02-74');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      source: 'whitelist',
      country: 'PL',
      taxId: '5260250274',
      name: 'PIEKARNIA ZŁOTY KŁOS SPÓŁKA Z OGRANICZONĄ ODPOWIEDZIALNOŚCIĄ',
      vatStatus: 'active',
      status: { vat: 'active', wording: 'Czynny' },
      address: { line1: 'UL. ŻÓŁKIEWSKIEGO 12', postalCode: '31-539', city: 'KRAKÓW', country: 'PL' },
      bankAccounts: ['PL61109010140000071219812874'],
    });
  });

  it('fills a Romanian company from ANAF, with its VAT and e-Factura registration', async () => {
    const res = await owner.get(`/api/registry/lookup?country=RO&taxId=${encodeURIComponent('R.O. 14399840')}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      source: 'anaf',
      country: 'RO',
      taxId: '14399840',
      name: 'DULCE ARDEAL SRL',
      vatStatus: 'active',
      eInvoicing: true,
    });
    expect(res.json().status).toEqual({ vat: 'active', wording: 'INREGISTRAT din data 12.03.2001' });
  });

  it('tells a VAT-exempt payer and a struck-off, inactive company apart from an ordinary one without VAT', async () => {
    const exempt = await owner.get(`/api/registry/lookup?country=PL&taxId=${REG.PL_EXEMPT}`);
    expect(exempt.statusCode, exempt.body).toBe(200);
    expect(exempt.json().status).toEqual({ vat: 'exempt', wording: 'Zwolniony' });

    const struck = await owner.get(`/api/registry/lookup?country=RO&taxId=${REG.RO_STRUCK_OFF}`);
    expect(struck.statusCode, struck.body).toBe(200);
    expect(struck.json()).toMatchObject({
      name: 'VECHE FABRICA SRL',
      vatStatus: 'inactive',
      status: {
        vat: 'removed',
        vatEndedOn: '2019-01-09',
        inactive: true,
        inactiveSince: '2019-01-10',
        struckOff: true,
        struckOffOn: '2020-06-15',
        wording: 'RADIERE din data 15.06.2020',
      },
      // Every part of the address, in the casing people write.
      address: {
        line1: 'Calea Dudești nr. 7',
        line2: 'Bl. 2, Ap. 5',
        city: 'Sector 3',
        region: 'Municipiul București',
        postalCode: '031072',
      },
    });
  });

  it('asks VIES for a French company by its VAT number, made from the SIREN', async () => {
    const before = stand.asked.length;
    const res = await owner.get('/api/registry/lookup?country=FR&taxId=732 829 320');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      source: 'vies',
      country: 'FR',
      taxId: '732829320',
      name: 'SARL BOULANGERIE DU MARAIS',
    });
    expect(JSON.parse(stand.asked.at(before)!.body)).toMatchObject({ countryCode: 'FR', vatNumber: '44732829320' });
  });

  it('keeps an answer for a while: the same look-up does not ask the registry again', async () => {
    const before = stand.asked.length;
    expect((await owner.get('/api/registry/lookup?country=PL&taxId=5260250274')).statusCode).toBe(200);
    expect(stand.asked.length).toBe(before);
  });

  it('says clearly, in the user’s language, when the number is wrong, unknown, or the registry is down', async () => {
    const bad = await owner.get('/api/registry/lookup?country=PL&taxId=5260250275');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields.taxId).toBeTruthy();
    const unknown = await owner.get('/api/registry/lookup?country=RO&taxId=18547290');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error).toMatchObject({
      code: 'registry.not_found',
      message: expect.stringContaining('does not know this tax id'),
    });
    stand.down(true);
    try {
      const down = await owner.get('/api/registry/lookup?country=PL&taxId=7773145129');
      expect(down.statusCode).toBe(503);
      expect(down.json().error.code).toBe('registry.unavailable');
    } finally {
      stand.down(false);
    }
    // A failure is not kept: the next look-up asks again and succeeds.
    expect((await owner.get('/api/registry/lookup?country=PL&taxId=7773145129')).json().error.code).toBe(
      'registry.not_found',
    );
    expect((await owner.get('/api/registry/lookup?country=OTHER&taxId=123')).json().error.code).toBe(
      'registry.unsupported_country',
    );
  });

  it('quotes the registry’s own words when it refuses the number, and reads a firewall page as unavailable', async () => {
    const wl = await owner.get(`/api/registry/lookup?country=PL&taxId=${REG.PL_REFUSED}`);
    expect(wl.statusCode).toBe(422);
    expect(wl.json().error).toMatchObject({
      code: 'registry.refused',
      message: expect.stringContaining('“WL-115 Nieprawidłowy NIP.”'),
    });
    const vies = await owner.get(`/api/registry/lookup?country=BE&taxId=${REG.BE_REFUSED}`);
    expect(vies.statusCode).toBe(422);
    expect(vies.json().error.message).toContain(
      'INVALID_INPUT (The provided CountryCode is invalid or the VAT number is empty)',
    );
    const anaf = await owner.get(`/api/registry/lookup?country=RO&taxId=${REG.RO_FIREWALLED}`);
    expect(anaf.statusCode).toBe(503);
    // The support ID and the like stay on the server.
    expect(anaf.json().error).toMatchObject({ code: 'registry.unavailable' });
    expect(anaf.json().error.message).not.toContain('9182736450');
  });

  it('keeps "not found" for a while too: the same look-up does not ask again at once', async () => {
    const before = stand.asked.length;
    expect((await owner.get(`/api/registry/lookup?country=RO&taxId=36804278`)).statusCode).toBe(404);
    expect((await owner.get(`/api/registry/lookup?country=RO&taxId=36804278`)).statusCode).toBe(404);
    expect(stand.asked.length).toBe(before + 1);
  });

  it('is for staff only', async () => {
    expect((await client.get('/api/registry/lookup?country=PL&taxId=5260250274')).statusCode).toBe(403);
  });
});
