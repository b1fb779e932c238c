import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { ANAF_PATH, AnafAdapter, anafDate } from './anaf.adapter.js';
import { RequestPacer } from './request-pacer.js';
import { hang, json, startStandIn, type Answer } from '../../../test/stand-in.js';
import { RegistryError, type RegistryFailure } from './registry.provider.js';

/** ANAF's service on loopback: keeps every request and answers as the test says (or never). */
const startAnaf = () => startStandIn();

// Midday in Bucharest, so the UTC and Romanian dates agree; the midnight case has its own test.
const NOW = new Date('2026-12-03T10:15:00Z');
const CUI = '14399840';

/** One company as ANAF v9 writes it (fields we do not read included, so the adapter is seen to ignore them). */
function anafCompany(
  overrides: {
    general?: Record<string, unknown>;
    vat?: Record<string, unknown>;
    office?: Record<string, unknown>;
  } = {},
) {
  return {
    date_generale: {
      cui: Number(CUI),
      data: '2026-12-03',
      denumire: 'SOCIETATEA DULCE ARDEAL SRL',
      adresa: 'Str. Avram Iancu nr. 5, Cluj-Napoca, jud. Cluj',
      nrRegCom: 'J12/3456/2001',
      telefon: '0264123456',
      fax: '',
      codPostal: '400089',
      act: '',
      stare_inregistrare: 'INREGISTRAT din data 12.03.2001',
      data_inregistrare: '2001-03-12',
      cod_CAEN: '1071',
      iban: '',
      statusRO_e_Factura: true,
      data_inreg_Reg_RO_e_Factura: '2022-07-01',
      organFiscalCompetent: 'Administraţia Judeţeană a Finanţelor Publice Cluj',
      forma_de_proprietate: 'PROPR.PRIVATA-CAPITAL PRIVAT AUTOHTON',
      forma_organizare: 'PERSOANA JURIDICA',
      forma_juridica: 'SOCIETATE COMERCIALĂ CU RĂSPUNDERE LIMITATĂ',
      ...overrides.general,
    },
    inregistrare_scop_Tva: {
      scpTVA: true,
      perioade_TVA: [
        { data_inceput_ScpTVA: '2001-04-01', data_sfarsit_ScpTVA: '', data_anul_imp_ScpTVA: '', mesaj_ScpTVA: '' },
      ],
      ...overrides.vat,
    },
    inregistrare_RTVAI: { dataActualizareTvaInc: '', dataPublicareTvaInc: '', statusTvaIncasare: false },
    stare_inactiv: {
      dataInactivare: '',
      dataReactivare: '',
      dataPublicare: '',
      dataRadiere: '',
      statusInactivi: false,
    },
    inregistrare_SplitTVA: { dataInceputSplitTVA: '', dataAnulareSplitTVA: '', statusSplitTVA: false },
    adresa_sediu_social: {
      sdenumire_Strada: 'Str. Avram Iancu',
      snumar_Strada: '5',
      sdenumire_Localitate: 'Mun. Cluj-Napoca',
      scod_Localitate: '54975',
      sdenumire_Judet: 'CLUJ',
      scod_Judet: '12',
      scod_JudetAuto: 'CJ',
      stara: 'România',
      sdetalii_Adresa: '',
      scod_Postal: '400089',
      ...overrides.office,
    },
    adresa_domiciliu_fiscal: {},
  };
}

/** A pacer whose clock moves only when it sleeps: pacing is seen in `sleeps`, and no test waits a real second. */
function fakePacer(intervalMs = 1000) {
  let now = 0;
  const sleeps: number[] = [];
  const pacer = new RequestPacer(intervalMs, {
    now: () => now,
    sleep: async (ms) => {
      sleeps.push(ms);
      now += ms;
    },
  });
  return { pacer, sleeps, advance: (ms: number) => (now += ms) };
}

/** What ANAF answers for a batch: each asked CUI among `known` found (named after its CUI), the others notFound. */
const batchAnswer =
  (known: Set<number>): Answer =>
  (request, res) => {
    const asked = (JSON.parse(request.body) as { cui: number }[]).map((item) => item.cui);
    json(res, 200, {
      cod: 200,
      message: 'SUCCESS',
      found: asked
        .filter((cui) => known.has(cui))
        .map((cui) => anafCompany({ general: { cui, denumire: `FIRMA ${cui} SRL` } })),
      notFound: asked.filter((cui) => !known.has(cui)),
    });
  };

