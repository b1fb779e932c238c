import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ANAF_PATH, AnafAdapter, anafDate } from './anaf.adapter.js';
import { hang, json, startStandIn, type Answer } from '../../../test/stand-in.js';
import { RegistryError, type RegistryFailure } from './registry.provider.js';

/** ANAF's service on loopback: keeps every request and answers as the test says (or never). */
const startAnaf = () => startStandIn();

// Midday in Bucharest, so the UTC and Romanian dates agree; the midnight case has its own test.
const NOW = new Date('2026-12-03T10:15:00Z');
const CUI = '14399840';

/** One company as ANAF v9 writes it (fields we do not read included, so the adapter is seen to ignore them). */
function anafCompany(overrides: { general?: Record<string, unknown>; vat?: Record<string, unknown>; office?: Record<string, unknown> } = {}) {
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
      perioade_TVA: [{ data_inceput_ScpTVA: '2001-04-01', data_sfarsit_ScpTVA: '', data_anul_imp_ScpTVA: '', mesaj_ScpTVA: '' }],
      ...overrides.vat,
    },
    inregistrare_RTVAI: { dataActualizareTvaInc: '', dataPublicareTvaInc: '', statusTvaIncasare: false },
    stare_inactiv: { dataInactivare: '', dataReactivare: '', dataPublicare: '', dataRadiere: '', statusInactivi: false },
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

const found = (...companies: unknown[]): Answer => (_request, res) => json(res, 200, { cod: 200, message: 'SUCCESS', found: companies, notFound: [] });

async function failure(promise: Promise<unknown>): Promise<{ reason: RegistryFailure; message: string }> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(RegistryError);
  const { reason, message } = error as RegistryError;
  return { reason, message };
}

