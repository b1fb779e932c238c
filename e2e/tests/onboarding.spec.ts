// Bringing clients in: staff type a NIP and the company's data comes from the public registry (a local
// stand-in of Poland's White List, started by global-setup.ts); staff import a portfolio file, fix the
// column mapping, import it and invite two companies; a client accepts in another browser and the
// company is collaborating.
import { randomInt } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { OWNER } from './people.js';
import { expectAccessible, invitationLink, ownerApi, PASSWORD, watchForErrors } from './portal.js';
import { texts } from './texts.js';

const en = texts('en');

test('staff add a company from its NIP: the registry fills in the name, address and bank account', async ({
  browser,
  baseURL,
}) => {
  // The owner reads English here, whatever earlier specs chose.
  const { api, csrf } = await ownerApi(baseURL!);
  expect((await api.patch('/api/me', { headers: { 'X-CSRF-Token': csrf }, data: { locale: 'en' } })).status()).toBe(
    200,
  );
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
  await expect(dialog.getByLabel(en('company.name'))).toHaveValue(
    'KWIACIARNIA POD LIPAMI SPÓŁKA Z OGRANICZONĄ ODPOWIEDZIALNOŚCIĄ',
  );
  await expect(dialog.getByText('UL. LIPOWA 7, 20-020 LUBLIN')).toBeVisible();
  await expect(dialog.getByText(en('companies.vatStatus.active'))).toBeVisible();
  await page.screenshot({ path: 'e2e/screenshots/e2e-onboarding-01-registry.png' });
  await expectAccessible(page);
  await dialog.getByRole('button', { name: en('companies.addSubmit') }).click();

  // The company page shows what the registry knew.
  await expect(
    page.getByRole('heading', { name: 'KWIACIARNIA POD LIPAMI SPÓŁKA Z OGRANICZONĄ ODPOWIEDZIALNOŚCIĄ' }),
  ).toBeVisible();
  await expect(page.getByText('UL. LIPOWA 7')).toBeVisible();
  await expect(page.getByText('PL61 1090 1014 0000 0712 1981 2874')).toBeVisible();
  await page.screenshot({ path: 'e2e/screenshots/e2e-onboarding-02-company.png' });
  expect(errors).toEqual([]);
  await context.close();
});

/** A valid Polish NIP: nine digits and their weighted checksum (never 10). */
function nip(seed: number): string {
  for (let s = seed; ; s++) {
    const digits = String(100_000_000 + (s % 800_000_000))
      .split('')
      .map(Number);
    const sum = [6, 5, 7, 2, 3, 4, 5, 6, 7].reduce((acc, w, i) => acc + w * digits[i]!, 0) % 11;
    if (sum !== 10) return digits.join('') + sum;
  }
}

async function signInAsOwner(page: Page) {
  await page.goto('/sign-in');
  await page.getByLabel(en('fields.email')).fill(OWNER.email);
  await page.getByRole('textbox', { name: en('fields.password'), exact: true }).fill(OWNER.password);
  await page.getByRole('button', { name: en('signIn.submit') }).click();
  await expect(page.getByRole('link', { name: en('nav.companies') })).toBeVisible();
}

