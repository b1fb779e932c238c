import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { hang, json, startStandIn, type Answer } from '../../../test/stand-in.js';
import { RegistryError, type RegistryFailure } from './registry.provider.js';
import { ViesAdapter } from './vies.adapter.js';

/** VIES on loopback, under its documented base path: keeps every request and answers as the test says (or never). */
async function startVies() {
  const standIn = await startStandIn();
  return { ...standIn, url: `${standIn.url}/taxation_customs/vies/rest-api` };
}

/** check-vat-number's answer as VIES gives it: the request echoed, a date, the verdict and what the member state disclosed. */
const checked =
  (valid: boolean, name: string, address: string): Answer =>
  (req, res) => {
    const asked = JSON.parse(req.body) as { countryCode: string; vatNumber: string };
    json(res, 200, {
      countryCode: asked.countryCode,
      vatNumber: asked.vatNumber,
      requestDate: '2026-12-03T10:15:42.123Z',
      valid,
      requestIdentifier: '',
      name,
      address,
      traderName: '',
      traderStreet: '',
      traderPostalCode: '',
      traderCity: '',
      traderCompanyType: '',
      traderNameMatch: 'NOT_PROCESSED',
      traderStreetMatch: 'NOT_PROCESSED',
      traderPostalCodeMatch: 'NOT_PROCESSED',
      traderCityMatch: 'NOT_PROCESSED',
      traderCompanyTypeMatch: 'NOT_PROCESSED',
    });
  };
/** VIES's refusal envelope (CommonResponse). */
const refused =
  (status: number, error: string, message?: string): Answer =>
  (_req, res) =>
    json(res, status, { actionSucceed: false, errorWrappers: [{ error, ...(message ? { message } : {}) }] });

const NOW = new Date('2026-12-03T10:15:42.000Z');

async function failure(promise: Promise<unknown>): Promise<RegistryError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(RegistryError);
  return error as RegistryError;
}

const reasonOf = async (promise: Promise<unknown>): Promise<RegistryFailure> => (await failure(promise)).reason;

