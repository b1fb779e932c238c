// The office's keyboard: staff sign in and land on "Needs my action"; "/" puts the cursor in the inbox's search box
// and a word typed without diacritics finds a message written with them (snippet highlighted, opened at the
// message); j and k move through the list; "?" lists the shortcuts; Ctrl+K finds a company typed without diacritics
// and opens it. A client searches on a phone. axe on the help, the palette and the search screen; screenshots at
// 1440 and 390 px go to e2e/screenshots/.
import { randomUUID } from 'node:crypto';
import { expect as baseExpect, request as playwrightRequest, test, type Page } from '@playwright/test';
import { OWNER } from './people.js';
import { acceptInvitation, expectAccessible, ownerApi, PASSWORD, watchForErrors } from './portal.js';
import { texts } from './texts.js';

const en = texts('en');
// Several browsers and the portal share two cores in CI: what the person sees may take longer than the default.
const expect = baseExpect.configure({ timeout: 30_000 });
const shots = (page: Page, name: string) => page.screenshot({ path: `e2e/screenshots/e2e-inbox-keyboard-${name}.png` });
const COMPANY = { name: 'Kwiaciarnia Żółty Żonkil sp. z o.o.', country: 'PL', taxId: '9542011016' };
const CLIENT = { name: 'Bożena Żonkil', email: 'bozena@zolty-zonkil.pl' };
const SUBJECTS = ['Faktury za sierpień', 'Źdźbło wątpliwości w PIT', 'Umowa najmu piekarni'];

/** A company with a client user who writes three conversations to the office (each waits for the office). */
async function seed(baseURL: string): Promise<string> {
  const { api, csrf } = await ownerApi(baseURL);
  const headers = { 'X-CSRF-Token': csrf };
  expect((await api.patch('/api/me', { headers, data: { locale: 'en' } })).status()).toBe(200);
  const company = await api.post('/api/companies', { headers, data: COMPANY });
  expect(company.status(), await company.text()).toBe(201);
  const companyId = (await company.json()).id as string;
  const user = await api.post(`/api/companies/${companyId}/users`, {
    headers,
    data: { ...CLIENT, access: 'full', locale: 'en' },
  });
  expect(user.status(), await user.text()).toBe(201);
  await api.dispose();
  await acceptInvitation(baseURL, CLIENT.email);

  const client = await playwrightRequest.newContext({ baseURL, extraHTTPHeaders: { Origin: baseURL } });
  const signIn = await client.post('/api/auth/sign-in', { data: { email: CLIENT.email, password: PASSWORD } });
  expect(signIn.status(), await signIn.text()).toBe(200);
  const clientHeaders = { 'X-CSRF-Token': (await signIn.json()).csrfToken as string };
  const channels = (await (await client.get('/api/channels')).json()).items as { id: string }[];
  for (const [i, subject] of SUBJECTS.entries()) {
    const body =
      i === 1
        ? 'Dzień dobry, mam źdźbło wątpliwości co do zaświadczenia o niezaleganiu z ZUS. Proszę o pomoc.'
        : `Dzień dobry, przesyłam dokumenty: ${subject.toLowerCase()}.`;
    const started = await client.post('/api/conversations', {
      headers: clientHeaders,
      data: { channelId: channels[0]!.id, subject, body, clientId: randomUUID(), visibility: 'company' },
    });
    expect(started.status(), await started.text()).toBe(201);
  }
  await client.dispose();
  return companyId;
}

/** The ids of the conversations the inbox list shows, top to bottom. */
async function listedIds(page: Page): Promise<string[]> {
  const list = page.getByRole('region', { name: en('inbox.listLabel') });
  const hrefs = await list
    .getByRole('listitem')
    .getByRole('link')
    .evaluateAll((links) => links.map((link) => link.getAttribute('href') ?? ''));
  return hrefs.map((href) => /\/inbox\/([\w-]+)/.exec(href)?.[1] ?? '');
}