test('staff import 40 clients with three bad rows, fix the mapping, invite two; a client accepts, invites a colleague, and the company is collaborating', async ({
  browser,
  baseURL,
}) => {
  const { api, csrf } = await ownerApi(baseURL!);
  expect((await api.patch('/api/me', { headers: { 'X-CSRF-Token': csrf }, data: { locale: 'en' } })).status()).toBe(
    200,
  );
  const run = randomInt(1_000_000).toString(36);
  const base = randomInt(700_000_000);
  // "Kontakt" holds the e-mail addresses, a header the mapping cannot guess: the user assigns it.
  const lines = ['Nazwa firmy;NIP;Kraj;Kontakt'];
  for (let i = 1; i <= 40; i++)
    lines.push(
      `Import ${run} Klient ${String(i).padStart(2, '0')} sp. z o.o.;${nip(base + i * 13)};PL;klient${i}.${run}@example.com`,
    );
  lines[5] = `Import ${run} Zły NIP;1234567890;PL;zly.${run}@example.com`; // checksum
  lines[12] = `;${nip(base + 9_999)};PL;bez.nazwy.${run}@example.com`; // no name
  lines[20] = `Import ${run} Duplikat;${lines[3]!.split(';')[1]};PL;dup.${run}@example.com`; // the NIP of line 3 again

  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const errors: string[] = [];
  watchForErrors(page, errors, 'owner');
  await signInAsOwner(page);
  await page.getByRole('link', { name: en('nav.companies'), exact: true }).click();
  await page
    .getByRole('link', { name: en('import.open') })
    .or(page.getByRole('button', { name: en('import.open') }))
    .first()
    .click();
  await page.locator('input[type=file]').setInputFiles({
    name: `klienci-${run}.csv`,
    mimeType: 'text/csv',
    buffer: Buffer.from(lines.join('\r\n'), 'utf8'),
  });

  // The mapping: name, tax id and country guessed; the e-mail column is fixed by hand.
  const contact = page.getByRole('combobox', { name: en('import.mapping.fieldLabel', { column: 'Kontakt' }) });
  await expect(contact).toBeVisible();
  await expect(page.getByRole('combobox', { name: en('import.mapping.fieldLabel', { column: 'NIP' }) })).toHaveValue(
    'taxId',
  );
  await contact.selectOption('email');
  await page.screenshot({ path: 'e2e/screenshots/e2e-onboarding-03-mapping.png', fullPage: true });
  await expectAccessible(page);
  await page.getByRole('button', { name: en('import.mapping.check') }).click();

  // The dry run: 37 to create, 3 to skip with their reasons.
  const commit = page.getByRole('button', { name: en('import.dryRun.commit', { n: 37 }) });
  await expect(commit).toBeVisible();
  const summary = page.getByRole('list', { name: en('import.dryRun.summary') });
  await expect(summary).toContainText(`${en('import.summary.create')}`);
  await expect(summary).toContainText('37');
  await expect(page.getByText(en('import.errors.duplicate_in_file'))).toBeVisible();
  await page.screenshot({ path: 'e2e/screenshots/e2e-onboarding-04-dry-run.png', fullPage: true });
  await expectAccessible(page);
  await commit.click();
  await expect(page.getByTestId('result-created')).toContainText('37', { timeout: 60_000 });
  await expect(page.getByTestId('result-skipped')).toContainText('3');
  await page.screenshot({ path: 'e2e/screenshots/e2e-onboarding-05-imported.png', fullPage: true });
  // The result as a report: one line per row, the three skipped with their reasons.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: en('import.result.reportCsv') }).click(),
  ]);
  const report = readFileSync((await download.path())!, 'utf8');
  expect(report.trim().split(/\r?\n/)).toHaveLength(41);
  expect(report).toContain('the check digit does not match');

  // Invite two of the imported companies: one from its page, one straight from the portfolio.
  const invitees = [1, 2].map((i) => ({
    company: `Import ${run} Klient ${String(i).padStart(2, '0')} sp. z o.o.`,
    name: `Reprezentant ${i}`,
    email: `reprezentant${i}.${run}@example.com`,
  }));
  const fillInvitation = async (invitee: (typeof invitees)[number]) => {
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel(en('invitations.fields.name')).fill(invitee.name);
    await dialog.getByLabel(en('fields.email')).fill(invitee.email);
    await dialog.getByRole('button', { name: en('invitations.send') }).click();
    await expect(dialog).toBeHidden();
  };
  const findInPortfolio = async (company: string) => {
    await page.getByRole('link', { name: en('nav.portfolio'), exact: true }).click();
    await page.getByLabel(en('portfolio.search')).fill(company);
    // The search applies after a pause: wait for the one row.
    await expect(page.getByRole('table', { name: en('portfolio.table') }).getByRole('row')).toHaveCount(2);
  };
  // A new client can also be invited by tax id from the portfolio: the registry names the company.
  await page.getByRole('link', { name: en('nav.portfolio'), exact: true }).click();
  await page.getByRole('button', { name: en('portfolio.inviteClient') }).click();
  const newClient = page.getByRole('dialog');
  await newClient.getByRole('textbox', { name: /NIP/ }).fill('712-290-00-04');
  await newClient.getByRole('button', { name: en('companies.registryLookup') }).click();
  await expect(newClient.getByLabel(en('company.name'))).toHaveValue(
    'KWIACIARNIA POD LIPAMI SPÓŁKA Z OGRANICZONĄ ODPOWIEDZIALNOŚCIĄ',
  );
  await page.screenshot({ path: 'e2e/screenshots/e2e-onboarding-06a-invite-by-tax-id.png' });
  await expectAccessible(page);
  await newClient.getByRole('button', { name: en('common.cancel') }).click();
  await expect(newClient).toBeHidden();

  await findInPortfolio(invitees[0]!.company);
  await page.getByRole('link', { name: invitees[0]!.company }).click();
  await expect(page.getByRole('heading', { name: invitees[0]!.company })).toBeVisible();
  await page.getByRole('button', { name: en('invitations.invite'), exact: true }).click();
  await fillInvitation(invitees[0]!);
  await expect(page.getByText(invitees[0]!.email).first()).toBeVisible();
  await findInPortfolio(invitees[1]!.company);
  await page.getByRole('button', { name: en('portfolio.inviteNamed', { company: invitees[1]!.company }) }).click();
  await fillInvitation(invitees[1]!);
  await expect(page.getByRole('table', { name: en('portfolio.table') })).toContainText(invitees[1]!.email);
  await page.screenshot({ path: 'e2e/screenshots/e2e-onboarding-06-invited.png', fullPage: true });

  // The first representative opens the e-mailed link in another browser and creates an account.
  const token = new URL(await invitationLink(invitees[0]!.email)).pathname.split('/').pop()!;
  const clientContext = await browser.newContext({
    viewport: { width: 390, height: 844 },
    isMobile: true,
    hasTouch: true,
  });
  const client = await clientContext.newPage();
  watchForErrors(client, errors, 'client');
  await client.goto(`/invite/${token}`);
  await expect(client.getByText(invitees[0]!.company).first()).toBeVisible();
  await client.screenshot({ path: 'e2e/screenshots/e2e-onboarding-07-invitation-phone.png', fullPage: true });
  await expectAccessible(client);
  await client.getByRole('textbox', { name: en('setPassword.newPassword'), exact: true }).fill(PASSWORD);
  await client.getByRole('textbox', { name: en('setPassword.confirmation'), exact: true }).fill(PASSWORD);
  await client.getByRole('button', { name: en('invitations.link.acceptNew') }).click();
  await expect(client).toHaveURL(/\/$/);
  await expect(client.getByText(invitees[0]!.company).first()).toBeVisible();
  await client.screenshot({ path: 'e2e/screenshots/e2e-onboarding-08-client-home.png', fullPage: true });
  // A full-access client invites a colleague with limited access.
  await client.getByRole('link', { name: en('invitations.colleagues.homeLink') }).click();
  await client.getByRole('button', { name: en('invitations.invite'), exact: true }).click();
  const colleagueDialog = client.getByRole('dialog');
  await colleagueDialog.getByLabel(en('invitations.fields.colleagueName')).fill('Kasia Księgowa');
  await colleagueDialog.getByLabel(en('fields.email')).fill(`kasia.${run}@example.com`);
  await colleagueDialog.getByLabel(en('invitations.fields.access')).selectOption('limited');
  await colleagueDialog.getByRole('button', { name: en('invitations.send') }).click();
  await expect(colleagueDialog).toBeHidden();
  await expect(client.getByText(`kasia.${run}@example.com`).first()).toBeVisible();
  await client.screenshot({ path: 'e2e/screenshots/e2e-onboarding-08a-colleagues-phone.png', fullPage: true });
  await expectAccessible(client);

  // The office sees it among its collaborating clients; the second is still invited.
  await page.getByRole('link', { name: en('nav.portfolio'), exact: true }).click();
  await page.getByLabel(en('portfolio.search')).fill(`Import ${run}`);
  // Mantine's segmented control hides its radios: a person clicks the label.
  await page.locator('label[for$="-collaborating"]').click();
  const table = page.getByRole('table', { name: en('portfolio.table') });
  await expect(table.getByRole('row')).toHaveCount(2);
  await expect(table).toContainText(invitees[0]!.company);
  await page.screenshot({ path: 'e2e/screenshots/e2e-onboarding-09-portfolio.png', fullPage: true });
  await expectAccessible(page);
  await page.locator('label[for$="-invited"]').click();
  await expect(table).toContainText(invitees[1]!.company);
  expect(errors).toEqual([]);
  await api.dispose();
  await clientContext.close();
  await context.close();
});