describe('AnafAdapter', () => {
  let anaf: Awaited<ReturnType<typeof startAnaf>>;
  let adapter: AnafAdapter;

  beforeAll(async () => {
    anaf = await startAnaf();
    adapter = new AnafAdapter({ baseUrl: anaf.url, timeoutMs: 2000, now: () => NOW });
  });
  afterAll(() => anaf.close());
  beforeEach(() => anaf.reset());

  it('asks ANAF v9 for the CUI as of today and maps a VAT-registered e-Factura company', async () => {
    anaf.answer(found(anafCompany()));
    const company = await adapter.lookup(CUI, 'RO');

    expect(anaf.seen).toHaveLength(1);
    const request = anaf.seen[0]!;
    expect(request.method).toBe('POST');
    expect(request.path).toBe('/api/PlatitorTvaRest/v9/tva');
    expect(request.headers['content-type']).toBe('application/json');
    const body = JSON.parse(request.body) as unknown;
    // The cui goes as a JSON number: ANAF refuses strings.
    expect(body).toStrictEqual([{ cui: 14399840, data: '2026-12-03' }]);

    expect(company).toStrictEqual({
      source: 'anaf',
      country: 'RO',
      taxId: CUI,
      name: 'SOCIETATEA DULCE ARDEAL SRL',
      address: {
        raw: 'Str. Avram Iancu nr. 5, Cluj-Napoca, jud. Cluj',
        line1: 'Str. Avram Iancu 5',
        postalCode: '400089',
        city: 'Mun. Cluj-Napoca',
        region: 'CLUJ',
        country: 'RO',
      },
      vatStatus: 'active',
      eInvoicing: true,
      checkedAt: NOW.toISOString(),
    });
  });

  it('keeps Romanian diacritics, trims fields, and reports a company out of VAT and e-Factura', async () => {
    anaf.answer(
      found(
        anafCompany({
          general: { cui: '14399840', denumire: '  ȘTEFĂNESCU ȚESĂTORIE ÎNTREPRINDERE SRL \n', adresa: ' Sat Mărișel, nr. 12, jud. Cluj ', codPostal: '', statusRO_e_Factura: false },
          vat: { scpTVA: false },
          office: { sdenumire_Strada: '', snumar_Strada: '12', sdenumire_Localitate: 'Sat Mărișel', scod_Postal: '' },
        }),
      ),
    );
    const company = await adapter.lookup(CUI, 'RO');
    expect(company.name).toBe('ȘTEFĂNESCU ȚESĂTORIE ÎNTREPRINDERE SRL');
    expect(company.vatStatus).toBe('inactive');
    expect(company.eInvoicing).toBe(false);
    // No street (a village): the whole address is the first line, and there is no postal code to give.
    expect(company.address).toStrictEqual({ raw: 'Sat Mărișel, nr. 12, jud. Cluj', line1: 'Sat Mărișel, nr. 12, jud. Cluj', city: 'Sat Mărișel', region: 'CLUJ', country: 'RO' });
  });

  it('says the VAT status is unknown when ANAF leaves the VAT section out', async () => {
    const company = anafCompany() as Record<string, unknown>;
    delete company.inregistrare_scop_Tva;
    anaf.answer(found(company));
    expect((await adapter.lookup(CUI, 'RO')).vatStatus).toBe('unknown');
  });

  it('asks about the Romanian calendar day, which starts before the UTC one', async () => {
    expect(anafDate(new Date('2026-12-03T22:30:00Z'))).toBe('2026-12-04');
    expect(anafDate(new Date('2026-07-01T20:59:00Z'))).toBe('2026-07-01');
    expect(anafDate(new Date('2026-07-01T21:00:00Z'))).toBe('2026-07-02');
  });

  it('turns a CUI listed in notFound, or an empty found, into not_found', async () => {
    anaf.answer((_request, res) => json(res, 200, { cod: 200, message: 'SUCCESS', found: [], notFound: [Number(CUI)] }));
    expect(await failure(adapter.lookup(CUI, 'RO'))).toMatchObject({ reason: 'not_found' });
    anaf.answer((_request, res) => json(res, 200, { cod: 200, message: 'SUCCESS', found: [], notFound: [] }));
    expect(await failure(adapter.lookup(CUI, 'RO'))).toMatchObject({ reason: 'not_found' });
  });

  it('treats 5xx and 429 as unavailable, other 4xx as invalid_answer with the status', async () => {
    anaf.answer((_request, res) => json(res, 500, { message: 'Internal Server Error' }));
    expect(await failure(adapter.lookup(CUI, 'RO'))).toMatchObject({ reason: 'unavailable', message: expect.stringContaining('500') });
    anaf.answer((_request, res) => json(res, 429, { message: 'Too Many Requests' }));
    expect(await failure(adapter.lookup(CUI, 'RO'))).toMatchObject({ reason: 'unavailable', message: expect.stringContaining('429') });
    anaf.answer((_request, res) => json(res, 404, { message: 'Not Found' }));
    expect(await failure(adapter.lookup(CUI, 'RO'))).toMatchObject({ reason: 'invalid_answer', message: expect.stringContaining('404') });
  });

  it('gives up as unavailable soon after the timeout when ANAF hangs', async () => {
    const quick = new AnafAdapter({ baseUrl: anaf.url, timeoutMs: 200, now: () => NOW });
    anaf.answer(hang);
    const started = Date.now();
    expect(await failure(quick.lookup(CUI, 'RO'))).toMatchObject({ reason: 'unavailable', message: expect.stringContaining('200 ms') });
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('is unavailable when nothing listens', async () => {
    const closed = await startAnaf();
    const url = closed.url;
    await closed.close();
    const nowhere = new AnafAdapter({ baseUrl: url, timeoutMs: 1000, now: () => NOW });
    expect(await failure(nowhere.lookup(CUI, 'RO'))).toMatchObject({ reason: 'unavailable', message: expect.stringContaining('ECONNREFUSED') });
  });

  it('rejects HTML and other answers that are not what ANAF documents', async () => {
    anaf.answer((_request, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<html><body><h1>Serviciu indisponibil temporar</h1></body></html>');
    });
    expect(await failure(adapter.lookup(CUI, 'RO'))).toMatchObject({ reason: 'invalid_answer' });

    const broken: unknown[] = [
      ['not', 'an', 'object'],
      { cod: 200, message: 'SUCCESS', found: 'nope', notFound: [] },
      { cod: 400, message: 'Nu exista niciun CUI pentru care sa se returneze informatii', found: [], notFound: [] },
      { cod: 200, message: 'SUCCESS', found: [anafCompany({ general: { cui: 99999999 } })], notFound: [] },
    ];
    for (const body of broken) {
      anaf.answer((_request, res) => json(res, 200, body));
      expect(await failure(adapter.lookup(CUI, 'RO'))).toMatchObject({ reason: 'invalid_answer' });
    }
  });

  it('rejects a found company without a name, or with fields of the wrong type or length', async () => {
    const nameless = anafCompany();
    delete (nameless.date_generale as Record<string, unknown>).denumire;
    const wrong = [
      nameless,
      anafCompany({ general: { denumire: '   ' } }),
      anafCompany({ general: { denumire: 42 } }),
      anafCompany({ general: { denumire: 'A'.repeat(5000) } }),
      anafCompany({ general: { statusRO_e_Factura: 'DA' } }),
      anafCompany({ vat: { scpTVA: 'true' } }),
      anafCompany({ office: { sdenumire_Localitate: { nume: 'Cluj-Napoca' } } }),
    ];
    for (const company of wrong) {
      anaf.answer(found(company));
      expect(await failure(adapter.lookup(CUI, 'RO'))).toMatchObject({ reason: 'invalid_answer' });
    }
  });

  it('refuses a tax id that is not a bare CUI before asking anyone', async () => {
    await expect(adapter.lookup('RO14399840', 'RO')).rejects.toThrow(TypeError);
    await expect(adapter.lookup(CUI, 'PL')).rejects.toThrow(TypeError);
    expect(anaf.seen).toHaveLength(0);
    expect(ANAF_PATH).toBe('/api/PlatitorTvaRest/v9/tva');
  });
});
