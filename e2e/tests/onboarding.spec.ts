// Bringing a client in: staff type a NIP, the company's data comes from the public registry (a local
// stand-in of Poland's White List, started by global-setup.ts), and the new company has its name,
// registered address and bank account without anyone retyping them.
import { expect, test } from '@playwright/test';
import { OWNER } from './people.js';
import { expectAccessible, ownerApi, watchForErrors } from './portal.js';
import { texts } from './texts.js';

const en = texts('en');

test('staff add a company from its NIP: the registry fills in the name, address and bank account', async ({ browser, baseURL }) => {
  // The owner reads English here, whatever earlier specs chose.
  const { api, csrf } = await ownerApi(baseURL!);
  expect((await api.patch('/api/me', { headers: { 'X-CSRF-Token': csrf }, data: { locale: 'en' } })).status()).toBe(200);
  await api.dispose();
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const errors: string[] = [];
  watchForErrors(page, errors, 'owner');
  await page.goto('/sign-in');
  await page.getByLabel(en('fields.email')).fill(OWNER.email);
  await page.getByRole('textbox', { name: en('fields.password'), exact: true }).fill(OWNER.password);
  await page.getByRole('button', { name: en('signIn.submit') }).click();
  await page.getByRole('link', { name: en('nav.companies') }).click();
  await page.getByRole('button', { name: en('companies.add') }).click();

  const dialog = page.getByRole('dialog');
  await dialog.getByLabel(en('company.country')).selectOption('PL');
  await dialog.getByRole('textbox', { name: /NIP/ }).fill('712-290-00-04');
  await dialog.getByRole('button', { name: en('companies.registryLookup') }).click();
  await expect(dialog.getByLabel(en('company.name'))).toHaveValue('KWIACIARNIA POD LIPAMI SPÓŁKA Z OGRANICZONĄ ODPOWIEDZIALNOŚCIĄ');
  await expect(dialog.getByText('UL. LIPOWA 7, 20-020 LUBLIN')).toBeVisible();
  await expect(dialog.getByText(en('companies.vatStatus.active'))).toBeVisible();
  await page.screenshot({ path: 'e2e/screenshots/e2e-onboarding-01-registry.png' });
  await expectAccessible(page);
  await dialog.getByRole('button', { name: en('companies.addSubmit') }).click();

  // The company page shows what the registry knew.
  await expect(page.getByRole('heading', { name: 'KWIACIARNIA POD LIPAMI SPÓŁKA Z OGRANICZONĄ ODPOWIEDZIALNOŚCIĄ' })).toBeVisible();
  await expect(page.getByText('UL. LIPOWA 7')).toBeVisible();
  await expect(page.getByText('PL61 1090 1014 0000 0712 1981 2874')).toBeVisible();
  await page.screenshot({ path: 'e2e/screenshots/e2e-onboarding-02-company.png' });
  expect(errors).toEqual([]);
  await context.close();
});
