// The White List adapter against a local server that answers like wl-api.mf.gov.pl: the request it must send (GET, the
// NIP in the path, today's Warsaw date), the mapping of a found company, and every failure turned into its RegistryError.
import { once } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { RegistryError } from './registry.provider.js';
import { parseWhiteListAddress, warsawDate, WhiteListAdapter } from './whitelist.adapter.js';

const NIP = '6770012309';
// 23:30 UTC on 14 March is already 15 March in Warsaw (CET, UTC+1): the register's "today".
const NOW = new Date('2026-03-14T23:30:00Z');
const TODAY = '2026-03-15';
// Two NRBs with valid check digits (IBAN mod 97).
const ACCOUNT_1 = '35105014451000002315476521';
const ACCOUNT_2 = '90124012441111000012345678';

const FOUND = {
  result: {
    subject: {
      name: 'PIEKARNIA ZŁOTY KŁOS SPÓŁKA Z OGRANICZONĄ ODPOWIEDZIALNOŚCIĄ',
      nip: NIP,
      statusVat: 'Czynny',
      regon: '123456785',
      pesel: null,
      krs: '0000123456',
      residenceAddress: null,
      workingAddress: 'UL. ŻÓŁKIEWSKIEGO 12, 31-539 KRAKÓW',
      representatives: [],
      authorizedClerks: [],
      partners: [],
      registrationLegalDate: '2015-06-01',
      registrationDenialBasis: null,
      registrationDenialDate: null,
      restorationBasis: null,
      restorationDate: null,
      removalBasis: null,
      removalDate: null,
      accountNumbers: [ACCOUNT_1, ACCOUNT_2],
      hasVirtualAccounts: false,
    },
    requestId: 'a1b2c-3d4e5f6',
    requestDateTime: '15-03-2026 00:30:01',
  },
};

type Handler = (req: IncomingMessage, res: ServerResponse) => void;
const json =
  (status: number, body: unknown): Handler =>
  (_req, res) => {
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
    res.end(JSON.stringify(body));
  };
const withSubject = (changes: Record<string, unknown>) =>
  json(200, { result: { ...FOUND.result, subject: { ...FOUND.result.subject, ...changes } } });

let handler: Handler;
let requests: { method?: string; url?: string; accept?: string }[];
let baseUrl: string;
const server = createServer((req, res) => {
  requests.push({ method: req.method, url: req.url, accept: req.headers.accept });
  handler(req, res);
});

beforeAll(async () => {
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  // The "hang" test leaves a request open on purpose.
  server.closeAllConnections();
  server.close();
  await once(server, 'close');
});
beforeEach(() => {
  requests = [];
  handler = json(200, FOUND);
});

const adapter = (timeoutMs = 2_000) => new WhiteListAdapter({ baseUrl: `${baseUrl}/`, timeoutMs, now: () => NOW });
/** The RegistryError a look-up fails with (fails the test if it succeeds or throws something else). */
async function failure(promise: Promise<unknown>): Promise<RegistryError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(RegistryError);
  return error as RegistryError;
}

