// Deleting a company in a real Chromium: an office admin deletes it from its Status tab (the dialog says what happens
// and that it can be undone), the company is gone from the list at once, "Recently deleted" shows it with the date it
// may be restored until, and Restore brings it back. Screenshots of both screens in four languages at 1440 and 390 px;
// axe checks them.
import { expect, test, type Browser, type Page } from '@playwright/test';
import { acceptInvitation, expectAccessible, ownerApi, PASSWORD, watchForErrors } from './portal.js';
import { texts } from './texts.js';

const ADMIN = { name: 'Zofia Kasprzak', email: 'zofia.kasprzak@biuro-nowak.pl' };
const LOCALES = ['en', 'pl', 'ro', 'fr'] as const;
const shots = (page: Page, name: string) =>
  page.screenshot({ path: `e2e/screenshots/e2e-company-delete-${name}.png`, fullPage: true });

/** Valid NIPs of a range no other spec uses. */
function nips(count: number): string[] {
  const result: string[] = [];
  for (let n = 913_420_000; result.length < count; n++) {
    const digits = String(n).split('').map(Number);
    const sum = [6, 5, 7, 2, 3, 4, 5, 6, 7].reduce((acc, w, i) => acc + w * digits[i]!, 0) % 11;
    if (sum !== 10) result.push(`${n}${sum}`);
  }
  return result;
}

async function seed(baseURL: string) {
  const { api, csrf } = await ownerApi(baseURL);
  const headers = { 'X-CSRF-Token': csrf };
  const staff = await api.post('/api/staff', {
    headers,
    data: { ...ADMIN, role: 'admin', specialties: [], locale: 'en' },
  });
  expect(staff.status(), await staff.text()).toBe(201);
  await acceptInvitation(baseURL, ADMIN.email);
  const [gone, kept] = nips(2);
  const ids: string[] = [];
  for (const [name, taxId] of [
    ['Kwiaciarnia Różana sp. z o.o.', gone],
    ['Zakład Szklarski Łęcki s.c.', kept],
  ] as const) {
    const res = await api.post('/api/companies', { headers, data: { name, country: 'PL', taxId } });
    expect(res.status(), await res.text()).toBe(201);
    ids.push((await res.json()).id);
  }
  await api.dispose();
  return { companyId: ids[0]!, otherId: ids[1]! };
}

/** The admin's browser at a width, signed in through the API (the page shares its cookies), in a language. */
async function adminPage(browser: Browser, baseURL: string, width: number, errors: string[]) {
  const context = await browser.newContext({ viewport: { width, height: 900 }, extraHTTPHeaders: { Origin: baseURL } });
  const page = await context.newPage();
  watchForErrors(page, errors, `admin@${width}`);
  const res = await context.request.post('/api/auth/sign-in', { data: { email: ADMIN.email, password: PASSWORD } });
  expect(res.status(), await res.text()).toBe(200);
  const csrf = (await res.json()).csrfToken as string;
  // The person's language, and this device's choice of it (which the interface prefers once made).
  const speak = async (locale: (typeof LOCALES)[number]) => {
    const me = await context.request.patch('/api/me', { headers: { 'X-CSRF-Token': csrf }, data: { locale } });
    expect(me.status(), await me.text()).toBe(200);
    await context.addInitScript((l) => localStorage.setItem('bureau.language', l), locale);
  };
  return { page, speak, close: () => context.close() };
}

test.setTimeout(420_000);

test('an office admin deletes a company, finds it under "Recently deleted" and restores it', async ({
  browser,
  baseURL,
}) => {
  const { companyId } = await seed(baseURL!);
  const errors: string[] = [];
  const en = texts('en');
  const { page, speak, close } = await adminPage(browser, baseURL!, 1440, errors);
  await speak('en');

  await page.goto(`/companies/${companyId}?tab=status`);
  await page.getByRole('button', { name: en('companyDelete.delete') }).click();
  const dialog = page.getByRole('dialog', {
    name: en('companyDelete.confirmTitle', { name: 'Kwiaciarnia Różana sp. z o.o.' }),
  });
  await expect(dialog.getByText(en('companyDelete.effectRestore'))).toBeVisible();
  await shots(page, 'dialog-en-1440');
  await expectAccessible(page);
  await dialog.getByRole('button', { name: en('companyDelete.confirm') }).click();

  // Back on the list, which no longer has it.
  await expect(page).toHaveURL(/\/companies$/);
  await expect(page.getByText(en('companyDelete.deleted', { name: 'Kwiaciarnia Różana sp. z o.o.' }))).toBeVisible();
  await expect(page.getByRole('link', { name: 'Zakład Szklarski Łęcki s.c.' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Kwiaciarnia Różana sp. z o.o.' })).toHaveCount(0);

  await page.getByRole('link', { name: en('companyDelete.listTitle') }).click();
  await expect(page.getByRole('heading', { level: 1, name: en('companyDelete.listTitle') })).toBeVisible();
  await expect(page.getByText('Kwiaciarnia Różana sp. z o.o.', { exact: true })).toBeVisible();
  await expectAccessible(page);

  // Screenshots of both screens in every language, at both widths.
  const phone = await adminPage(browser, baseURL!, 390, errors);
  for (const locale of LOCALES) {
    const t = texts(locale);
    for (const [view, size] of [
      [page, '1440'],
      [phone.page, '390'],
    ] as const) {
      await (size === '1440' ? speak : phone.speak)(locale);
      await view.goto('/companies/deleted');
      // A cold page on a busy machine: the lazy screen may take a while to arrive.
      await expect(view.getByRole('heading', { level: 1, name: t('companyDelete.listTitle') })).toBeVisible({
        timeout: 30_000,
      });
      await expect(
        view.getByRole('button', { name: t('companyDelete.restoreNamed', { name: 'Kwiaciarnia Różana sp. z o.o.' }) }),
      ).toBeVisible();
      await shots(view, `list-${locale}-${size}`);
    }
  }
  await expectAccessible(phone.page);
  await phone.close();

  await speak('en');
  await page.goto('/companies/deleted');
  await page
    .getByRole('button', { name: en('companyDelete.restoreNamed', { name: 'Kwiaciarnia Różana sp. z o.o.' }) })
    .click();
  await expect(page).toHaveURL(new RegExp(`/companies/${companyId}$`));
  await expect(page.getByText(en('companyDelete.restored', { name: 'Kwiaciarnia Różana sp. z o.o.' }))).toBeVisible();
  await page.goto('/companies/deleted');
  await expect(page.getByText(en('companyDelete.empty'))).toBeVisible();

  // The delete card on the Status tab, in every language, at both widths.
  const phone2 = await adminPage(browser, baseURL!, 390, errors);
  for (const locale of LOCALES) {
    const t = texts(locale);
    for (const [view, size, as] of [
      [page, '1440', speak],
      [phone2.page, '390', phone2.speak],
    ] as const) {
      await as(locale);
      await view.goto(`/companies/${companyId}?tab=status`);
      await expect(view.getByRole('button', { name: t('companyDelete.delete') })).toBeVisible({ timeout: 30_000 });
      await shots(view, `card-${locale}-${size}`);
    }
  }
  await phone2.close();
  await close();
  expect(errors).toEqual([]);
});
