import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signIn, type Session, type TestOffice } from '../../../test/harness.js';
import {
  hang,
  json,
  startStandIn,
  type Answer as StandInAnswer,
  type Seen as StandInSeen,
} from '../../../test/stand-in.js';
import { redactUrl } from '../../app.js';
import { OutboundGuard } from '../../net/outbound-guard.js';
import { startWorkers } from '../../workers.js';
import { SmsDelivery } from './sms.delivery.js';
import { checkMobileNumber } from './sms.numbers.js';
import { SmsProviderError, type ProviderEndpoint } from './sms.provider.js';
import { messageSmsText, SMS_LENGTH } from './sms.text.js';
import { SmsapiProvider } from './smsapi.provider.js';
import { twilioSignature, TwilioProvider } from './twilio.provider.js';

type Seen = StandInSeen & { form: Record<string, string> };
type Answer = StandInAnswer<Seen>;

/** A provider's API on loopback, reading each request's form: keeps every request and answers as the test says (or never). */
const startProvider = () =>
  startStandIn<Seen>((seen) => ({ ...seen, form: Object.fromEntries(new URLSearchParams(seen.body)) }));

const SMSAPI_TOKEN = 'smsapi-oauth-token-0123456789';
const TWILIO_SID = `AC${'0123456789abcdef'.repeat(2)}`;
const TWILIO_TOKEN = 'twilio-auth-token-abcdef0123456789';

/** SMSAPI's answer to a sent message (format=json). */
const smsapiAccepted =
  (id: string): Answer =>
  (req, res) =>
    json(res, 200, {
      count: 1,
      list: [
        {
          id,
          points: 0.16,
          number: req.form.to,
          date_sent: 1764760000,
          submitted_number: req.form.to,
          status: 'QUEUE',
          error: null,
          idx: req.form.idx,
          parts: 1,
        },
      ],
    });
/** Twilio's Message resource, as 201 Created answers it. */
const twilioCreated =
  (sid: string): Answer =>
  (req, res) =>
    json(res, 201, {
      sid,
      account_sid: TWILIO_SID,
      to: req.form.To,
      from: req.form.From,
      body: req.form.Body,
      status: 'queued',
      error_code: null,
      error_message: null,
      api_version: '2010-04-01',
      num_segments: '1',
    });

