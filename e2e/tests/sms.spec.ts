// SMS in a real Chromium: the owner sets up SMSAPI in the office settings (the portal's worker sends
// to an SMSAPI stand-in on loopback, on the port global-setup gave the portal as SMS_SMSAPI_URL), sends a test SMS and reads it as sent in the SMS log; a
// landline is refused with its reason; the owner gives their own mobile number in My account, sees
// it written the international way, and asks for new messages by SMS. axe checks both pages.
import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, request as playwrightRequest, test, type Page } from '@playwright/test';
import { OWNER } from './people.js';
import { texts } from './texts.js';
import { expectAccessible } from './portal.js';

const en = texts('en');
const shots = (page: Page, name: string) =>
  page.screenshot({ path: `e2e/screenshots/e2e-sms-${name}.png`, fullPage: true });

/** SMSAPI's /sms.do on loopback: accepts what carries the token, and keeps the forms it got. */
async function smsapiStandIn() {
  const received: Record<string, string>[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => {
      const form = Object.fromEntries(new URLSearchParams(body));
      if (req.method !== 'POST' || req.url !== '/sms.do' || req.headers.authorization !== 'Bearer e2e-smsapi-token') {
        res
          .writeHead(401, { 'content-type': 'application/json' })
          .end(JSON.stringify({ error: 101, message: 'Authorization failed' }));
        return;
      }
      received.push(form);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          count: 1,
          list: [
            {
              id: `E2E${received.length}`,
              points: 0.16,
              number: form.to,
              submitted_number: form.to,
              status: 'QUEUE',
              error: null,
              idx: form.idx,
              parts: 1,
            },
          ],
        }),
      );
    });
  });
  server.listen(Number(process.env.E2E_SMSAPI_PORT), '127.0.0.1');
  await once(server, 'listening');
  return {
    received,
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

test('an office sets up SMS, sends a test SMS and reads the log; a person gives their mobile number', async ({
  browser,
  baseURL,
}) => {
  const smsapi = await smsapiStandIn();
  const api = await playwrightRequest.newContext({ baseURL, extraHTTPHeaders: { Origin: baseURL! } });
  const status = await (await api.get('/api/setup')).json();
  const signedIn = status.needed
    ? await api.post('/api/setup', {
        data: {
          officeName: 'Biuro Rachunkowe Nowak',
          country: 'PL',
          locale: 'en',
          ownerName: OWNER.name,
          email: OWNER.email,
          password: OWNER.password,
        },
      })
    : await api.post('/api/auth/sign-in', { data: { email: OWNER.email, password: OWNER.password } });
  expect(signedIn.ok()).toBe(true);
  // Earlier specs may have switched the owner's language: this one reads English.
  await api.patch('/api/me', {
    data: { locale: 'en' },
    headers: { 'X-CSRF-Token': (await signedIn.json()).csrfToken },
  });
  const context = await browser.newContext({
    viewport: { width: 1280, height: 900 },
    storageState: await api.storageState(),
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(err.message));
  try {
    await page.goto('/settings/office');
    const section = page.getByRole('region', { name: en('sms.title'), exact: true });
    await expect(section).toBeVisible();
    await section.getByLabel(en('sms.provider')).selectOption('smsapi');
    await section.getByLabel(en('sms.token')).fill('e2e-smsapi-token');
    await section.getByLabel(en('sms.senderName')).fill('Biuro Nowak');
    await section.getByRole('button', { name: en('common.saveChanges') }).click();
    await expect(page.getByText(en('sms.saved'))).toBeVisible();

    // A test SMS: the worker sends it, and the log shows it sent.
    await section.getByLabel(en('sms.test.to')).fill('600 123 456');
    await section.getByRole('button', { name: en('sms.test.send') }).click();
    await expect(page.getByText(en('sms.test.queued'))).toBeVisible();
    await expect.poll(() => smsapi.received.length, { timeout: 20_000 }).toBe(1);
    expect(smsapi.received[0]).toMatchObject({
      to: '48600123456',
      from: 'Biuro Nowak',
      format: 'json',
      encoding: 'utf-8',
    });
    const log = page.getByRole('region', { name: en('sms.log.title') });
    await expect(log.getByRole('row').filter({ hasText: '+48600123456' }).getByText(en('sms.status.sent'))).toBeVisible(
      { timeout: 20_000 },
    );

    // A landline is refused at once, with the reason next to the field and in the log.
    await section.getByLabel(en('sms.test.to')).fill('22 123 45 67');
    await section.getByRole('button', { name: en('sms.test.send') }).click();
    await expect(section.getByText(en('errors:field.phone_not_mobile')).first()).toBeVisible();
    await expect(log.getByText(en('sms.reason.phone_not_mobile'))).toBeVisible();
    await expectAccessible(page);
    await shots(page, '01-settings');

    // My account: a mobile number, shown back in its international form.
    await page.goto('/account');
    const phone = page.getByLabel(en('sms.phone.label'));
    await phone.fill('600 987 654');
    await page
      .getByRole('region', { name: en('account.profile') })
      .getByRole('button', { name: en('common.save') })
      .click();
    await expect(phone).toHaveValue('+48600987654');
    // With a number, new messages may come as SMS too: the notification settings say so.
    await page.getByRole('link', { name: en('notifications.prefs.open') }).click();
    const smsForMessages = page.getByRole('switch', {
      name: en('notifications.prefs.smsFor', { kind: en('notifications.kinds.message') }),
    });
    // The switch's input is visually hidden: a person clicks its track (the input's label).
    await page.locator(`label[for="${await smsForMessages.getAttribute('id')}"]`).click();
    await expect(smsForMessages).toBeChecked();
    await expect
      .poll(async () => (await (await api.get('/api/notifications/preferences')).json()).items.message.sms)
      .toBe(true);
    await expectAccessible(page);
    await shots(page, '02-notification-settings');
    expect(errors).toEqual([]);
  } finally {
    await context.close();
    await api.dispose();
    await smsapi.close();
  }
});
