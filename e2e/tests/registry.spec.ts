// A company's registry status: staff look a Romanian CUI up (ANAF's local stand-in answers for a company struck off
// and inactive), the form flags it and shows every address part as people write it; the company page keeps the
// status with the day it was read, and "Check in the registry" reads it again.
import { expect, test } from '@playwright/test';
import { OWNER } from './people.js';
import { expectAccessible, ownerApi, watchForErrors } from './portal.js';
import { texts } from './texts.js';

const en = texts('en');

test('a struck-off Romanian company is flagged in the form and on its page, and can be checked again', async ({
  browser,
  baseURL,
}) => {
  const { api, csrf } = await ownerApi(baseURL!);
  expect((await api.patch('/api/me', { headers: { 'X-CSRF-Token': csrf }, data: { locale: 'en' } })).status()).toBe(
    200,
  );
  await api.dispose();
  const context = await browser.newContext({ viewport: { width: 1280, height: 1000 } });
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
  await dialog.getByLabel(en('company.country')).selectOption('RO');
  await dialog.getByRole('textbox', { name: /CUI|CIF/ }).fill('RO 36804251');
  await dialog.getByRole('button', { name: en('companies.registryLookup') }).click();
  await expect(dialog.getByLabel(en('company.name'))).toHaveValue('VECHE FABRICA DE POSTAV SRL');
  await expect(
    dialog.getByText('Calea Dudești nr. 7, Bl. 2, Sc. A, Et. 3, Ap. 12, 031072 Sector 3, Municipiul București'),
  ).toBeVisible();
  await expect(dialog.getByTestId('registry-flag').first()).toHaveText(en('registryStatus.flagStruckOff'));
  await expect(dialog.getByText(en('registryStatus.struckOffOn', { date: '15 Jun 2020' }))).toBeVisible();
  await expect(dialog.getByText(en('registryStatus.inactiveSince', { date: '10 Jan 2019' }))).toBeVisible();
  await expect(dialog.getByText(en('registryStatus.vatEndedOn', { date: '9 Jan 2019' }))).toBeVisible();
  await page.screenshot({ path: 'e2e/screenshots/e2e-registry-01-form.png' });
  await expectAccessible(page);
  await dialog.getByRole('button', { name: en('companies.addSubmit') }).click();

  // The company keeps what this server read, flagged next to its name, with the day it was read.
  await expect(page.getByRole('heading', { name: /VECHE FABRICA DE POSTAV SRL/ })).toBeVisible();
  const card = page.getByRole('region', { name: en('registryStatus.title') });
  await expect(card.getByText(en('registryStatus.struckOffOn', { date: '15 Jun 2020' }))).toBeVisible();
  await expect(card.getByText(/Read from ANAF \(Romania\) on/)).toBeVisible();
  await expect(page.getByTestId('registry-flag').first()).toHaveText(en('registryStatus.flagStruckOff'));
  await expect(page.getByText('Calea Dudești nr. 7')).toBeVisible();
  await card.getByRole('button', { name: en('registryStatus.check') }).click();
  await expect(page.getByText(en('registryStatus.checked'))).toBeVisible();
  await page.screenshot({ path: 'e2e/screenshots/e2e-registry-02-company.png', fullPage: true });
  await expectAccessible(page);
  expect(errors).toEqual([]);
  await context.close();
});