describe('SMS', () => {
  let t: Awaited<ReturnType<typeof createTestApp>>;
  let smsapi: Awaited<ReturnType<typeof startProvider>>;
  let twilio: Awaited<ReturnType<typeof startProvider>>;
  let delivery: SmsDelivery;

  /** The stand-ins are the providers' addresses by the operator's config, allowed on loopback by OUTBOUND_ALLOW_PRIVATE. */
  const local = (baseUrl: string): ProviderEndpoint => ({ baseUrl, guard: t.app.services.outbound, timeoutMs: 400 });

  beforeAll(async () => {
    smsapi = await startProvider();
    twilio = await startProvider();
    t = await createTestApp({ OUTBOUND_ALLOW_PRIVATE: 'true', SMS_SMSAPI_URL: smsapi.url, SMS_TWILIO_URL: twilio.url });
    delivery = new SmsDelivery(t.db, t.app.services.secrets, {
      publicUrl: t.app.config.publicUrl,
      urls: t.app.config.sms,
      guard: t.app.services.outbound,
      timeoutMs: 400,
    });
  });
  afterAll(async () => {
    await t.close();
    await smsapi.close();
    await twilio.close();
  });

  async function officeWith(
    provider: 'smsapi' | 'twilio',
    limits: { dailyCap?: number; perNumberHourly?: number } = {},
  ) {
    const office = await t.factories.office({ name: 'Biuro Rachunkowe Żółw' });
    const owner = await signIn(t.app, office.owner.email);
    const res = await owner.put('/api/sms/settings', {
      provider,
      ...(provider === 'twilio' ? { accountId: TWILIO_SID, token: TWILIO_TOKEN } : { token: SMSAPI_TOKEN }),
      senderName: 'Biuro Zolw',
      dailyCap: limits.dailyCap ?? 100,
      perNumberHourly: limits.perNumberHourly ?? 5,
      enabled: true,
    });
    expect(res.statusCode, res.body).toBe(200);
    return { office, owner };
  }
  const log = async (owner: Session, query = '') =>
    (await owner.get(`/api/sms/messages${query}`)).json().items as {
      id: string;
      status: string;
      error: string | null;
      toNumber: string;
      body: string;
      userId: string | null;
      attempts: number;
      providerMessageId: string | null;
      statusAt: string | null;
    }[];
  const sendTest = async (owner: Session, to: string) => owner.post('/api/sms/test', { to });

  describe('numbers', () => {
    it('normalizes numbers to E.164 with the office country as the default, and refuses what cannot take a text', () => {
      expect(checkMobileNumber('600 123 456', 'PL')).toEqual({ ok: true, e164: '+48600123456' });
      expect(checkMobileNumber('+40 (721) 234-567', 'PL')).toEqual({ ok: true, e164: '+40721234567' });
      expect(checkMobileNumber('06 12 34 56 78', 'FR')).toEqual({ ok: true, e164: '+33612345678' });
      expect(checkMobileNumber('0048600123456', 'PL')).toEqual({ ok: true, e164: '+48600123456' });
      expect(checkMobileNumber('22 123 45 67', 'PL')).toEqual({
        ok: false,
        reason: 'phone_not_mobile',
        e164: '+48221234567',
      });
      expect(checkMobileNumber('+48 700 123 456', 'PL')).toEqual({
        ok: false,
        reason: 'phone_not_mobile',
        e164: '+48700123456',
      });
      expect(checkMobileNumber('12', 'PL')).toEqual({ ok: false, reason: 'phone_invalid' });
      expect(checkMobileNumber('call me', 'PL')).toEqual({ ok: false, reason: 'phone_invalid' });
    });
  });

  describe('texts', () => {
    it('shortens a long subject to keep a notice in one SMS, and keeps the link whole', () => {
      const link = `http://localhost:3000/conversations/${randomUUID()}`;
      const text = messageSmsText('en', {
        office: 'Biuro Rachunkowe',
        author: 'Anna Nowak',
        subject: 'Quarterly VAT return and the documents still missing for the audit',
        link,
      });
      expect([...text].length).toBeLessThanOrEqual(SMS_LENGTH);
      expect(text).toMatch(/^Biuro Rachunkowe: Anna Nowak wrote "Quarterly VAT return .+\.\.\." http:/);
      expect(text.endsWith(link)).toBe(true);
      expect(messageSmsText('pl', { office: 'Biuro', author: 'Jan', subject: 'Faktury', link })).toBe(
        `Biuro: Jan napisał(a) "Faktury" ${link}`,
      );
    });

    it("keeps SMSAPI's report token out of the logs", () => {
      const office = randomUUID();
      expect(redactUrl(`/api/sms/status/smsapi/${office}/SECRETtoken_-1?MsgId=1`)).toBe(
        `/api/sms/status/smsapi/${office}/[redacted]?MsgId=1`,
      );
    });
  });

  describe('SMSAPI', () => {
    it('posts exactly the documented request and records the message id', async () => {
      const { office, owner } = await officeWith('smsapi');
      const before = smsapi.seen.length;
      const queued = await sendTest(owner, '600 123 456');
      expect(queued.statusCode, queued.body).toBe(202);
      expect(queued.json()).toMatchObject({ status: 'pending', toNumber: '+48600123456', provider: 'smsapi' });
      const id = queued.json().id as string;

      smsapi.answer(smsapiAccepted('5F9C3A2B1E0D'));
      expect(await delivery.deliver({ officeId: office.id, smsId: id }, false)).toBe('sent');
      const request = smsapi.seen[before]!;
      expect(request.method).toBe('POST');
      expect(request.path).toBe('/sms.do');
      expect(request.headers.authorization).toBe(`Bearer ${SMSAPI_TOKEN}`);
      expect(request.headers['content-type']).toBe('application/x-www-form-urlencoded');
      expect(request.form).toEqual({
        to: '48600123456',
        message: `${office.name}: a test SMS from Bureau. SMS notifications are working.`,
        from: 'Biuro Zolw',
        format: 'json',
        encoding: 'utf-8',
        notify_url: expect.stringMatching(
          new RegExp(`^http://localhost:3000/api/sms/status/smsapi/${office.id}/[A-Za-z0-9_-]{32}$`),
        ),
        idx: id,
      });
      expect((await log(owner))[0]).toMatchObject({
        id,
        status: 'sent',
        providerMessageId: '5F9C3A2B1E0D',
        attempts: 1,
        error: null,
      });

      // A repeated job finds it sent: nothing is posted twice.
      expect(await delivery.deliver({ officeId: office.id, smsId: id }, false)).toBe('skipped');
      expect(smsapi.seen.length).toBe(before + 1);
    });

    it("keeps SMSAPI's refusal as the admin-readable error, without a retry", async () => {
      const { office, owner } = await officeWith('smsapi');
      const id = (await sendTest(owner, '+48 600 200 300')).json().id as string;
      smsapi.answer((_req, res) => json(res, 200, { error: 13, message: 'No correct phone numbers' }));
      expect(await delivery.deliver({ officeId: office.id, smsId: id }, false)).toBe('failed');
      expect((await log(owner))[0]).toMatchObject({
        status: 'failed',
        error: 'SMSAPI error 13: No correct phone numbers',
        attempts: 1,
      });
      expect(await delivery.deliver({ officeId: office.id, smsId: id }, false)).toBe('skipped');
      // The admin sends it again once the cause is fixed: it goes once more, and only a failed one can.
      expect((await owner.post(`/api/sms/messages/${id}/retry`)).statusCode).toBe(204);
      expect((await log(owner))[0]).toMatchObject({ status: 'pending' });
      smsapi.answer(smsapiAccepted('AGAIN1'));
      expect(await delivery.deliver({ officeId: office.id, smsId: id }, false)).toBe('sent');
      const again = await owner.post(`/api/sms/messages/${id}/retry`);
      expect(again.statusCode).toBe(409);
      expect(again.json().error.code).toBe('sms.not_retryable');
      expect((await owner.post(`/api/sms/messages/${randomUUID()}/retry`)).statusCode).toBe(404);
    });

    it('retries after a 500 and after a provider that never answers, then sends once', async () => {
      const { office, owner } = await officeWith('smsapi');
      const id = (await sendTest(owner, '+48 600 300 400')).json().id as string;
      const before = smsapi.seen.length;

      smsapi.answer((_req, res) => json(res, 500, { error: 999, message: 'Internal system error' }));
      await expect(delivery.deliver({ officeId: office.id, smsId: id }, false)).rejects.toThrow('SMSAPI error 999');
      expect((await log(owner))[0]).toMatchObject({
        status: 'pending',
        error: 'SMSAPI error 999: Internal system error',
        attempts: 1,
      });

      smsapi.answer(hang);
      await expect(delivery.deliver({ officeId: office.id, smsId: id }, false)).rejects.toThrow('no answer within');
      expect((await log(owner))[0]).toMatchObject({ status: 'pending', attempts: 2 });

      smsapi.answer(smsapiAccepted('RETRIED1'));
      expect(await delivery.deliver({ officeId: office.id, smsId: id }, false)).toBe('sent');
      expect(await delivery.deliver({ officeId: office.id, smsId: id }, false)).toBe('skipped');
      expect(smsapi.seen.length).toBe(before + 3);
      expect(smsapi.seen.slice(before).map((r) => r.form.idx)).toEqual([id, id, id]);
      expect((await log(owner))[0]).toMatchObject({
        status: 'sent',
        providerMessageId: 'RETRIED1',
        attempts: 3,
        error: null,
      });
    });

    it('gives up after the last attempt', async () => {
      const { office, owner } = await officeWith('smsapi');
      const id = (await sendTest(owner, '+48 600 400 500')).json().id as string;
      smsapi.answer((_req, res) => json(res, 503, {}));
      expect(await delivery.deliver({ officeId: office.id, smsId: id }, true)).toBe('failed');
      expect((await log(owner))[0]).toMatchObject({ status: 'failed', error: expect.stringContaining('HTTP 503') });
    });

    it('takes delivery reports on the signed URL only, and never lets a late report undo "delivered"', async () => {
      const { office, owner } = await officeWith('smsapi');
      const id = (await sendTest(owner, '+48 600 500 600')).json().id as string;
      smsapi.answer(smsapiAccepted('REPORT1'));
      await delivery.deliver({ officeId: office.id, smsId: id }, false);
      const notifyUrl = new URL(smsapi.seen.at(-1)!.form.notify_url!);

      const forged = await t.app.inject({
        method: 'GET',
        url: `${notifyUrl.pathname.replace(/[^/]+$/, 'A'.repeat(32))}?MsgId=REPORT1&status=404&status_name=DELIVERED`,
      });
      expect(forged.statusCode).toBe(403);
      expect(forged.json().error.code).toBe('sms.callback_invalid');
      expect((await log(owner))[0]!.status).toBe('sent');

      const query = `MsgId=REPORT1&status=404&status_name=DELIVERED&idx=${id}&donedate=1764760100&username=biuro&points=0.16&to=48600500600&from=Biuro%20Zolw`;
      const report = await t.app.inject({ method: 'GET', url: `${notifyUrl.pathname}?${query}` });
      expect(report.statusCode).toBe(200);
      expect(report.body).toBe('OK');
      expect((await log(owner))[0]).toMatchObject({ status: 'delivered', statusAt: expect.any(String) });

      await t.app.inject({ method: 'GET', url: `${notifyUrl.pathname}?MsgId=REPORT1&status=403&status_name=SENT` });
      expect((await log(owner))[0]!.status).toBe('delivered');
    });

    it('answers a report it cannot check, its stored token unreadable, as its own fault (503), not a forgery', async () => {
      const { office, owner } = await officeWith('smsapi');
      const id = (await sendTest(owner, '+48 600 500 700')).json().id as string;
      smsapi.answer(smsapiAccepted('REPORT2'));
      await delivery.deliver({ officeId: office.id, smsId: id }, false);
      const notifyUrl = new URL(smsapi.seen.at(-1)!.form.notify_url!);
      // What a changed instance key leaves behind: a sealed token that no longer opens.
      await t.db.inTenant({ officeId: office.id }, (tx) =>
        tx.execute(sql`UPDATE office_sms_settings SET token_sealed = 'sealed-with-another-key'`),
      );
      const report = await t.app.inject({
        method: 'GET',
        url: `${notifyUrl.pathname}?MsgId=REPORT2&status=404&status_name=DELIVERED&idx=${id}`,
      });
      expect(report.statusCode).toBe(503);
      expect(report.json().error.code).toBe('sms.token_unreadable');
      expect((await log(owner))[0]!.status).toBe('sent');
    });
  });

  describe('Twilio', () => {
    it('posts exactly the documented request with Basic authentication', async () => {
      const { office, owner } = await officeWith('twilio');
      const id = (await sendTest(owner, '+40 721 234 567')).json().id as string;
      twilio.answer(twilioCreated('SM0123456789abcdef0123456789abcdef'));
      expect(await delivery.deliver({ officeId: office.id, smsId: id }, false)).toBe('sent');
      const request = twilio.seen.at(-1)!;
      expect(request.method).toBe('POST');
      expect(request.path).toBe(`/2010-04-01/Accounts/${TWILIO_SID}/Messages.json`);
      expect(request.headers.authorization).toBe(
        `Basic ${Buffer.from(`${TWILIO_SID}:${TWILIO_TOKEN}`).toString('base64')}`,
      );
      expect(request.headers['content-type']).toBe('application/x-www-form-urlencoded');
      expect(request.form).toEqual({
        To: '+40721234567',
        From: 'Biuro Zolw',
        Body: `${office.name}: a test SMS from Bureau. SMS notifications are working.`,
        StatusCallback: `http://localhost:3000/api/sms/status/twilio/${office.id}`,
      });
      expect((await log(owner))[0]).toMatchObject({
        status: 'sent',
        providerMessageId: 'SM0123456789abcdef0123456789abcdef',
      });
    });

    it("fails a refused number with Twilio's message, and retries a 429", async () => {
      const { office, owner } = await officeWith('twilio');
      const refused = (await sendTest(owner, '+40 721 234 568')).json().id as string;
      twilio.answer((_req, res) =>
        json(res, 400, {
          code: 21211,
          message: "The 'To' number +40721234568 is not a valid phone number.",
          more_info: 'https://www.twilio.com/docs/errors/21211',
          status: 400,
        }),
      );
      expect(await delivery.deliver({ officeId: office.id, smsId: refused }, false)).toBe('failed');
      expect((await log(owner)).find((s) => s.id === refused)).toMatchObject({
        status: 'failed',
        error: "Twilio error 21211: The 'To' number +40721234568 is not a valid phone number.",
      });

      const busy = (await sendTest(owner, '+40 721 234 569')).json().id as string;
      twilio.answer((_req, res) =>
        json(res, 429, {
          code: 20429,
          message: 'Too Many Requests',
          more_info: 'https://www.twilio.com/docs/errors/20429',
          status: 429,
        }),
      );
      await expect(delivery.deliver({ officeId: office.id, smsId: busy }, false)).rejects.toThrow('Twilio error 20429');
      twilio.answer(twilioCreated('SMbusy'));
      expect(await delivery.deliver({ officeId: office.id, smsId: busy }, false)).toBe('sent');
    });

    it("signs like Twilio's documented example", () => {
      const params = {
        CallSid: 'CA1234567890ABCDE',
        Caller: '+12349013030',
        Digits: '1234',
        From: '+12349013030',
        To: '+18005551212',
      };
      expect(twilioSignature('12345', 'https://mycompany.com/myapp.php?foo=1&bar=2', params)).toBe(
        '0/KCTR6DLpKmkAf8muzZqo1nDgQ=',
      );
    });

    it('takes status callbacks signed with the Auth Token and refuses a bad signature', async () => {
      const { office, owner } = await officeWith('twilio');
      const id = (await sendTest(owner, '+40 721 234 570')).json().id as string;
      twilio.answer(twilioCreated('SMcallback'));
      await delivery.deliver({ officeId: office.id, smsId: id }, false);
      const url = `/api/sms/status/twilio/${office.id}`;
      const params = {
        MessageSid: 'SMcallback',
        SmsSid: 'SMcallback',
        AccountSid: TWILIO_SID,
        MessageStatus: 'undelivered',
        SmsStatus: 'undelivered',
        ErrorCode: '30003',
        To: '+40721234570',
        From: 'Biuro Zolw',
        ApiVersion: '2010-04-01',
      };
      const post = (signature: string) =>
        t.app.inject({
          method: 'POST',
          url,
          headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature },
          payload: new URLSearchParams(params).toString(),
        });

      const bad = await post(twilioSignature('not-the-token', `http://localhost:3000${url}`, params));
      expect(bad.statusCode).toBe(403);
      expect(bad.json().error.code).toBe('sms.callback_invalid');
      expect((await log(owner))[0]!.status).toBe('sent');

      const good = await post(twilioSignature(TWILIO_TOKEN, `http://localhost:3000${url}`, params));
      expect(good.statusCode, good.body).toBe(204);
      expect((await log(owner))[0]).toMatchObject({ status: 'failed', error: 'Twilio: undelivered (error 30003)' });
    });
  });

  describe('adapters on their own', () => {
    it('turn answers into errors that say whether a retry can help', async () => {
      const sms = { id: randomUUID(), to: '+48600123456', body: 'x', from: 'B', statusUrl: 'http://localhost/x' };
      smsapi.answer((_req, res) => json(res, 401, { error: 101, message: 'Authorization failed' }));
      const refused = await new SmsapiProvider('wrong', local(smsapi.url)).send(sms).catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(SmsProviderError);
      expect(refused).toMatchObject({ retryable: false, message: 'SMSAPI error 101: Authorization failed' });

      twilio.answer((_req, res) => {
        res.writeHead(502, { 'content-type': 'text/html' });
        res.end('<html>Bad gateway</html>');
      });
      expect(
        await new TwilioProvider(TWILIO_SID, 'x', local(twilio.url)).send(sms).catch((e: unknown) => e),
      ).toMatchObject({ retryable: true, message: 'Twilio answered HTTP 502' });

      const closed = await new SmsapiProvider('x', local('http://127.0.0.1:1')).send(sms).catch((e: unknown) => e);
      expect(closed).toMatchObject({ retryable: true, message: expect.stringContaining('cannot reach the provider') });
    });
  });

  describe("the provider's address", () => {
    const sms = { id: randomUUID(), to: '+48600123456', body: 'x', from: 'B', statusUrl: 'http://localhost/x' };
    /** The guard as an instance without OUTBOUND_ALLOW_PRIVATE has it. */
    const guarded = (baseUrl: string): ProviderEndpoint => ({
      baseUrl,
      guard: new OutboundGuard({ allowAll: false, allowCidrs: [] }),
      timeoutMs: 400,
    });

    it('is no longer an office setting: an office cannot aim the server at an address of its choice', async () => {
      const { owner } = await officeWith('smsapi');
      const res = await owner.put('/api/sms/settings', {
        provider: 'smsapi',
        senderName: 'Biuro Zolw',
        dailyCap: 10,
        perNumberHourly: 2,
        enabled: true,
        baseUrl: 'http://169.254.169.254',
      });
      expect(res.statusCode).toBe(400);
      expect((await owner.get('/api/sms/settings')).json()).not.toHaveProperty('baseUrl');
    });

    it('refuses loopback, a private network, the metadata service and a name resolving to loopback unless the operator allows them', async () => {
      const before = smsapi.seen.length;
      const port = new URL(smsapi.url).port;
      for (const url of [
        smsapi.url,
        `http://localhost:${port}`,
        'http://10.0.0.1',
        'http://169.254.169.254',
        'http://[::ffff:127.0.0.1]:1',
        'http://100.64.0.1',
      ]) {
        const refused = await new SmsapiProvider(SMSAPI_TOKEN, guarded(url)).send(sms).catch((e: unknown) => e);
        expect(refused, url).toBeInstanceOf(SmsProviderError);
        // Final, and saying nothing of what is (or is not) behind the address.
        expect(refused, url).toMatchObject({ retryable: false, message: 'address_not_allowed' });
        const twilioRefused = await new TwilioProvider(TWILIO_SID, TWILIO_TOKEN, guarded(url))
          .send(sms)
          .catch((e: unknown) => e);
        expect(twilioRefused, url).toMatchObject({ retryable: false, message: 'address_not_allowed' });
      }
      expect(smsapi.seen.length).toBe(before);
      // The same stand-in with the operator's setting on: it is reached.
      smsapi.answer(smsapiAccepted('ALLOWED1'));
      expect(await new SmsapiProvider(SMSAPI_TOKEN, local(smsapi.url)).send(sms)).toEqual({
        providerMessageId: 'ALLOWED1',
      });
      expect(smsapi.seen.length).toBe(before + 1);
    });

    it('records a refused provider address in the SMS log as its reason, without a retry', async () => {
      const { office, owner } = await officeWith('smsapi');
      const id = (await sendTest(owner, '600 123 457')).json().id as string;
      const before = smsapi.seen.length;
      const strict = new SmsDelivery(t.db, t.app.services.secrets, {
        publicUrl: t.app.config.publicUrl,
        urls: t.app.config.sms,
        guard: new OutboundGuard({ allowAll: false, allowCidrs: [] }),
        timeoutMs: 400,
      });
      expect(await strict.deliver({ officeId: office.id, smsId: id }, false)).toBe('failed');
      expect((await log(owner))[0]).toMatchObject({ id, status: 'failed', error: 'address_not_allowed', attempts: 1 });
      expect(smsapi.seen.length).toBe(before);
    });
  });

  describe('guards', () => {
    it('refuses a malformed or landline number with a clear error, and logs the refusal', async () => {
      const { owner } = await officeWith('smsapi');
      const malformed = await sendTest(owner, '12');
      expect(malformed.statusCode).toBe(400);
      expect(malformed.json().error).toMatchObject({
        code: 'validation',
        fields: { to: 'Enter a phone number with its country code, like +48 600 123 456.' },
      });
      const landline = await sendTest(owner, '22 123 45 67');
      expect(landline.statusCode).toBe(400);
      expect(landline.json().error.fields.to).toBe(
        'This number cannot receive SMS (a landline or a premium-rate number). Enter a mobile number.',
      );
      const refused = await log(owner, '?status=refused');
      expect(refused.map((s) => [s.toNumber, s.error])).toEqual([
        ['+48221234567', 'phone_not_mobile'],
        ['12', 'phone_invalid'],
      ]);
    });

    it('keeps the per-number hourly limit and the daily cap of the office', async () => {
      const { owner } = await officeWith('smsapi', { dailyCap: 3, perNumberHourly: 2 });
      expect((await sendTest(owner, '600 111 222')).statusCode).toBe(202);
      expect((await sendTest(owner, '+48600111222')).statusCode).toBe(202);
      const third = await sendTest(owner, '600-111-222');
      expect(third.statusCode).toBe(429);
      expect(third.json().error.code).toBe('sms.number_rate_limited');
      expect((await sendTest(owner, '600 333 444')).statusCode).toBe(202);
      const overCap = await sendTest(owner, '600 555 666');
      expect(overCap.statusCode).toBe(429);
      expect(overCap.json().error.code).toBe('sms.daily_cap_reached');
      expect((await log(owner, '?status=refused')).map((s) => s.error)).toEqual(['daily_cap', 'number_hourly']);
      expect((await log(owner, '?status=pending')).length).toBe(3);
    });

    it('keeps the token write-only and sealed, and checks the settings', async () => {
      const { office, owner } = await officeWith('twilio');
      const shown = await owner.get('/api/sms/settings');
      expect(shown.json()).toMatchObject({
        configured: true,
        provider: 'twilio',
        accountId: TWILIO_SID,
        tokenSet: true,
        senderName: 'Biuro Zolw',
        enabled: true,
      });
      expect(shown.body).not.toContain(TWILIO_TOKEN);
      const sealed = await t.db.inTenant(
        { officeId: office.id },
        async (tx) =>
          (await tx.execute<{ token_sealed: string }>(sql`SELECT token_sealed FROM office_sms_settings`)).rows[0]!
            .token_sealed,
      );
      expect(sealed).not.toContain(TWILIO_TOKEN);
      expect(t.app.services.secrets.open(sealed)).toBe(TWILIO_TOKEN);

      // The same provider keeps its token when none is sent; another provider needs its own.
      const base = { senderName: 'Biuro Zolw', dailyCap: 10, perNumberHourly: 2, enabled: true };
      expect(
        (await owner.put('/api/sms/settings', { ...base, provider: 'twilio', accountId: TWILIO_SID })).statusCode,
      ).toBe(200);
      const switched = await owner.put('/api/sms/settings', { ...base, provider: 'smsapi' });
      expect(switched.statusCode).toBe(400);
      expect(switched.json().error.fields).toEqual({ token: 'This field is required.' });
      const bad = await owner.put('/api/sms/settings', {
        ...base,
        provider: 'twilio',
        accountId: '',
        senderName: 'Sender name 12',
      });
      expect(Object.keys(bad.json().error.fields).sort()).toEqual(['accountId', 'senderName']);

      const off = await owner.put('/api/sms/settings', {
        ...base,
        provider: 'twilio',
        accountId: TWILIO_SID,
        enabled: false,
      });
      expect(off.json().enabled).toBe(false);
      const test = await sendTest(owner, '600 123 456');
      expect(test.statusCode).toBe(409);
      expect(test.json().error.code).toBe('sms.disabled');
    });

    it('tells an office without a provider to set one up', async () => {
      const office = await t.factories.office();
      const owner = await signIn(t.app, office.owner.email);
      expect((await owner.get('/api/sms/settings')).json()).toMatchObject({ configured: false, tokenSet: false });
      const res = await sendTest(owner, '600 123 456');
      expect(res.statusCode).toBe(409);
      expect(res.json().error.code).toBe('sms.not_configured');
    });
  });

  describe('my mobile number', () => {
    it('is normalized to E.164, refused with a translated error when it cannot take SMS, and removable', async () => {
      const office: TestOffice = await t.factories.office();
      const me = await signIn(t.app, office.owner.email);
      const saved = await me.patch('/api/me', { phone: '600 123 456' });
      expect(saved.statusCode, saved.body).toBe(200);
      expect(saved.json().user.phone).toBe('+48600123456');
      await me.patch('/api/me', { locale: 'fr' });
      const landline = await me.patch('/api/me', { phone: '22 123 45 67' });
      expect(landline.statusCode).toBe(400);
      expect(landline.json().error.fields.phone).toBe(
        'Ce numéro ne peut pas recevoir de SMS (fixe ou surtaxé). Saisissez un numéro de mobile.',
      );
      expect((await me.get('/api/me')).json().user.phone).toBe('+48600123456');
      expect((await me.patch('/api/me', { phone: null })).json().user.phone).toBeNull();
    });
  });

  describe('notifications', () => {
    it('sends one SMS to a client who asked for it, none to one who did not, none to an inactive company', async () => {
      // SMS is chosen for messages only: the conversation's start is no SMS, the answer in it is.
      const { office, owner } = await officeWith('smsapi');
      const accountant = await t.factories.staff(office, { name: 'Anna Księgowa', specialties: ['accounting'] });
      const active = await t.factories.company(office, { name: 'Piekarnia Złoty Kłos' });
      const closing = await t.factories.company(office, { name: 'Kwiaciarnia Róża' });
      await t.factories.assign(active, accountant);
      await t.factories.assign(closing, accountant);
      const wants = await t.factories.clientUser(active, { name: 'Jan Kowalski' });
      const doesNot = await t.factories.clientUser(active, { name: 'Ewa Nowak' });
      const inactive = await t.factories.clientUser(closing, { name: 'Piotr Wiśniewski' });
      const smsOn = { inApp: true, email: 'now', sms: true, push: false };
      for (const [user, phone, sms] of [
        [wants, '600 700 800', true],
        [doesNot, '600 700 801', false],
        [inactive, '600 700 802', true],
      ] as const) {
        const browser = await signIn(t.app, user.email);
        expect((await browser.patch('/api/me', { phone })).statusCode).toBe(200);
        expect((await browser.put('/api/notifications/preferences', { message: { ...smsOn, sms } })).statusCode).toBe(
          200,
        );
      }
      const staff = await signIn(t.app, accountant.email);
      const channels = (await staff.get('/api/channels')).json().items as { id: string; key: string }[];
      const accounting = channels.find((c) => c.key === 'accounting')!.id;
      const start = async (companyId: string, subject: string) =>
        (
          await staff.post('/api/conversations', {
            clientId: randomUUID(),
            companyId,
            channelId: accounting,
            visibility: 'company',
            subject,
            body: 'Proszę o faktury.',
          })
        ).json();
      const toActive = await start(active.id, 'Faktury za październik');
      const toClosing = await start(closing.id, 'Dokumenty roczne');
      expect(
        (await owner.post(`/api/companies/${closing.id}/status`, { status: 'inactive', reason: 'Koniec współpracy' }))
          .statusCode,
      ).toBe(200);
      const sent = await staff.post(`/api/conversations/${toActive.id}/messages`, {
        clientId: randomUUID(),
        body: 'Dziękuję, zaksięgowane.',
      });
      await staff.post(`/api/conversations/${toClosing.id}/messages`, {
        clientId: randomUUID(),
        body: 'Ostatnie dokumenty.',
      });

      const before = smsapi.seen.length;
      // SMS other tests left pending are sent by these workers too: the provider accepts them all.
      smsapi.otherwise(smsapiAccepted('NOTIFIED'));
      const workers = await startWorkers(t.app.services, t.app.config);
      try {
        // The inactive company's person is told by e-mail at once: once it is queued, every job has run.
        await expect
          .poll(
            async () =>
              ((await owner.get('/api/outbox')).json().items as { toAddress: string }[]).some(
                (m) => m.toAddress === inactive.email,
              ),
            { timeout: 20_000 },
          )
          .toBe(true);
        await expect
          .poll(async () => (await log(owner)).filter((s) => s.status === 'sent').length, { timeout: 20_000 })
          .toBe(1);
      } finally {
        await workers.stop();
        await t.app.services.jobs.start();
        smsapi.otherwise(undefined);
      }
      expect((await log(owner)).map((s) => [s.userId, s.toNumber, s.status])).toEqual([
        [wants.id, '+48600700800', 'sent'],
      ]);
      const ours = new Set(['48600700800', '48600700801', '48600700802']);
      const posted = smsapi.seen.slice(before).filter((r) => ours.has(r.form.to!));
      expect(posted.map((r) => r.form.to)).toEqual(['48600700800']);
      expect(posted[0]!.form.message).toBe(
        `${office.name}: Anna Księgowa wrote "Faktury za październik" http://localhost:3000/conversations/${toActive.id}`,
      );

      // The job again (a crash after it ran): nothing new is written, nothing sent twice.
      await t.app.services.notifications.handleMessage({
        officeId: office.id,
        messageId: sent.json().id,
        kind: 'message',
      });
      expect((await log(owner)).length).toBe(1);
      expect(smsapi.seen.slice(before).filter((r) => ours.has(r.form.to!)).length).toBe(1);
    });
  });
});
