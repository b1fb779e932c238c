// A broadcast in real browsers: an office admin writes to 30 companies chosen by filter, follows the
// progress bar, one client user reads it in the browser, and the report (on screen and as CSV)
// shows that company's read time and reader while the 29 others stay unread.
import { readFileSync } from 'node:fs';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { acceptInvitation, expectAccessible, ownerApi, PASSWORD, staffId, watchForErrors } from './portal.js';
import { texts } from './texts.js';

const en = texts('en');
// The admin works in Polish, the client in English. The admin is this flow's own: the owner's language is changed by
// other flows running beside this one, and the report's CSV follows its reader's language (and separator).
const pl = texts('pl');
const shots = (page: Page, name: string) =>
  page.screenshot({ path: `e2e/screenshots/e2e-notifications-${name}.png`, fullPage: false });

const ADMIN = { name: 'Halina Broda', email: 'halina@biuro-nowak.pl' };
const ACCOUNTANT = { name: 'Iwona Zięba', email: 'iwona@biuro-nowak.pl' };
const READER = { name: 'Ewa Nowicka', email: 'ewa@piekarnia-nowicka.pl' };

/** `count` valid Polish NIPs (nine digits and their checksum; a sum giving 10 makes no NIP). */
function nips(count: number): string[] {
  const result: string[] = [];
  for (let n = 526_001_000; result.length < count; n++) {
    const digits = String(n).split('').map(Number);
    const sum = [6, 5, 7, 2, 3, 4, 5, 6, 7].reduce((acc, w, i) => acc + w * digits[i]!, 0) % 11;
    if (sum !== 10) result.push(`${n}${sum}`);
  }
  return result;
}

async function seed(baseURL: string) {
  const { api, csrf } = await ownerApi(baseURL);
  const headers = { 'X-CSRF-Token': csrf };
  const admin = await api.post('/api/staff', {
    headers,
    data: { ...ADMIN, role: 'admin', specialties: [], locale: 'pl' },
  });
  expect(admin.status(), await admin.text()).toBe(201);
  await acceptInvitation(baseURL, ADMIN.email);
  const staff = await api.post('/api/staff', {
    headers,
    data: { ...ACCOUNTANT, role: 'employee', specialties: ['accounting'], locale: 'en' },
  });
  expect(staff.status(), await staff.text()).toBe(201);
  await acceptInvitation(baseURL, ACCOUNTANT.email);
  const accountantId = await staffId(api, ACCOUNTANT.email);
  const names: string[] = [];
  const taxIds = nips(30);
  for (let i = 1; i <= 30; i++) {
    const name = i === 7 ? 'Piekarnia Nowicka sp. z o.o.' : `Klient ${String(i).padStart(2, '0')} sp. z o.o.`;
    const company = await api.post('/api/companies', { headers, data: { name, country: 'PL', taxId: taxIds[i - 1] } });
    expect(company.status(), await company.text()).toBe(201);
    const companyId = (await company.json()).id as string;
    const assign = await api.put(`/api/companies/${companyId}/assignments`, {
      headers,
      data: { items: [{ userId: accountantId, specialty: 'accounting' }] },
    });
    expect(assign.status(), await assign.text()).toBe(200);
    if (i === 7) {
      const user = await api.post(`/api/companies/${companyId}/users`, {
        headers,
        data: { ...READER, access: 'full', locale: 'en' },
      });
      expect(user.status(), await user.text()).toBe(201);
    }
    names.push(name);
  }
  await acceptInvitation(baseURL, READER.email);
  await api.dispose();
  return names;
}

async function signIn(
  browser: Browser,
  email: string,
  password: string,
  name: string,
  errors: string[],
  t = en,
): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  const page = await context.newPage();
  watchForErrors(page, errors, name);
  await page.goto('/sign-in');
  await page.getByLabel(t('fields.email')).fill(email);
  await page.getByRole('textbox', { name: t('fields.password'), exact: true }).fill(password);
  await page.getByRole('button', { name: t('signIn.submit') }).click();
  await expect(page.getByRole('button', { name: new RegExp(name) })).toBeVisible();
  return page;
}

test('the office broadcasts to 30 companies; the report shows who read it and when', async ({ browser, baseURL }) => {
  await seed(baseURL!);
  const errors: string[] = [];
  const admin = await signIn(browser, ADMIN.email, PASSWORD, ADMIN.name, errors);
  await expect(admin.getByRole('link', { name: pl('nav.broadcasts') })).toBeVisible();

  // Compose: the companies Iwona looks after, a new conversation in Accounting.
  await admin.getByRole('link', { name: pl('nav.broadcasts') }).click();
  await admin.getByRole('link', { name: pl('broadcasts.new') }).click();
  await admin.getByRole('combobox', { name: pl('broadcasts.filterAssigned') }).click();
  await admin.getByRole('option', { name: ACCOUNTANT.name }).click();
  await expect(admin.getByText(pl('broadcasts.reach', { count: 30 }))).toBeVisible();
  await admin.getByLabel(pl('broadcasts.subject')).fill('Nowe terminy JPK_V7 od stycznia');
  await admin
    .getByLabel(pl('broadcasts.body'))
    .fill('Dzień dobry, od stycznia prosimy o dokumenty **do 5. dnia** miesiąca.');
  await shots(admin, '01-compose');
  await expectAccessible(admin);
  await admin.getByRole('button', { name: pl('broadcasts.send') }).click();
  await admin.getByRole('button', { name: pl('broadcasts.confirmSend') }).click();

  // The progress bar follows the fan-out to the end.
  await expect(admin.getByRole('heading', { name: 'Nowe terminy JPK_V7 od stycznia' })).toBeVisible();
  await expect(admin.getByText(pl('broadcasts.progress', { delivered: 30, total: 30 }))).toBeVisible({
    timeout: 30_000,
  });
  await expect(admin.getByTestId('report-row')).toHaveCount(30);

  // One client reads it in their browser.
  const reader = await signIn(browser, READER.email, PASSWORD, READER.name, errors);
  await reader.goto('/conversations');
  await reader.getByRole('link', { name: /Nowe terminy JPK_V7 od stycznia/ }).click();
  await expect(reader.getByText('do 5. dnia')).toBeVisible();
  await shots(reader, '02-client-reads');

  // The report shows that company read (with the reader), the 29 others not.
  const readRow = admin.getByTestId('report-row').filter({ hasText: 'Piekarnia Nowicka' });
  await expect(readRow).toHaveAttribute('data-read', 'true', { timeout: 20_000 });
  await expect(readRow).toContainText(READER.name);
  await expect(admin.locator('[data-testid="report-row"][data-read="false"]')).toHaveCount(29);
  await expect(admin.getByText(`1 (3 %)`)).toBeVisible();
  await shots(admin, '03-report');
  await expectAccessible(admin);

  // The same in the CSV.
  const [download] = await Promise.all([
    admin.waitForEvent('download'),
    admin.getByRole('link', { name: pl('broadcasts.downloadCsv') }).click(),
  ]);
  const csv = readFileSync((await download.path())!, 'utf8')
    .replace(/^\uFEFF/, '')
    .trim()
    .split('\r\n');
  expect(csv).toHaveLength(31);
  expect(csv.find((l) => l.startsWith('Piekarnia Nowicka'))).toMatch(/\d{4}-\d\d-\d\d \d\d:\d\d;Ewa Nowicka$/);
  // Headings and "not read" in the admin's language, split on semicolons as a Polish spreadsheet expects.
  expect(csv.filter((l) => l.includes(';nieprzeczytane;'))).toHaveLength(29);
  expect(errors).toEqual([]);
});
