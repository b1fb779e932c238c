// The company's own e-mail address as a recipient, in a real Chromium: an office admin turns it on from the company's
// overview, the address is checked, and the saved choice is confirmed. Screenshots in four languages at 1440 and 390 px.
import { expect, test, type Browser, type Page } from '@playwright/test';
import { acceptInvitation, expectAccessible, ownerApi, PASSWORD, watchForErrors } from './portal.js';
import { texts } from './texts.js';

const ADMIN = { name: 'Bożena Wrzos', email: 'bozena.wrzos@biuro-nowak.pl' };
const LOCALES = ['en', 'pl', 'ro', 'fr'] as const;
const shots = (page: Page, name: string) =>
  page.screenshot({ path: `e2e/screenshots/e2e-company-email-${name}.png`, fullPage: true });

async function seed(baseURL: string) {
  const { api, csrf } = await ownerApi(baseURL);
  const headers = { 'X-CSRF-Token': csrf };
  const staff = await api.post('/api/staff', {
    headers,
    data: { ...ADMIN, role: 'admin', specialties: [], locale: 'en' },
  });
  expect(staff.status(), await staff.text()).toBe(201);
  await acceptInvitation(baseURL, ADMIN.email);
  const res = await api.post('/api/companies', {
    headers,
    data: {
      name: 'Pracownia Ceramiki Żuraw',
      country: 'PL',
      taxId: '9134300000'.slice(0, 9) + checkDigit('913430000'),
      emails: [{ label: 'Biuro', email: 'biuro@zuraw-ceramika.example' }],
    },
  });
  expect(res.status(), await res.text()).toBe(201);
  const id = (await res.json()).id as string;
  await api.dispose();
  return id;
}

function checkDigit(nine: string): string {
  const sum = [6, 5, 7, 2, 3, 4, 5, 6, 7].reduce((acc, w, i) => acc + w * Number(nine[i]), 0) % 11;
  if (sum === 10) throw new Error('pick another NIP');
  return String(sum);
}

async function adminPage(browser: Browser, baseURL: string, width: number, errors: string[]) {
  const context = await browser.newContext({ viewport: { width, height: 900 }, extraHTTPHeaders: { Origin: baseURL } });
  const page = await context.newPage();
  watchForErrors(page, errors, `admin@${width}`);
  const res = await context.request.post('/api/auth/sign-in', { data: { email: ADMIN.email, password: PASSWORD } });
  expect(res.status(), await res.text()).toBe(200);
  const csrf = (await res.json()).csrfToken as string;
  // The person's language, and this device's choice of it.
  const speak = async (locale: string) => {
    const me = await context.request.patch('/api/me', { headers: { 'X-CSRF-Token': csrf }, data: { locale } });
    expect(me.status(), await me.text()).toBe(200);
    await context.addInitScript((l) => localStorage.setItem('bureau.language', l), locale);
  };
  return { page, speak, close: () => context.close() };
}

test.setTimeout(420_000);

test("an office admin sends the office's messages to the company's own address too", async ({ browser, baseURL }) => {
  const companyId = await seed(baseURL!);
  const errors: string[] = [];
  const en = texts('en');
  const { page, speak, close } = await adminPage(browser, baseURL!, 1440, errors);
  await speak('en');
  await page.goto(`/companies/${companyId}`);
  await page.getByRole('switch', { name: en('companyEmail.enable') }).check({ force: true });
  const field = page.getByRole('textbox', { name: en('companyEmail.address') });
  await expect(field).toHaveValue('biuro@zuraw-ceramika.example');
  await field.fill('not an address');
  await page.getByRole('button', { name: en('companyEmail.save') }).click();
  await expect(page.getByRole('alert').first()).toBeVisible();
  await field.fill('biuro@zuraw-ceramika.example');
  await page.getByRole('button', { name: en('companyEmail.save') }).click();
  await expect(page.getByText(en('companyEmail.saved'))).toBeVisible();
  await expectAccessible(page);

  const phone = await adminPage(browser, baseURL!, 390, errors);
  for (const locale of LOCALES) {
    const t = texts(locale);
    for (const [view, size, as] of [
      [page, '1440', speak],
      [phone.page, '390', phone.speak],
    ] as const) {
      await as(locale);
      await view.goto(`/companies/${companyId}`);
      const card = view.getByRole('region', { name: t('companyEmail.title') });
      await expect(card).toBeVisible({ timeout: 30_000 });
      await card.scrollIntoViewIfNeeded();
      await shots(view, `${locale}-${size}`);
    }
  }
  await phone.close();
  await close();
  expect(errors).toEqual([]);
});