describe('VIES adapter', () => {
  let vies: Awaited<ReturnType<typeof startVies>>;
  let adapter: ViesAdapter;

  beforeAll(async () => {
    vies = await startVies();
    // Generous: a loaded machine must not turn a test's answer into a timeout (the timeout test has its own adapter).
    adapter = new ViesAdapter({ baseUrl: vies.url, timeoutMs: 5_000, now: () => NOW });
  });
  afterEach(() => vies.reset());
  afterAll(() => vies.close());

  it('asks check-vat-number with a JSON body and maps a valid French company', async () => {
    vies.answer(checked(true, 'SARL BOULANGERIE DU MARAIS', '12 RUE DES ROSIERS\n75004 PARIS'));
    const company = await adapter.lookup('40303265045', 'FR');

    expect(vies.seen).toHaveLength(1);
    const [request] = vies.seen;
    expect(request!.method).toBe('POST');
    expect(request!.path).toBe('/taxation_customs/vies/rest-api/check-vat-number');
    expect(request!.headers['content-type']).toBe('application/json');
    expect(JSON.parse(request!.body)).toEqual({ countryCode: 'FR', vatNumber: '40303265045' });

    expect(company).toEqual({
      source: 'vies',
      country: 'FR',
      taxId: '40303265045',
      name: 'SARL BOULANGERIE DU MARAIS',
      address: {
        raw: '12 RUE DES ROSIERS\n75004 PARIS',
        line1: '12 RUE DES ROSIERS',
        postalCode: '75004',
        city: 'PARIS',
        country: 'FR',
      },
      vatStatus: 'active',
      status: { vat: 'active', wording: 'valid' },
      checkedAt: NOW.toISOString(),
    });
  });

  it('asks the path it is given, when VIES moves its API', async () => {
    const moved = new ViesAdapter({
      baseUrl: vies.url,
      path: '/v2/check-vat-number',
      timeoutMs: 5_000,
      now: () => NOW,
    });
    vies.answer(checked(true, 'SARL BOULANGERIE DU MARAIS', '---'));
    await moved.lookup('40303265045', 'FR');
    expect(vies.seen[0]!.path).toBe('/taxation_customs/vies/rest-api/v2/check-vat-number');
  });

  it('splits a Belgian postal line and trims what the member state padded', async () => {
    vies.answer(checked(true, '  BV BAKKERIJ \n', 'Rue Neuve 1\n1000 Bruxelles\n'));
    const company = await adapter.lookup('0123456749', 'BE');
    expect(JSON.parse(vies.seen[0]!.body)).toEqual({ countryCode: 'BE', vatNumber: '0123456749' });
    expect(company.name).toBe('BV BAKKERIJ');
    expect(company.address).toEqual({
      raw: 'Rue Neuve 1\n1000 Bruxelles',
      line1: 'Rue Neuve 1',
      postalCode: '1000',
      city: 'Bruxelles',
      country: 'BE',
    });
  });

  it('asks about Greece as EL and answers with the ISO code GR', async () => {
    vies.answer(checked(true, 'ΑΡΤΟΠΟΙΕΙΟ Α.Ε.', 'ΟΔΟΣ ΕΡΜΟΥ 10 10563 - ΑΘΗΝΑ'));
    const company = await adapter.lookup('094014201', 'GR');
    expect(JSON.parse(vies.seen[0]!.body)).toEqual({ countryCode: 'EL', vatNumber: '094014201' });
    expect(company.country).toBe('GR');
    // No known postal format for Greece: the single line stays whole, with no guessed postal code.
    expect(company.address).toEqual({
      raw: 'ΟΔΟΣ ΕΡΜΟΥ 10 10563 - ΑΘΗΝΑ',
      line1: 'ΟΔΟΣ ΕΡΜΟΥ 10 10563 - ΑΘΗΝΑ',
      country: 'GR',
    });
  });

  it('keeps a valid number whose member state discloses neither name nor address', async () => {
    vies.answer(checked(true, '---', '---'));
    const company = await adapter.lookup('811569869', 'DE');
    expect(company).toMatchObject({ country: 'DE', taxId: '811569869', name: '', vatStatus: 'active' });
    expect(company.address).toBeUndefined();
  });

  it('reads valid: false as not_found', async () => {
    vies.answer(checked(false, '---', '---'));
    const error = await failure(adapter.lookup('00000000000', 'FR'));
    expect(error.reason).toBe('not_found');
    expect(error.message).toContain('FR00000000000');
  });

  it('sends nothing for a country VIES does not cover', async () => {
    expect(await reasonOf(adapter.lookup('123456789', 'US'))).toBe('not_found');
    expect(vies.seen).toHaveLength(0);
  });

  it('reads a member state that is down or busy as unavailable, whatever the HTTP status', async () => {
    vies.answer(
      refused(200, 'MS_UNAVAILABLE'),
      refused(500, 'MS_MAX_CONCURRENT_REQ'),
      refused(200, 'GLOBAL_MAX_CONCURRENT_REQ'),
      refused(503, 'TIMEOUT'),
    );
    const error = await failure(adapter.lookup('40303265045', 'FR'));
    expect(error.reason).toBe('unavailable');
    expect(error.message).toContain('MS_UNAVAILABLE');
    expect(await reasonOf(adapter.lookup('40303265045', 'FR'))).toBe('unavailable');
    expect(await reasonOf(adapter.lookup('40303265045', 'FR'))).toBe('unavailable');
    expect(await reasonOf(adapter.lookup('40303265045', 'FR'))).toBe('unavailable');
  });

  it('reads the per-state endpoint’s userError too', async () => {
    vies.answer((_req, res) =>
      json(res, 200, { isValid: false, userError: 'MS_UNAVAILABLE', name: '---', address: '---' }),
    );
    expect(await reasonOf(adapter.lookup('40303265045', 'FR'))).toBe('unavailable');
  });

  it('reads INVALID_INPUT and the other refusals as refused, with VIES’s code and words for the user', async () => {
    vies.answer(refused(400, 'INVALID_INPUT', 'The provided CountryCode is invalid or the VAT number is empty'));
    const error = await failure(adapter.lookup('40303265045', 'FR'));
    expect(error.reason).toBe('refused');
    expect(error.registryText).toBe('INVALID_INPUT (The provided CountryCode is invalid or the VAT number is empty)');
    // With HTTP 200 too, and for codes that block the requester rather than the number.
    vies.answer(refused(200, 'INVALID_INPUT'), refused(403, 'IP_BLOCKED', 'Your IP address is blocked'));
    expect(await failure(adapter.lookup('40303265045', 'FR'))).toMatchObject({
      reason: 'refused',
      registryText: 'INVALID_INPUT',
    });
    expect(await failure(adapter.lookup('40303265045', 'FR'))).toMatchObject({
      reason: 'refused',
      registryText: 'IP_BLOCKED (Your IP address is blocked)',
    });
  });

  it('reads a firewall’s or proxy’s HTML page as unavailable, whatever its status', async () => {
    vies.answer(
      (_req, res) =>
        res
          .writeHead(200, { 'content-type': 'text/html' })
          .end(
            '<html><head><title>Request Rejected</title></head><body>The requested URL was rejected. Your support ID is: 1234567890</body></html>',
          ),
      (_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('<html>not json</html>'),
    );
    const error = await failure(adapter.lookup('40303265045', 'FR'));
    expect(error.reason).toBe('unavailable');
    expect(error.message).toContain('Request Rejected, support ID 1234567890');
    expect(await reasonOf(adapter.lookup('40303265045', 'FR'))).toBe('unavailable');
  });

  it('reads 500 and 429 without a body it knows as unavailable', async () => {
    vies.answer(
      (_req, res) => res.writeHead(500, { 'content-type': 'text/html' }).end('<html>Internal Server Error</html>'),
      (_req, res) => res.writeHead(429).end(),
    );
    expect(await reasonOf(adapter.lookup('40303265045', 'FR'))).toBe('unavailable');
    expect(await reasonOf(adapter.lookup('40303265045', 'FR'))).toBe('unavailable');
  });

  it('gives up after the timeout, with or without headers sent', async () => {
    vies.answer(hang, (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"countryCode":"FR",');
    });
    const quick = new ViesAdapter({ baseUrl: vies.url, timeoutMs: 200, now: () => NOW });
    const started = Date.now();
    const error = await failure(quick.lookup('40303265045', 'FR'));
    expect(error.reason).toBe('unavailable');
    expect(error.message).toContain('200 ms');
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(await reasonOf(quick.lookup('40303265045', 'FR'))).toBe('unavailable');
  });

  it('reads a refused connection as unavailable', async () => {
    const closed = await startVies();
    const url = closed.url;
    await closed.close();
    const nowhere = new ViesAdapter({ baseUrl: url, timeoutMs: 200 });
    expect(await reasonOf(nowhere.lookup('40303265045', 'FR'))).toBe('unavailable');
  });

  it('reads garbage and unexpected shapes as invalid answers', async () => {
    const answers: Answer[] = [
      (_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{not json'),
      (_req, res) => json(res, 200, ['valid', true]),
      (_req, res) => json(res, 200, { countryCode: 'FR', vatNumber: '40303265045', valid: 'true' }),
      (_req, res) =>
        json(res, 200, { countryCode: 'FR', vatNumber: '40303265045', valid: true, name: { first: 'SARL' } }),
      (_req, res) =>
        json(res, 200, { countryCode: 'DE', vatNumber: '40303265045', valid: true, name: 'SARL', address: '---' }),
      // Someone else's answer: another number of the same country, or one that does not say which.
      (_req, res) =>
        json(res, 200, {
          countryCode: 'FR',
          vatNumber: '44732829320',
          valid: true,
          name: 'SARL AUTRE',
          address: '---',
        }),
      (_req, res) => json(res, 200, { valid: true, name: 'SARL', address: '---' }),
      (_req, res) => json(res, 404, { message: 'no such path' }),
      (_req, res) => res.writeHead(200).end(),
    ];
    vies.answer(...answers);
    for (let i = 0; i < answers.length; i++)
      expect(await reasonOf(adapter.lookup('40303265045', 'FR')), `answer ${i}`).toBe('invalid_answer');
  });

  it('turns control characters into spaces and refuses a name longer than any real one', async () => {
    vies.answer(
      checked(true, 'SARL\u0000 BOULANGERIE\r\nDU MARAIS\u001b', '12 RUE DES ROSIERS\r\n75004 PARIS'),
      checked(true, `SARL ${'X'.repeat(5_000)}`, '---'),
    );
    const company = await adapter.lookup('40303265045', 'FR');
    expect(company.name).toBe('SARL BOULANGERIE DU MARAIS');
    expect(company.address).toMatchObject({
      raw: '12 RUE DES ROSIERS\n75004 PARIS',
      postalCode: '75004',
      city: 'PARIS',
    });
    expect(await reasonOf(adapter.lookup('40303265045', 'FR'))).toBe('invalid_answer');
  });
});