describe('WhiteListAdapter', () => {
  it('asks for the NIP on today’s Warsaw date and maps an active company with its accounts', async () => {
    const company = await adapter().lookup(NIP, 'PL');

    expect(requests).toEqual([
      { method: 'GET', url: `/api/search/nip/${NIP}?date=${TODAY}`, accept: 'application/json' },
    ]);
    expect(company).toEqual({
      source: 'whitelist',
      country: 'PL',
      taxId: NIP,
      name: 'PIEKARNIA ZŁOTY KŁOS SPÓŁKA Z OGRANICZONĄ ODPOWIEDZIALNOŚCIĄ',
      address: {
        raw: 'UL. ŻÓŁKIEWSKIEGO 12, 31-539 KRAKÓW',
        line1: 'UL. ŻÓŁKIEWSKIEGO 12',
        postalCode: '31-539',
        city: 'KRAKÓW',
        country: 'PL',
      },
      vatStatus: 'active',
      status: { vat: 'active', wording: 'Czynny' },
      bankAccounts: [`PL${ACCOUNT_1}`, `PL${ACCOUNT_2}`],
      checkedAt: NOW.toISOString(),
    });
    expect(adapter().source).toBe('whitelist');
  });

  it('asks the path it is given, with the NIP where {nip} stands', async () => {
    const moved = new WhiteListAdapter({ baseUrl, path: '/api/v2/search/nip/{nip}', timeoutMs: 2_000, now: () => NOW });
    await moved.lookup(NIP, 'PL');
    expect(requests[0]!.url).toBe(`/api/v2/search/nip/${NIP}?date=${TODAY}`);
    expect(() => new WhiteListAdapter({ baseUrl, path: '/api/search/nip', timeoutMs: 1 })).toThrow(TypeError);
  });

  it('tells an exempt payer, one never registered, one removed (with the date) and one put back apart', async () => {
    handler = withSubject({ statusVat: 'Zwolniony' });
    expect((await adapter().lookup(NIP, 'PL')).status).toEqual({ vat: 'exempt', wording: 'Zwolniony' });

    handler = withSubject({
      statusVat: 'Niezarejestrowany',
      registrationDenialDate: '2020-01-10',
      registrationDenialBasis: 'Art. 96 ust. 4',
    });
    expect((await adapter().lookup(NIP, 'PL')).status).toEqual({ vat: 'not_registered', wording: 'Niezarejestrowany' });

    handler = withSubject({
      statusVat: 'Niezarejestrowany',
      removalDate: '2024-05-31',
      removalBasis: 'Art. 96 ust. 9 pkt 1',
    });
    const removed = await adapter().lookup(NIP, 'PL');
    expect(removed.status).toEqual({ vat: 'removed', vatEndedOn: '2024-05-31', wording: 'Niezarejestrowany' });
    expect(removed.vatStatus).toBe('inactive');

    // Removed, then put back: active again, and both dates told.
    handler = withSubject({ statusVat: 'Czynny', removalDate: '2023-02-01', restorationDate: '2023-04-15' });
    expect((await adapter().lookup(NIP, 'PL')).status).toEqual({
      vat: 'active',
      vatRestoredOn: '2023-04-15',
      wording: 'Czynny',
    });

    handler = withSubject({ statusVat: 'Niezarejestrowany', removalDate: '31.05.2024' });
    expect((await failure(adapter().lookup(NIP, 'PL'))).reason).toBe('invalid_answer');
  });

  it('falls back to the residence address, reads the other statuses, and takes missing accounts as none', async () => {
    handler = withSubject({
      statusVat: 'Zwolniony',
      workingAddress: null,
      residenceAddress: ' ZAWADA 26, 28-230 POŁANIEC ',
      accountNumbers: [],
    });
    const exempt = await adapter().lookup(NIP, 'PL');
    expect(exempt.vatStatus).toBe('inactive');
    expect(exempt.address).toEqual({
      raw: 'ZAWADA 26, 28-230 POŁANIEC',
      line1: 'ZAWADA 26',
      postalCode: '28-230',
      city: 'POŁANIEC',
      country: 'PL',
    });
    expect(exempt.bankAccounts).toEqual([]);

    handler = withSubject({
      statusVat: 'Niezarejestrowany',
      workingAddress: null,
      residenceAddress: null,
      accountNumbers: undefined,
    });
    const removed = await adapter().lookup(NIP, 'PL');
    expect(removed.vatStatus).toBe('inactive');
    expect(removed.address).toBeUndefined();
    expect(removed.bankAccounts).toEqual([]);

    // A status word the register may add later is not a broken answer.
    handler = withSubject({ statusVat: 'Zawieszony' });
    expect((await adapter().lookup(NIP, 'PL')).vatStatus).toBe('unknown');
  });

  it('says not_found when the register holds no such NIP', async () => {
    handler = json(200, { result: { subject: null, requestId: 'x1', requestDateTime: '15-03-2026 00:30:01' } });
    const error = await failure(adapter().lookup(NIP, 'PL'));
    expect(error.reason).toBe('not_found');
  });

  it('turns a WL-1xx refusal into refused, carrying its code and message for the user', async () => {
    handler = json(400, { code: 'WL-115', message: 'Nieprawidłowy NIP.' });
    const error = await failure(adapter().lookup(NIP, 'PL'));
    expect(error.reason).toBe('refused');
    expect(error.registryText).toBe('WL-115 Nieprawidłowy NIP.');

    handler = json(400, {
      exception: { code: 'WL-113', message: "Pole 'NIP' ma nieprawidłową długość.\nWymagane 10 znaków." },
    });
    const wrapped = await failure(adapter().lookup(NIP, 'PL'));
    expect(wrapped.reason).toBe('refused');
    expect(wrapped.registryText).toBe("WL-113 Pole 'NIP' ma nieprawidłową długość. Wymagane 10 znaków.");

    handler = json(400, { code: 'WL-103', message: 'Data nie może być datą przyszłą.' });
    expect(await failure(adapter().lookup(NIP, 'PL'))).toMatchObject({
      reason: 'refused',
      registryText: 'WL-103 Data nie może być datą przyszłą.',
    });
  });

  it('reads a firewall’s or maintenance HTML page as unavailable, not as a broken answer', async () => {
    handler = (_req, res) =>
      res.writeHead(200, { 'content-type': 'text/html' }).end('<html><title>Przerwa techniczna</title></html>');
    expect(await failure(adapter().lookup(NIP, 'PL'))).toMatchObject({
      reason: 'unavailable',
      message: expect.stringContaining('Przerwa techniczna'),
    });
    handler = (_req, res) => res.writeHead(403, { 'content-type': 'text/html' }).end('<html>Forbidden</html>');
    expect((await failure(adapter().lookup(NIP, 'PL'))).reason).toBe('unavailable');
  });

  it('says unavailable for a 5xx, a 429 and the codes that mean "try later"', async () => {
    handler = json(500, { code: 'WL-100', message: 'Wystąpił nieoczekiwany błąd serwera.' });
    const serverError = await failure(adapter().lookup(NIP, 'PL'));
    expect(serverError.reason).toBe('unavailable');
    expect(serverError.message).toContain('WL-100');

    handler = (_req, res) =>
      res.writeHead(503, { 'content-type': 'text/html' }).end('<html><body>Service Unavailable</body></html>');
    expect((await failure(adapter().lookup(NIP, 'PL'))).reason).toBe('unavailable');

    handler = (_req, res) => res.writeHead(429).end();
    expect((await failure(adapter().lookup(NIP, 'PL'))).reason).toBe('unavailable');

    handler = json(400, { code: 'WL-191', message: 'Limit żądań dla tego adresu IP został na dziś wyczerpany.' });
    expect((await failure(adapter().lookup(NIP, 'PL'))).reason).toBe('unavailable');
  });

  it('says unavailable when the register does not answer within the timeout, or cannot be reached', async () => {
    handler = () => undefined;
    const started = Date.now();
    const error = await failure(adapter(200).lookup(NIP, 'PL'));
    expect(error.reason).toBe('unavailable');
    expect(Date.now() - started).toBeLessThan(1_500);

    // A body that starts but never ends is cut by the same timeout.
    handler = (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"result":');
    };
    expect((await failure(adapter(200).lookup(NIP, 'PL'))).reason).toBe('unavailable');

    const closed = createServer();
    closed.listen(0, '127.0.0.1');
    await once(closed, 'listening');
    const port = (closed.address() as AddressInfo).port;
    closed.close();
    await once(closed, 'close');
    const unreachable = new WhiteListAdapter({ baseUrl: `http://127.0.0.1:${port}`, timeoutMs: 2_000, now: () => NOW });
    expect((await failure(unreachable.lookup(NIP, 'PL'))).reason).toBe('unavailable');
  });

  it('says invalid_answer for garbage and for answers that do not have the documented shape', async () => {
    const garbage: Handler[] = [
      (_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{"result": '),
      json(403, { message: 'Forbidden' }),
      json(200, { result: null }),
      json(200, { result: { subject: 'PIEKARNIA' } }),
      json(200, { result: { requestId: 'x' } }),
      json(200, [FOUND]),
      withSubject({ name: 42 }),
      withSubject({ name: '   ' }),
      withSubject({ name: 'X'.repeat(1001) }),
      withSubject({ nip: '5260251003' }),
      withSubject({ workingAddress: { street: 'UL. ŻÓŁKIEWSKIEGO 12' } }),
      withSubject({ accountNumbers: ACCOUNT_1 }),
      withSubject({ accountNumbers: [ACCOUNT_1, '1234'] }),
      // One digit changed: the check digits no longer match.
      withSubject({ accountNumbers: [ACCOUNT_1.replace(/1$/, '2')] }),
    ];
    for (const answer of garbage) {
      handler = answer;
      const error = await failure(adapter().lookup(NIP, 'PL'));
      expect(error.reason).toBe('invalid_answer');
    }
  });

  it('refuses a tax id that is not a NIP before building a URL from it', async () => {
    await expect(adapter().lookup('../../x', 'PL')).rejects.toThrow(TypeError);
    expect(requests).toEqual([]);
  });
});

describe('White List helpers', () => {
  it('parses addresses with commas in the street part, and keeps the ones it cannot split whole', () => {
    expect(parseWhiteListAddress('UL. JANA PAWŁA II 1/3, LOK. 5, 00-001 WARSZAWA')).toEqual({
      raw: 'UL. JANA PAWŁA II 1/3, LOK. 5, 00-001 WARSZAWA',
      line1: 'UL. JANA PAWŁA II 1/3, LOK. 5',
      postalCode: '00-001',
      city: 'WARSZAWA',
      country: 'PL',
    });
    expect(parseWhiteListAddress('KRAKÓW')).toEqual({ raw: 'KRAKÓW', line1: 'KRAKÓW', country: 'PL' });
  });

  it('counts the date in Warsaw, summer time included', () => {
    expect(warsawDate(new Date('2026-07-01T21:59:59Z'))).toBe('2026-07-01');
    expect(warsawDate(new Date('2026-07-01T22:00:00Z'))).toBe('2026-07-02');
    expect(warsawDate(new Date('2026-01-01T12:00:00Z'))).toBe('2026-01-01');
  });
});