test('staff import a Windows-1250 export and a workbook with title rows, as accounting programs write them', async ({
  browser,
  baseURL,
}) => {
  const { api, csrf } = await ownerApi(baseURL!);
  expect((await api.patch('/api/me', { headers: { 'X-CSRF-Token': csrf }, data: { locale: 'en' } })).status()).toBe(
    200,
  );
  const run = randomInt(1_000_000).toString(36);
  const base = randomInt(700_000_000);
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const errors: string[] = [];
  watchForErrors(page, errors, 'owner');
  await signInAsOwner(page);
  await page.goto('/companies/import');

  // A Polish program's CSV: Windows-1250, ";", a title line above the header, one phone that is no number.
  const csvLines = [`Eksport kontrahentów ${run} — Księgowość`, '', 'Nazwa;NIP;Telefon'];
  for (let i = 1; i <= 4; i++)
    csvLines.push(
      `Zakład Usług Źródło ${run} Żółć ${i} sp. z o.o.;${nip(base + i * 17)};${i === 2 ? '123' : `60010020${i}`}`,
    );
  await page.locator('input[type=file]').setInputFiles({
    name: `kontrahenci-${run}.csv`,
    mimeType: 'text/csv',
    buffer: iconv.encode(csvLines.join('\r\n'), 'windows-1250'),
  });
  const encoding = page.getByRole('combobox', { name: en('import.reading.encoding') });
  await expect(encoding).toHaveValue('windows-1250');
  await expect(page.getByRole('combobox', { name: en('import.reading.headerRow') })).toHaveValue('3');
  await expect(page.getByTestId('reading-names')).toContainText(`Zakład Usług Źródło ${run} Żółć 1 sp. z o.o.`);
  // Read as Western European, the names go wrong where everyone can see it; back to Central European, they are right.
  await encoding.selectOption('windows-1252');
  await expect(page.getByTestId('reading-names')).toContainText('Zak³ad');
  await page.getByRole('combobox', { name: en('import.reading.encoding') }).selectOption('windows-1250');
  await expect(page.getByTestId('reading-names')).toContainText('Zakład');
  await expect(page.getByRole('combobox', { name: en('import.mapping.fieldLabel', { column: 'NIP' }) })).toHaveValue(
    'taxId',
  );
  await page.screenshot({ path: 'e2e/screenshots/e2e-onboarding-08-windows-1250.png', fullPage: true });
  await expectAccessible(page);
  await page.getByRole('button', { name: en('import.mapping.check') }).click();
  // Four companies, one of them without its phone, said as a warning, not a skipped row.
  const commit = page.getByRole('button', { name: en('import.dryRun.commit', { n: 4 }) });
  await expect(commit).toBeVisible();
  await expect(page.getByTestId('summary-warn')).toContainText('1');
  await expect(page.getByTestId('row-warning')).toContainText(en('import.warnings.phone_invalid'));
  await expect(page.getByTestId('dry-run-row').filter({ hasText: 'Żółć 2' })).toContainText('5');
  await page.screenshot({ path: 'e2e/screenshots/e2e-onboarding-09-warnings.png', fullPage: true });
  await expectAccessible(page);
  await commit.click();
  await expect(page.getByTestId('result-created')).toContainText('4', { timeout: 60_000 });
  await expect(page.getByTestId('result-skipped')).toContainText('0');

  // A workbook: a cover sheet, then the list under a merged title, a blank row and merged group headings, with a total under it.
  await page.getByRole('button', { name: en('import.result.another') }).click();
  const workbook = new ExcelJS.Workbook();
  workbook.addWorksheet('Okładka').addRows([['Biuro Rachunkowe — eksport'], ['Stan na 2026-12-01']]);
  const sheet = workbook.addWorksheet('Klienci');
  sheet.addRow([`Lista klientów ${run}`]);
  sheet.mergeCells('A1:E1');
  sheet.addRow([]);
  sheet.addRow(['Dane firmy', null, null, 'Kontakt', null]);
  sheet.mergeCells('A3:C3');
  sheet.mergeCells('D3:E3');
  sheet.addRow(['Lp.', 'Nazwa firmy', 'NIP', 'E-mail', 'Telefon']);
  for (let i = 1; i <= 3; i++)
    sheet.addRow([
      i,
      `Tytułowa ${run} ${i} sp. z o.o.`,
      Number(nip(base + 500 + i * 17)),
      `biuro${i}.${run}@example.com`,
      '',
    ]);
  sheet.addRow([]);
  sheet.addRow([`Razem: 3 klientów`]);
  sheet.mergeCells('A9:E9');
  await page.locator('input[type=file]').setInputFiles({
    name: `klienci-${run}.xlsx`,
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    buffer: Buffer.from(await workbook.xlsx.writeBuffer()),
  });
  await expect(page.getByRole('combobox', { name: en('import.reading.sheet') })).toHaveValue('1');
  await expect(page.getByRole('combobox', { name: en('import.reading.headerRow') })).toHaveValue('4');
  await expect(page.getByTestId('reading-footers')).toContainText('Razem: 3 klientów');
  await expect(
    page.getByRole('combobox', { name: en('import.mapping.fieldLabel', { column: 'Nazwa firmy' }) }),
  ).toHaveValue('name');
  await expect(page.getByRole('combobox', { name: en('import.mapping.fieldLabel', { column: 'E-mail' }) })).toHaveValue(
    'email',
  );
  await page.screenshot({ path: 'e2e/screenshots/e2e-onboarding-10-title-rows.png', fullPage: true });
  await expectAccessible(page);
  await page.getByRole('button', { name: en('import.mapping.check') }).click();
  const commitBook = page.getByRole('button', { name: en('import.dryRun.commit', { n: 3 }) });
  await expect(commitBook).toBeVisible();
  await expect(page.getByTestId('summary-skip')).toContainText('0');
  await commitBook.click();
  await expect(page.getByTestId('result-created')).toContainText('3', { timeout: 60_000 });
  expect(errors).toEqual([]);
  await context.close();
});
