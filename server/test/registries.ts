// One local stand-in for the three public registries, answering in each one's documented format, with one tax id for
// each shape of answer the tests need (found, not found, VAT-exempt, struck off, refused, a firewall page) and a switch
// that takes them all down.
import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** The tax ids the stand-in knows, by the answer they get. */
export const REG = {
  RO_ACTIVE: '14399840',
  RO_UNKNOWN: '18547290',
  RO_STRUCK_OFF: '36804251',
  RO_FIREWALLED: '36804260',
  PL_ACTIVE: '5260250274',
  PL_UNKNOWN: '7773145129',
  PL_EXEMPT: '1132300001',
  PL_REFUSED: '1132300018',
  BE_REFUSED: '0123456749',
} as const;

const anafEntry = (cui: number) => {
  const struck = cui === Number(REG.RO_STRUCK_OFF);
  return {
    date_generale: {
      cui,
      data: '2026-12-03',
      denumire: struck ? 'VECHE FABRICA SRL' : 'DULCE ARDEAL SRL',
      adresa: struck
        ? 'MUNICIPIUL BUCUREŞTI, SECTOR 3, CALEA DUDEŞTI, NR.7, BL. 2, AP. 5'
        : 'MUN. CLUJ-NAPOCA, STR. AVRAM IANCU, NR.5',
      codPostal: struck ? '031072' : '400089',
      stare_inregistrare: struck ? 'RADIERE din data 15.06.2020' : 'INREGISTRAT din data 12.03.2001',
      statusRO_e_Factura: !struck,
    },
    inregistrare_scop_Tva: struck
      ? {
          scpTVA: false,
          perioade_TVA: [
            {
              data_inceput_ScpTVA: '2010-01-01',
              data_sfarsit_ScpTVA: '2019-01-09',
              data_anul_imp_ScpTVA: '',
              mesaj_ScpTVA: '',
            },
          ],
        }
      : { scpTVA: true, perioade_TVA: [] },
    stare_inactiv: struck
      ? {
          dataInactivare: '2019-01-10',
          dataReactivare: '',
          dataPublicare: '2019-01-10',
          dataRadiere: '2020-06-15',
          statusInactivi: true,
        }
      : { dataInactivare: '', dataReactivare: '', dataPublicare: '', dataRadiere: '', statusInactivi: false },
    adresa_sediu_social: struck
      ? {
          sdenumire_Strada: 'CALEA DUDEŞTI',
          snumar_Strada: '7',
          sdetalii_Adresa: 'BL. 2, AP. 5',
          sdenumire_Localitate: 'SECTOR 3',
          sdenumire_Judet: 'MUNICIPIUL BUCUREŞTI',
          scod_Postal: '031072',
        }
      : {
          sdenumire_Strada: 'Str. Avram Iancu',
          snumar_Strada: '5',
          sdenumire_Localitate: 'Mun. Cluj-Napoca',
          sdenumire_Judet: 'CLUJ',
          scod_Postal: '400089',
          stara: 'ROMANIA',
          scod_JudetAuto: 'CJ',
        },
  };
};

export function registries() {
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
      const cuis = (JSON.parse(body) as { cui: number }[]).map((item) => item.cui);
      if (cuis.includes(Number(REG.RO_FIREWALLED))) {
        res.writeHead(200, { 'content-type': 'text/html' });
        return res.end(
          '<html><head><title>Request Rejected</title></head><body>The requested URL was rejected. Your support ID is: 9182736450</body></html>',
        );
      }
      const known = (cui: number) => cui === Number(REG.RO_ACTIVE) || cui === Number(REG.RO_STRUCK_OFF);
      return json(200, {
        cod: 200,
        message: 'SUCCESS',
        found: cuis.filter(known).map(anafEntry),
        notFound: cuis.filter((cui) => !known(cui)),
      });
    }
    const nip = /^\/api\/search\/nip\/(\d{10})$/.exec(path)?.[1];
    if (nip) {
      if (nip === REG.PL_REFUSED) return json(400, { code: 'WL-115', message: 'Nieprawidłowy NIP.' });
      if (nip !== REG.PL_ACTIVE && nip !== REG.PL_EXEMPT)
        return json(200, { result: { subject: null, requestId: 'x', requestDateTime: '03-12-2026 10:00:00' } });
      const exempt = nip === REG.PL_EXEMPT;
      return json(200, {
        result: {
          subject: {
            name: exempt
              ? 'JAN KOWALSKI USŁUGI KSIĘGOWE'
              : 'PIEKARNIA ZŁOTY KŁOS SPÓŁKA Z OGRANICZONĄ ODPOWIEDZIALNOŚCIĄ',
            nip,
            statusVat: exempt ? 'Zwolniony' : 'Czynny',
            regon: '123456785',
            residenceAddress: null,
            workingAddress: 'UL. ŻÓŁKIEWSKIEGO 12, 31-539 KRAKÓW',
            accountNumbers: exempt ? [] : ['61109010140000071219812874'],
            removalDate: null,
            restorationDate: null,
          },
          requestId: 'abc',
          requestDateTime: '03-12-2026 10:00:00',
        },
      });
    }
    if (path === '/check-vat-number') {
      const { countryCode, vatNumber } = JSON.parse(body) as { countryCode: string; vatNumber: string };
      if (vatNumber === REG.BE_REFUSED)
        return json(400, {
          actionSucceed: false,
          errorWrappers: [
            { error: 'INVALID_INPUT', message: 'The provided CountryCode is invalid or the VAT number is empty' },
          ],
        });
      return json(200, {
        countryCode,
        vatNumber,
        requestDate: '2026-12-03',
        valid: true,
        name: 'SARL BOULANGERIE DU MARAIS',
        address: '12 RUE DES ROSIERS\n75004 PARIS',
      });
    }
    json(404, { message: 'no such path' });
  });
  return {
    asked,
    down: (on: boolean) => (answer = on ? 'down' : 'normal'),
    async start() {
      server.listen(0, '127.0.0.1');
      await once(server, 'listening');
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      return {
        url,
        env: {
          REGISTRY_ANAF_URL: url,
          REGISTRY_WHITELIST_URL: url,
          REGISTRY_VIES_URL: url,
          REGISTRY_TIMEOUT_MS: '2000',
          REGISTRY_ANAF_INTERVAL_MS: '0',
        },
      };
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
