import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signIn, type Session } from '../../../test/harness.js';

/** One local stand-in for the three registries, answering in each one's documented format. */
function registries() {
  const asked: { method: string; path: string; body: string }[] = [];
  let answer: 'normal' | 'down' = 'normal';
  const read = async (req: IncomingMessage) => {
    let body = '';
    for await (const chunk of req) body += chunk;
    return body;
  };
  const server: Server = createServer(async (req, res) => {
    const body = await read(req);
    const path = new URL(req.url!, 'http://x').pathname;
    asked.push({ method: req.method!, path, body });
    const json = (status: number, value: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(value));
    };
    if (answer === 'down') return json(503, { message: 'Service Unavailable' });
    if (path === '/api/PlatitorTvaRest/v9/tva') {
      const { cui } = (JSON.parse(body) as { cui: number }[])[0]!;
      if (cui !== 14399840) return json(200, { cod: 200, message: 'SUCCESS', found: [], notFound: [cui] });
      return json(200, {
        cod: 200,
        message: 'SUCCESS',
        found: [
          {
            date_generale: { cui: 14399840, data: '2026-12-03', denumire: 'DULCE ARDEAL SRL', adresa: 'MUN. CLUJ-NAPOCA, STR. AVRAM IANCU, NR.5', codPostal: '400089', statusRO_e_Factura: true },
            inregistrare_scop_Tva: { scpTVA: true, perioade_TVA: [] },
            adresa_sediu_social: { sdenumire_Strada: 'Str. Avram Iancu', snumar_Strada: '5', sdenumire_Localitate: 'Mun. Cluj-Napoca', sdenumire_Judet: 'CLUJ', scod_Postal: '400089', stara: 'ROMANIA', scod_JudetAuto: 'CJ' },
          },
        ],
        notFound: [],
      });
    }
    const nip = /^\/api\/search\/nip\/(\d{10})$/.exec(path)?.[1];
    if (nip) {
      if (nip !== '5260250274') return json(200, { result: { subject: null, requestId: 'x', requestDateTime: '03-12-2026 10:00:00' } });
      return json(200, {
        result: {
          subject: {
            name: 'PIEKARNIA ZŁOTY KŁOS SPÓŁKA Z OGRANICZONĄ ODPOWIEDZIALNOŚCIĄ',
            nip,
            statusVat: 'Czynny',
            regon: '123456785',
            residenceAddress: null,
            workingAddress: 'UL. ŻÓŁKIEWSKIEGO 12, 31-539 KRAKÓW',
            accountNumbers: ['61109010140000071219812874'],
          },
          requestId: 'abc',
          requestDateTime: '03-12-2026 10:00:00',
        },
      });
    }
    if (path === '/check-vat-number') {
      const { countryCode, vatNumber } = JSON.parse(body) as { countryCode: string; vatNumber: string };
      return json(200, { countryCode, vatNumber, requestDate: '2026-12-03', valid: true, name: 'SARL BOULANGERIE DU MARAIS', address: '12 RUE DES ROSIERS\n75004 PARIS' });
    }
    json(404, { message: 'no such path' });
  });
  return {
    asked,
    down: (on: boolean) => (answer = on ? 'down' : 'normal'),
    async start() {
      server.listen(0, '127.0.0.1');
      await once(server, 'listening');
      return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe('public registry look-up', () => {
  const stand = registries();
  let t: Awaited<ReturnType<typeof createTestApp>>;
  let owner: Session;
  let client: Session;

  beforeAll(async () => {
    const url = await stand.start();
    t = await createTestApp({ REGISTRY_ANAF_URL: url, REGISTRY_WHITELIST_URL: url, REGISTRY_VIES_URL: url, REGISTRY_TIMEOUT_MS: '2000' });
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
      address: { line1: 'UL. ŻÓŁKIEWSKIEGO 12', postalCode: '31-539', city: 'KRAKÓW', country: 'PL' },
      bankAccounts: ['PL61109010140000071219812874'],
    });
  });

  it('fills a Romanian company from ANAF, with its VAT and e-Factura registration', async () => {
    const res = await owner.get(`/api/registry/lookup?country=RO&taxId=${encodeURIComponent('R.O. 14399840')}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ source: 'anaf', country: 'RO', taxId: '14399840', name: 'DULCE ARDEAL SRL', vatStatus: 'active', eInvoicing: true });
  });

  it('asks VIES for a French company by its VAT number, made from the SIREN', async () => {
    const before = stand.asked.length;
    const res = await owner.get('/api/registry/lookup?country=FR&taxId=732 829 320');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ source: 'vies', country: 'FR', taxId: '732829320', name: 'SARL BOULANGERIE DU MARAIS' });
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
    expect(unknown.json().error).toMatchObject({ code: 'registry.not_found', message: expect.stringContaining('does not know this tax id') });
    stand.down(true);
    try {
      const down = await owner.get('/api/registry/lookup?country=PL&taxId=7773145129');
      expect(down.statusCode).toBe(503);
      expect(down.json().error.code).toBe('registry.unavailable');
    } finally {
      stand.down(false);
    }
    // A failure is not kept: the next look-up asks again and succeeds.
    expect((await owner.get('/api/registry/lookup?country=PL&taxId=7773145129')).json().error.code).toBe('registry.not_found');
    expect((await owner.get('/api/registry/lookup?country=OTHER&taxId=123')).json().error.code).toBe('registry.unsupported_country');
  });

  it('is for staff only', async () => {
    expect((await client.get('/api/registry/lookup?country=PL&taxId=5260250274')).statusCode).toBe(403);
  });
});