const found =
  (...companies: unknown[]): Answer =>
  (_request, res) =>
    json(res, 200, { cod: 200, message: 'SUCCESS', found: companies, notFound: [] });

async function failure(
  promise: Promise<unknown>,
): Promise<{ reason: RegistryFailure; message: string; registryText?: string }> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(RegistryError);
  const { reason, message, registryText } = error as RegistryError;
  return { reason, message, ...(registryText !== undefined && { registryText }) };
}

describe('AnafAdapter', () => {
  let anaf: Awaited<ReturnType<typeof startAnaf>>;
  let adapter: AnafAdapter;

  beforeAll(async () => {
    anaf = await startAnaf();
  });
  afterAll(() => anaf.close());
  beforeEach(() => {
    anaf.reset();
    anaf.otherwise(undefined);
    adapter = new AnafAdapter({ baseUrl: anaf.url, timeoutMs: 2000, now: () => NOW, pacer: new RequestPacer(0) });
  });

  it('asks ANAF v9 for the CUI as of today and maps a VAT-registered e-Factura company', async () => {
    anaf.answer(found(anafCompany()));
    const company = await adapter.lookup(CUI, 'RO');

    expect(anaf.seen).toHaveLength(1);
    const request = anaf.seen[0]!;
    expect(request.method).toBe('POST');
    expect(request.path).toBe('/api/PlatitorTvaRest/v9/tva');
    expect(request.headers['content-type']).toBe('application/json');
    // The cui goes as a JSON number: ANAF refuses strings.
    expect(JSON.parse(request.body)).toStrictEqual([{ cui: 14399840, data: '2026-12-03' }]);

    expect(company).toStrictEqual({
      source: 'anaf',
      country: 'RO',
      taxId: CUI,
      name: 'SOCIETATEA DULCE ARDEAL SRL',
      address: {
        raw: 'Str. Avram Iancu nr. 5, Cluj-Napoca, jud. Cluj',
        line1: 'Str. Avram Iancu nr. 5',
        postalCode: '400089',
        city: 'Mun. Cluj-Napoca',
        region: 'Cluj',
        country: 'RO',
      },
      vatStatus: 'active',
      status: { vat: 'active', wording: 'INREGISTRAT din data 12.03.2001' },
      eInvoicing: true,
      checkedAt: NOW.toISOString(),
    });
  });

  it('asks the path it is given, when ANAF moves to another version', async () => {
    const moved = new AnafAdapter({
      baseUrl: `${anaf.url}/`,
      path: '/api/PlatitorTvaRest/v10/tva',
      timeoutMs: 2000,
      now: () => NOW,
      pacer: new RequestPacer(0),
    });
    anaf.answer(found(anafCompany()));
    await moved.lookup(CUI, 'RO');
    expect(anaf.seen[0]!.path).toBe('/api/PlatitorTvaRest/v10/tva');
  });

  it('keeps every part of a Bucharest address, in the casing people write and with comma-below letters', async () => {
    anaf.answer(
      found(
        anafCompany({
          general: {
            adresa: 'MUNICIPIUL BUCUREŞTI, SECTOR 1, STR. ION CÂMPINEANU, NR.11, BL. A1, SC. 2, ET. 7, AP. 12',
            codPostal: '010031',
          },
          office: {
            sdenumire_Strada: 'STR. ION CÂMPINEANU',
            snumar_Strada: '11',
            sdetalii_Adresa: 'BL. A1, SC. 2, ET. 7, AP. 12',
            sdenumire_Localitate: 'Sector 1 Mun. Bucureşti',
            sdenumire_Judet: 'MUNICIPIUL BUCUREŞTI',
            scod_Postal: '010031',
          },
        }),
      ),
    );
    expect((await adapter.lookup(CUI, 'RO')).address).toStrictEqual({
      raw: 'MUNICIPIUL BUCUREȘTI, SECTOR 1, STR. ION CÂMPINEANU, NR.11, BL. A1, SC. 2, ET. 7, AP. 12',
      line1: 'Str. Ion Câmpineanu nr. 11',
      // The floor and apartment are part of the address: on a line of their own, never dropped.
      line2: 'Bl. A1, Sc. 2, Et. 7, Ap. 12',
      postalCode: '010031',
      city: 'Sector 1 Mun. București',
      region: 'Municipiul București',
      country: 'RO',
    });

    anaf.answer(
      found(
        anafCompany({
          office: {
            sdenumire_Strada: 'CALEA DUDEŞTI DE LA VALE',
            snumar_Strada: 'NR. 7A',
            sdenumire_Localitate: 'SECTOR 3',
            sdenumire_Judet: 'MUNICIPIUL BUCUREŞTI',
          },
        }),
      ),
    );
    expect((await adapter.lookup(CUI, 'RO')).address).toMatchObject({
      line1: 'Calea Dudești de la Vale nr. 7A',
      city: 'Sector 3',
      region: 'Municipiul București',
    });
  });

  it('takes the fiscal domicile (d… fields) when ANAF has no registered office on file', async () => {
    const soleTrader = anafCompany({
      office: {
        sdenumire_Strada: '',
        snumar_Strada: '',
        sdenumire_Localitate: '',
        sdenumire_Judet: '',
        scod_Postal: '',
      },
    }) as Record<string, unknown>;
    soleTrader.adresa_domiciliu_fiscal = {
      ddenumire_Strada: 'BD. 21 DECEMBRIE 1989',
      dnumar_Strada: '33',
      ddetalii_Adresa: 'AP. 4',
      ddenumire_Localitate: 'Mun. Cluj-Napoca',
      ddenumire_Judet: 'CLUJ',
      dcod_Postal: '400105',
    };
    anaf.answer(found(soleTrader));
    expect((await adapter.lookup(CUI, 'RO')).address).toMatchObject({
      line1: 'Bd. 21 Decembrie 1989 nr. 33',
      line2: 'Ap. 4',
      city: 'Mun. Cluj-Napoca',
      region: 'Cluj',
      postalCode: '400105',
    });
  });

  it('keeps Romanian diacritics, trims fields, and writes a village without a street as people do', async () => {
    anaf.answer(
      found(
        anafCompany({
          general: {
            cui: '14399840',
            denumire: '  ȘTEFĂNESCU ŢESĂTORIE ÎNTREPRINDERE SRL \n',
            adresa: ' Sat Mărişel, nr. 12, jud. Cluj ',
            codPostal: '',
            statusRO_e_Factura: false,
          },
          office: { sdenumire_Strada: '', snumar_Strada: '12', sdenumire_Localitate: 'Sat Mărișel', scod_Postal: '' },
        }),
      ),
    );
    const company = await adapter.lookup(CUI, 'RO');
    expect(company.name).toBe('ȘTEFĂNESCU ȚESĂTORIE ÎNTREPRINDERE SRL');
    expect(company.eInvoicing).toBe(false);
    expect(company.address).toStrictEqual({
      raw: 'Sat Mărișel, nr. 12, jud. Cluj',
      line1: 'Sat Mărișel nr. 12',
      city: 'Sat Mărișel',
      region: 'Cluj',
      country: 'RO',
    });
  });

  it('tells a company never registered for VAT from one whose registration ended, with the date', async () => {
    anaf.answer(found(anafCompany({ vat: { scpTVA: false, perioade_TVA: [] } })));
    const never = await adapter.lookup(CUI, 'RO');
    expect(never.status).toMatchObject({ vat: 'not_registered' });
    expect(never.vatStatus).toBe('inactive');

    anaf.answer(
      found(
        anafCompany({
          vat: {
            scpTVA: false,
            perioade_TVA: [
              {
                data_inceput_ScpTVA: '2001-04-01',
                data_sfarsit_ScpTVA: '2015-01-31',
                data_anul_imp_ScpTVA: '',
                mesaj_ScpTVA: '',
              },
              {
                data_inceput_ScpTVA: '2016-02-01',
                data_sfarsit_ScpTVA: '2023-09-30',
                data_anul_imp_ScpTVA: '',
                mesaj_ScpTVA: '',
              },
            ],
          },
        }),
      ),
    );
    expect((await adapter.lookup(CUI, 'RO')).status).toMatchObject({ vat: 'removed', vatEndedOn: '2023-09-30' });
  });

  it('flags an inactive taxpayer and a struck-off company, with their dates', async () => {
    const company = anafCompany() as Record<string, unknown>;
    company.stare_inactiv = {
      dataInactivare: '2024-03-01',
      dataReactivare: ' ',
      dataPublicare: '2024-03-01',
      dataRadiere: '',
      statusInactivi: true,
    };
    anaf.answer(found(company));
    const inactive = await adapter.lookup(CUI, 'RO');
    expect(inactive.status).toStrictEqual({
      vat: 'active',
      inactive: true,
      inactiveSince: '2024-03-01',
      wording: 'INREGISTRAT din data 12.03.2001',
    });

    const struck = anafCompany({
      general: { stare_inregistrare: 'RADIERE din data 15.06.2020' },
      vat: { scpTVA: false, perioade_TVA: [] },
    }) as Record<string, unknown>;
    struck.stare_inactiv = {
      dataInactivare: '2019-01-10',
      dataReactivare: '',
      dataPublicare: '',
      dataRadiere: '2020-06-15',
      statusInactivi: true,
    };
    anaf.answer(found(struck));
    expect((await adapter.lookup(CUI, 'RO')).status).toStrictEqual({
      vat: 'not_registered',
      inactive: true,
      inactiveSince: '2019-01-10',
      struckOff: true,
      struckOffOn: '2020-06-15',
      wording: 'RADIERE din data 15.06.2020',
    });

    // Only the register state says it: the date comes from its words.
    anaf.answer(found(anafCompany({ general: { stare_inregistrare: 'RADIERE din data 02.11.2021' } })));
    expect((await adapter.lookup(CUI, 'RO')).status).toMatchObject({ struckOff: true, struckOffOn: '2021-11-02' });
  });

  it('says the VAT status is unknown when ANAF leaves the VAT section out', async () => {
    const company = anafCompany() as Record<string, unknown>;
    delete company.inregistrare_scop_Tva;
    anaf.answer(found(company));
    expect((await adapter.lookup(CUI, 'RO')).vatStatus).toBe('unknown');
  });

  it('asks about the Romanian calendar day, which starts before the UTC one', () => {
    expect(anafDate(new Date('2026-12-03T22:30:00Z'))).toBe('2026-12-04');
    expect(anafDate(new Date('2026-07-01T20:59:00Z'))).toBe('2026-07-01');
    expect(anafDate(new Date('2026-07-01T21:00:00Z'))).toBe('2026-07-02');
  });

  it('reads a CUI listed in notFound, and a 404 that says "not found", as not_found', async () => {
    anaf.answer((_request, res) =>
      json(res, 200, { cod: 200, message: 'SUCCESS', found: [], notFound: [Number(CUI)] }),
    );
    expect(await failure(adapter.lookup(CUI, 'RO'))).toMatchObject({ reason: 'not_found' });
    anaf.answer((_request, res) => json(res, 404, { cod: 404, message: 'Not found', found: [], notFound: [] }));
    expect(await failure(adapter.lookup(CUI, 'RO'))).toMatchObject({ reason: 'not_found' });
  });

  it('reads a bare 404 as a path that moved, not as a company that does not exist', async () => {
    anaf.answer((_request, res) =>
      json(res, 404, {
        timestamp: '2026-12-03T10:15:00',
        status: 404,
        error: 'Not Found',
        path: '/api/PlatitorTvaRest/v9/tva',
      }),
    );
    expect(await failure(adapter.lookup(CUI, 'RO'))).toMatchObject({
      reason: 'invalid_answer',
      message: expect.stringContaining('/api/PlatitorTvaRest/v9/tva'),
    });
  });

  it('never takes another CUI’s entry for the one asked', async () => {
    anaf.answer(found(anafCompany({ general: { cui: 99999999, denumire: 'ALTA FIRMA SRL' } })));
    expect(await failure(adapter.lookup(CUI, 'RO'))).toMatchObject({
      reason: 'invalid_answer',
      message: expect.stringContaining('does not mention CUI 14399840'),
    });
    // The asked one among others: that one, and only that one.
    anaf.answer(found(anafCompany({ general: { cui: 99999999, denumire: 'ALTA FIRMA SRL' } }), anafCompany()));
    expect((await adapter.lookup(CUI, 'RO')).name).toBe('SOCIETATEA DULCE ARDEAL SRL');
    // An answer that mentions the CUI nowhere is not "not found" either.
    anaf.answer((_request, res) => json(res, 200, { cod: 200, message: 'SUCCESS', found: [], notFound: [] }));
    expect(await failure(adapter.lookup(CUI, 'RO'))).toMatchObject({ reason: 'invalid_answer' });
  });

  it('treats 5xx and 429, in the status or in cod, as unavailable', async () => {
    anaf.answer((_request, res) => json(res, 500, { message: 'Internal Server Error' }));
    expect(await failure(adapter.lookup(CUI, 'RO'))).toMatchObject({
      reason: 'unavailable',
      message: expect.stringContaining('500'),
    });
    anaf.answer((_request, res) => json(res, 429, { message: 'Too Many Requests' }));
    expect(await failure(adapter.lookup(CUI, 'RO'))).toMatchObject({
      reason: 'unavailable',
      message: expect.stringContaining('429'),
    });
    anaf.answer((_request, res) =>
      json(res, 200, { cod: 503, message: 'Serviciu indisponibil', found: [], notFound: [] }),
    );
    expect(await failure(adapter.lookup(CUI, 'RO'))).toMatchObject({
      reason: 'unavailable',
      message: expect.stringContaining('503'),
    });
  });

  it('reads the firewall’s "Request Rejected" page, and any HTML page, as unavailable', async () => {
    anaf.answer((_request, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(
        '<html><head><title>Request Rejected</title></head><body>The requested URL was rejected. Please consult with your administrator.<br><br>Your support ID is: 17361234567890123456<br></body></html>',
      );
    });
    expect(await failure(adapter.lookup(CUI, 'RO'))).toMatchObject({
      reason: 'unavailable',
      message: expect.stringContaining('Request Rejected, support ID 17361234567890123456'),
    });
    anaf.answer((_request, res) => {
      res.writeHead(403);
      res.end('<!DOCTYPE html><html><body><h1>Serviciu indisponibil temporar</h1></body></html>');
    });
    expect(await failure(adapter.lookup(CUI, 'RO'))).toMatchObject({
      reason: 'unavailable',
      message: expect.stringContaining('Serviciu indisponibil temporar'),
    });
  });

  it('quotes ANAF’s own words when it refuses the request', async () => {
    anaf.answer((_request, res) =>
      json(res, 200, {
        cod: 400,
        message: 'Nu exista niciun CUI pentru care sa se returneze informatii',
        found: [],
        notFound: [],
      }),
    );
    expect(await failure(adapter.lookup(CUI, 'RO'))).toMatchObject({
      reason: 'refused',
      registryText: 'Nu exista niciun CUI pentru care sa se returneze informatii',
    });
    anaf.answer((_request, res) => json(res, 400, { cod: 400, message: 'Data trebuie sa fie in formatul AAAA-LL-ZZ' }));
    expect(await failure(adapter.lookup(CUI, 'RO'))).toMatchObject({
      reason: 'refused',
      registryText: 'Data trebuie sa fie in formatul AAAA-LL-ZZ',
    });
  });

  it('gives up as unavailable soon after the timeout when ANAF hangs', async () => {
    const quick = new AnafAdapter({ baseUrl: anaf.url, timeoutMs: 200, now: () => NOW, pacer: new RequestPacer(0) });
    anaf.answer(hang);
    const started = Date.now();
    expect(await failure(quick.lookup(CUI, 'RO'))).toMatchObject({
      reason: 'unavailable',
      message: expect.stringContaining('200 ms'),
    });
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('is unavailable when nothing listens', async () => {
    const closed = await startAnaf();
    const url = closed.url;
    await closed.close();
    const nowhere = new AnafAdapter({ baseUrl: url, timeoutMs: 1000, now: () => NOW, pacer: new RequestPacer(0) });
    expect(await failure(nowhere.lookup(CUI, 'RO'))).toMatchObject({
      reason: 'unavailable',
      message: expect.stringContaining('ECONNREFUSED'),
    });
  });

  it('rejects answers that are not what ANAF documents', async () => {
    const broken: unknown[] = [['not', 'an', 'object'], { cod: 200, message: 'SUCCESS', found: 'nope', notFound: [] }];
    for (const body of broken) {
      anaf.answer((_request, res) => json(res, 200, body));
      expect(await failure(adapter.lookup(CUI, 'RO'))).toMatchObject({ reason: 'invalid_answer' });
    }
    anaf.answer((_request, res) =>
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"cod": 200, "found": ['),
    );
    expect(await failure(adapter.lookup(CUI, 'RO'))).toMatchObject({ reason: 'invalid_answer' });
  });

  it('rejects a found company without a name, or with fields of the wrong type or length', async () => {
    const nameless = anafCompany();
    delete (nameless.date_generale as Record<string, unknown>).denumire;
    const inactiveWrong = anafCompany() as Record<string, unknown>;
    inactiveWrong.stare_inactiv = { statusInactivi: 'DA' };
    const wrong = [
      nameless,
      anafCompany({ general: { denumire: '   ' } }),
      anafCompany({ general: { denumire: 42 } }),
      anafCompany({ general: { denumire: 'A'.repeat(5000) } }),
      anafCompany({ general: { statusRO_e_Factura: 'DA' } }),
      anafCompany({ vat: { scpTVA: 'true' } }),
      anafCompany({ vat: { perioade_TVA: 'none' } }),
      anafCompany({ office: { sdenumire_Localitate: { nume: 'Cluj-Napoca' } } }),
      inactiveWrong,
    ];
    anaf.answer((_request, res) =>
      json(res, 200, {
        cod: 200,
        message: 'SUCCESS',
        found: wrong.map((company, i) => ({
          ...company,
          date_generale: { ...(company.date_generale as Record<string, unknown>), cui: 1000 + i },
        })),
        notFound: [],
      }),
    );
    const answers = await adapter.lookupMany(wrong.map((_, i) => String(1000 + i)));
    // One request for all of them, and each broken entry fails alone.
    expect(anaf.seen).toHaveLength(1);
    for (const [cui, answer] of answers) expect(answer, `CUI ${cui}`).toMatchObject({ reason: 'invalid_answer' });
  });

  it('sends the look-ups waiting for their turn in one request, and gives each caller its own company', async () => {
    const { pacer, sleeps } = fakePacer();
    const batching = new AnafAdapter({ baseUrl: anaf.url, timeoutMs: 2000, now: () => NOW, pacer });
    anaf.otherwise(batchAnswer(new Set([14399840, 18547290, 36804251])));

    const [a, b, c, again] = await Promise.all([
      batching.lookup('14399840', 'RO'),
      batching.lookup('18547290', 'RO'),
      batching.lookup('36804251', 'RO'),
      // The same CUI twice is asked once.
      batching.lookup('14399840', 'RO'),
    ]);
    expect(anaf.seen).toHaveLength(1);
    expect((JSON.parse(anaf.seen[0]!.body) as { cui: number }[]).map((item) => item.cui)).toEqual([
      14399840, 18547290, 36804251,
    ]);
    expect([a.name, b.name, c.name, again.name]).toEqual([
      'FIRMA 14399840 SRL',
      'FIRMA 18547290 SRL',
      'FIRMA 36804251 SRL',
      'FIRMA 14399840 SRL',
    ]);
    expect([a.taxId, b.taxId, c.taxId]).toEqual(['14399840', '18547290', '36804251']);

    // The next request waits for ANAF's second.
    await batching.lookup('18547290', 'RO');
    expect(anaf.seen).toHaveLength(2);
    expect(sleeps).toEqual([1000]);
  });

  it('queues what arrives while a request is out, and sends it as the next batch after the pause', async () => {
    const { pacer, sleeps } = fakePacer();
    const batching = new AnafAdapter({ baseUrl: anaf.url, timeoutMs: 2000, now: () => NOW, pacer });
    const known = batchAnswer(new Set([14399840, 18547290, 36804251]));
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    anaf.answer((request, res) => void held.then(() => known(request, res)));
    anaf.otherwise(known);

    const first = batching.lookup('14399840', 'RO');
    // Until the first request is out (on a busy machine that can take longer than any fixed pause).
    await vi.waitFor(() => expect(anaf.seen).toHaveLength(1), { timeout: 5000, interval: 10 });
    const later = [
      batching.lookup('18547290', 'RO'),
      batching.lookup('36804251', 'RO'),
      batching.lookup('11111111', 'RO').catch((e: unknown) => e),
    ];
    release();
    expect((await first).name).toBe('FIRMA 14399840 SRL');
    const [b, c, missing] = await Promise.all(later);
    expect(anaf.seen).toHaveLength(2);
    expect((JSON.parse(anaf.seen[1]!.body) as { cui: number }[]).map((item) => item.cui)).toEqual([
      18547290, 36804251, 11111111,
    ]);
    expect([(b as { name: string }).name, (c as { name: string }).name]).toEqual([
      'FIRMA 18547290 SRL',
      'FIRMA 36804251 SRL',
    ]);
    expect(missing).toMatchObject({ reason: 'not_found' });
    expect(sleeps).toEqual([1000]);
  });

  it('fails every look-up of a batch whose request failed, and asks again for the next ones', async () => {
    const batching = new AnafAdapter({
      baseUrl: anaf.url,
      timeoutMs: 2000,
      now: () => NOW,
      pacer: new RequestPacer(0),
    });
    anaf.answer((_request, res) => json(res, 503, { message: 'Service Unavailable' }));
    const results = await Promise.allSettled([batching.lookup('14399840', 'RO'), batching.lookup('18547290', 'RO')]);
    expect(results.map((r) => r.status === 'rejected' && (r.reason as RegistryError).reason)).toEqual([
      'unavailable',
      'unavailable',
    ]);
    anaf.otherwise(batchAnswer(new Set([14399840])));
    expect((await batching.lookup('14399840', 'RO')).name).toBe('FIRMA 14399840 SRL');
    expect(anaf.seen).toHaveLength(2);
  });

  it('looks many CUIs up at most 100 a request, one request a second', async () => {
    const { pacer, sleeps } = fakePacer();
    const many = new AnafAdapter({ baseUrl: anaf.url, timeoutMs: 5000, now: () => NOW, pacer });
    const cuis = Array.from({ length: 250 }, (_, i) => String(20_000_000 + i));
    const known = new Set(cuis.filter((_, i) => i % 2 === 0).map(Number));
    anaf.otherwise(batchAnswer(known));

    const answers = await many.lookupMany([...cuis, cuis[0]!]);
    expect(anaf.seen.map((request) => (JSON.parse(request.body) as unknown[]).length)).toEqual([100, 100, 50]);
    expect(sleeps).toEqual([1000, 1000]);
    expect(answers.size).toBe(250);
    expect(answers.get('20000000')).toMatchObject({ name: 'FIRMA 20000000 SRL', taxId: '20000000' });
    expect(answers.get('20000001')).toMatchObject({ reason: 'not_found' });
  });

  it('refuses a tax id that is not a bare CUI before asking anyone', async () => {
    await expect(adapter.lookup('RO14399840', 'RO')).rejects.toThrow(TypeError);
    await expect(adapter.lookup(CUI, 'PL')).rejects.toThrow(TypeError);
    expect(anaf.seen).toHaveLength(0);
    expect(ANAF_PATH).toBe('/api/PlatitorTvaRest/v9/tva');
  });
});

describe('RequestPacer', () => {
  it('lets the first request go at once and spaces the next ones by the interval, in order', async () => {
    const { pacer, sleeps, advance } = fakePacer(1000);
    await pacer.turn();
    await Promise.all([pacer.turn(), pacer.turn()]);
    expect(sleeps).toEqual([1000, 1000]);
    // After a quiet while, no wait.
    advance(5000);
    await pacer.turn();
    expect(sleeps).toEqual([1000, 1000]);
  });

  it('is one per host in the process', () => {
    expect(RequestPacer.forHost('https://webservicesp.anaf.ro', 1000)).toBe(
      RequestPacer.forHost('https://webservicesp.anaf.ro/', 1000),
    );
    expect(RequestPacer.forHost('https://webservicesp.anaf.ro', 1000)).not.toBe(
      RequestPacer.forHost('http://127.0.0.1:9', 1000),
    );
  });
});