test('staff work the inbox from the keyboard: land on what waits, search, move, help, palette', async ({
  browser,
  baseURL,
}) => {
  const companyId = await seed(baseURL!);
  const errors: string[] = [];
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  watchForErrors(page, errors, 'owner');

  // Sign in: the inbox, on "Needs my action", with the client's three conversations in it.
  await page.goto('/sign-in');
  await page.getByLabel(en('fields.email')).fill(OWNER.email);
  await page.getByRole('textbox', { name: en('fields.password'), exact: true }).fill(OWNER.password);
  await page.getByRole('button', { name: en('signIn.submit') }).click();
  await expect(page).toHaveURL(/\/inbox$/);
  await expect(page.getByRole('heading', { name: en('inbox.views.needs') })).toBeVisible();
  for (const subject of SUBJECTS) await expect(page.getByText(subject).first()).toBeVisible();
  await shots(page, '01-landing-1440');

  // "/" puts the cursor in the search box; a word typed without diacritics finds "źdźbło".
  await page.keyboard.press('/');
  const box = page.getByRole('searchbox', { name: en('search.label') });
  await expect(box).toBeFocused();
  await page.keyboard.type('zdzblo watpliwosci');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/search\?q=zdzblo/);
  await expect(page.getByRole('heading', { name: en('search.title') })).toBeVisible();
  const result = page.getByRole('link', { name: new RegExp(SUBJECTS[1]!) });
  await expect(result).toBeVisible();
  await expect(result.getByText(COMPANY.name)).toBeVisible();
  await expect(
    result
      .locator('mark')
      .filter({ hasText: /^źdźbło$/ })
      .first(),
  ).toBeVisible();
  await expect(result.getByText(new RegExp(CLIENT.name))).toBeVisible();
  await expectAccessible(page);
  await shots(page, '02-search-1440');
  // Nothing found is said in words.
  await page.getByRole('searchbox', { name: en('search.label') }).fill('zzqxv');
  await page.getByRole('button', { name: en('search.submit') }).click();
  await expect(page.getByText(en('search.noResults', { q: 'zzqxv' }))).toBeVisible();
  await page.goBack();
  // A result opens the conversation at the message found.
  await page.getByRole('link', { name: new RegExp(SUBJECTS[1]!) }).click();
  await expect(page).toHaveURL(/\/inbox\/[\w-]+\?view=all#message-1$/);
  await expect(page.getByRole('heading', { name: SUBJECTS[1] })).toBeVisible();

  // j and k open the next and the previous conversation of the list (here the company's own conversations).
  await page.goto(`/inbox?company=${companyId}`);
  await expect(page.getByText(SUBJECTS[0]!).first()).toBeVisible();
  await expect.poll(async () => (await listedIds(page)).length).toBe(3);
  const ids = await listedIds(page);
  await page.keyboard.press('j');
  await expect(page).toHaveURL(new RegExp(`/inbox/${ids[0]}\\?`));
  // The URL changes before the page has drawn the conversation: the next key waits for the list to mark it open.
  await expect(page.locator(`a[href^="/inbox/${ids[0]}"]`)).toHaveAttribute('aria-current', 'true');
  await page.keyboard.press('j');
  await expect(page).toHaveURL(new RegExp(`/inbox/${ids[1]}\\?`));
  await expect(page.locator(`a[href^="/inbox/${ids[1]}"]`)).toHaveAttribute('aria-current', 'true');
  await page.keyboard.press('k');
  await expect(page).toHaveURL(new RegExp(`/inbox/${ids[0]}\\?`));

  // "?" lists every shortcut; Escape closes it.
  await page.keyboard.press('?');
  const help = page.getByRole('dialog', { name: en('shortcuts.title') });
  await expect(help).toBeVisible();
  await expect(help.getByText(en('shortcuts.next'))).toBeVisible();
  await expect(help.getByText(en('shortcuts.palette'))).toBeVisible();
  // While the dialog is open the page's keys do nothing.
  await page.keyboard.press('j');
  await expect(page).toHaveURL(new RegExp(`/inbox/${ids[0]}\\?`));
  await expectAccessible(page);
  await shots(page, '03-help-1440');
  await page.keyboard.press('Escape');
  await expect(help).toBeHidden();

  // Ctrl+K: a company typed without diacritics, then Enter opens it.
  await page.keyboard.press('Control+k');
  const palette = page.getByRole('textbox', { name: en('palette.label') });
  await expect(palette).toBeFocused();
  await page.keyboard.type('zolty zonkil');
  const option = page.getByRole('button', { name: new RegExp(COMPANY.name) });
  await expect(option).toBeVisible();
  await expectAccessible(page);
  await shots(page, '04-palette-1440');
  await option.click();
  await expect(page).toHaveURL(new RegExp(`/companies/${companyId}$`));
  await expect(page.getByRole('heading', { name: new RegExp(COMPANY.name) })).toBeVisible();

  // On a phone: the inbox with its search box, and the search screen.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('/inbox');
  await expect(page.getByRole('searchbox', { name: en('search.label') })).toBeVisible();
  await shots(page, '05-inbox-390');
  await page.goto('/search?q=zdzblo');
  await expect(page.getByRole('link', { name: new RegExp(SUBJECTS[1]!) })).toBeVisible();
  await expectAccessible(page);
  await shots(page, '06-search-390');
  await page.goto('/search');
  await expect(page.getByText(en('search.emptyTitle'))).toBeVisible();
  await shots(page, '07-search-empty-390');
  expect(errors).toEqual([]);
  await context.close();
});

test('a client searches their conversations on a phone, without diacritics', async ({ browser }) => {
  const errors: string[] = [];
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  watchForErrors(page, errors, 'client');
  await page.goto('/sign-in');
  await page.getByLabel(en('fields.email')).fill(CLIENT.email);
  await page.getByRole('textbox', { name: en('fields.password'), exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: en('signIn.submit') }).click();
  await page.goto('/conversations');
  await page.getByRole('searchbox', { name: en('search.label') }).fill('zaswiadczenia');
  await page.keyboard.press('Enter');
  const result = page.getByRole('link', { name: new RegExp(SUBJECTS[1]!) });
  await expect(result).toBeVisible();
  await expect(result.locator('mark').filter({ hasText: /^zaświadczenia$/ })).toBeVisible();
  await expectAccessible(page);
  await shots(page, '08-client-search-390');
  await result.click();
  await expect(page).toHaveURL(/\/conversations\/[\w-]+#message-1$/);
  expect(errors).toEqual([]);
  await context.close();
});
