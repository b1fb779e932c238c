// A client on a phone (390 px): Enter sends and Shift+Enter starts a new line; a message sent while offline shows as
// not sent, and once the network is back the portal says so and sends it by itself — the client never taps "retry" —
// and the accountant receives it exactly once. Screenshots go to e2e/screenshots/.
import { expect, test, type Browser, type Page } from '@playwright/test';
import { acceptInvitation, ownerApi, PASSWORD, staffId, watchForErrors } from './portal.js';
import { texts } from './texts.js';

const en = texts('en');
const ACCOUNTANT = { name: 'Tomasz Wrona', email: 'tomasz@biuro-nowak.pl' };
const CLIENT = { name: 'Jan Malinowski', email: 'jan@piekarnia-malinowski.pl' };
const SUBJECT = 'Wyciągi bankowe za grudzień';

/** A Polish NIP of its own (the specs share one portal). */
function nip(): string {
  for (let n = 631_200_000; ; n++) {
    const digits = String(n).split('').map(Number);
    const sum = [6, 5, 7, 2, 3, 4, 5, 6, 7].reduce((acc, w, i) => acc + w * digits[i]!, 0) % 11;
    if (sum !== 10) return `${n}${sum}`;
  }
}

/** The accountant, the client's company and the client; the accountant opens a conversation with the company. */
async function seed(baseURL: string): Promise<string> {
  const { api, csrf } = await ownerApi(baseURL);
  const headers = { 'X-CSRF-Token': csrf };
  const staff = await api.post('/api/staff', {
    headers,
    data: { ...ACCOUNTANT, role: 'employee', specialties: ['accounting'], locale: 'en' },
  });
  expect(staff.status(), await staff.text()).toBe(201);
  await acceptInvitation(baseURL, ACCOUNTANT.email);
  const company = await api.post('/api/companies', {
    headers,
    data: { name: 'Piekarnia Malinowski s.c.', country: 'PL', taxId: nip() },
  });
  expect(company.status(), await company.text()).toBe(201);
  const companyId = (await company.json()).id as string;
  const assign = await api.put(`/api/companies/${companyId}/assignments`, {
    headers,
    data: { items: [{ userId: await staffId(api, ACCOUNTANT.email), specialty: 'accounting' }] },
  });
  expect(assign.status(), await assign.text()).toBe(200);
  const user = await api.post(`/api/companies/${companyId}/users`, {
    headers,
    data: { ...CLIENT, access: 'full', locale: 'en' },
  });
  expect(user.status(), await user.text()).toBe(201);
  await acceptInvitation(baseURL, CLIENT.email);
  const channels = (await (await api.get('/api/channels')).json()).items as { id: string; key: string }[];
  const conversation = await api.post('/api/conversations', {
    headers,
    data: {
      companyId,
      channelId: channels.find((c) => c.key === 'accounting')!.id,
      subject: SUBJECT,
      body: 'Dzień dobry, proszę o wyciągi bankowe za grudzień.',
      clientId: crypto.randomUUID(),
      visibility: 'company',
    },
  });
  expect(conversation.status(), await conversation.text()).toBe(201);
  const conversationId = (await conversation.json()).id as string;
  await api.dispose();
  return conversationId;
}

async function signIn(
  browser: Browser,
  person: { name: string; email: string },
  viewport: { width: number; height: number },
  errors: string[],
): Promise<Page> {
  const context = await browser.newContext({ viewport, hasTouch: viewport.width < 500 });
  const page = await context.newPage();
  watchForErrors(page, errors, person.name);
  await page.goto('/sign-in');
  await page.getByLabel(en('fields.email')).fill(person.email);
  await page.getByRole('textbox', { name: en('fields.password'), exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: en('signIn.submit') }).click();
  await expect(page.getByRole('button', { name: new RegExp(person.name) })).toBeVisible();
  return page;
}

test('a client on a phone sends with Enter, and what failed offline goes by itself once back online', async ({
  browser,
  baseURL,
}) => {
  const conversationId = await seed(baseURL!);
  const errors: string[] = [];
  const client = await signIn(browser, CLIENT, { width: 390, height: 844 }, errors);
  const accountant = await signIn(browser, ACCOUNTANT, { width: 1280, height: 860 }, errors);
  const shots = (name: string) => client.screenshot({ path: `e2e/screenshots/e2e-phone-${name}.png` });

  await client.goto(`/conversations/${conversationId}`);
  await accountant.goto(`/conversations/${conversationId}`);
  const clientThread = client.getByRole('region', { name: en('conversation.messages') });
  const accountantThread = accountant.getByRole('region', { name: en('conversation.messages') });
  const composer = client.getByRole('textbox', { name: en('composer.label') });
  const banner = client.getByTestId('connection-banner');

  // The hint under a desktop composer says how to send (phones have no room for it).
  await expect(accountant.getByText(en('composer.hint'))).toBeVisible();
  await accountant.screenshot({ path: 'e2e/screenshots/e2e-phone-00-desktop-composer-hint.png' });
  await expect(client.getByText(en('composer.hint'))).toBeHidden();

  // Enter sends; Shift+Enter starts a new line in the same message.
  await composer.click();
  await composer.pressSequentially('Dzień dobry,');
  await composer.press('Shift+Enter');
  await composer.pressSequentially('wyciągi wyślę dziś.');
  await expect(composer).toHaveValue('Dzień dobry,\nwyciągi wyślę dziś.');
  await composer.press('Enter');
  await expect(composer).toHaveValue('');
  await expect(accountantThread.getByText('wyciągi wyślę dziś.')).toBeVisible();
  await expect(clientThread.locator('li[data-pending], li[data-failed]')).toHaveCount(0);

  // Offline: the send fails and says so, with its retry button.
  await client.context().setOffline(true);
  await expect(banner).toContainText(en('realtime.offline'));
  const offlineLine = 'Wyciąg z mBanku w załączniku do jutra.';
  await composer.fill(offlineLine);
  await composer.press('Enter');
  const failed = clientThread.locator('li[data-failed]').filter({ hasText: offlineLine });
  await expect(failed).toBeVisible();
  await expect(failed.getByText(en('conversation.notSentRetry'))).toBeVisible();
  await expect(failed.getByRole('button', { name: en('conversation.retry') })).toBeVisible();
  await shots('01-not-sent-offline');

  // Back online: the portal says so and sends it by itself; nobody taps "retry".
  await client.context().setOffline(false);
  await expect(banner).toContainText(en('realtime.backOnline'));
  await shots('02-back-online');
  await expect(clientThread.locator('li[data-failed], li[data-pending]')).toHaveCount(0);
  await expect(clientThread.getByText(offlineLine, { exact: true })).toHaveCount(1);

  // The accountant receives it, once.
  await expect(accountantThread.getByText(offlineLine, { exact: true })).toBeVisible();
  await accountant.reload();
  await expect(accountantThread.getByText('wyciągi wyślę dziś.')).toBeVisible();
  await expect(accountantThread.getByText(offlineLine, { exact: true })).toHaveCount(1);
  const { api } = await ownerApi(baseURL!);
  const messages = (await (await api.get(`/api/conversations/${conversationId}/messages`)).json()).items as {
    body: string;
  }[];
  expect(messages.filter((m) => m.body === offlineLine)).toHaveLength(1);
  await api.dispose();

  expect(errors).toEqual([]);
});
