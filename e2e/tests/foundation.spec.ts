// The foundation's user flow in a real Chromium: an office sets up Bureau, adds a client company
// (an invalid NIP is refused in Polish), invites a client user; the client creates an account from the
// e-mailed invitation (the outbox shows it with its link hidden); the office deactivates the company; the client is refused
// with the reason. Screenshots of every screen go to e2e/screenshots/.
import { expect, test, type Page } from '@playwright/test';
import { OWNER } from './people.js';
import { texts } from './texts.js';
import { expectAccessible, invitationLink } from './portal.js';

const en = texts('en');
const pl = texts('pl');
const shots = (page: Page, name: string) =>
  page.screenshot({ path: `e2e/screenshots/e2e-${name}.png`, fullPage: true });

const CLIENT = { name: 'Jan Kłosowski', email: 'jan@zloty-klos.pl', password: 'Chleb-na-Zakwasie-77' };
const COMPANY = 'Piekarnia Złoty Kłos sp. z o.o.';

/** Fails the test on any script error or CSP violation in the page. */
function watchForErrors(page: Page, errors: string[]) {
  page.on('pageerror', (err) => errors.push(`page error: ${err.message}`));
  page.on('dialog', (dialog) => {
    errors.push(`dialog: ${dialog.message()}`);
    void dialog.dismiss();
  });
  page.on('console', (msg) => {
    if (msg.type() === 'error' && /Content Security Policy|Refused to/.test(msg.text()))
      errors.push(`CSP: ${msg.text()}`);
  });
}

test('an office sets up Bureau, onboards a client, and deactivates it', async ({ browser }) => {
  const office = await browser.newContext({ viewport: { width: 1280, height: 860 } });
  const page = await office.newPage();
  const errors: string[] = [];
  watchForErrors(page, errors);

  // 1. First visit: the setup page.
  await page.goto('/');
  await expect(page).toHaveURL(/\/setup$/);
  await expect(page.getByRole('heading', { name: en('setup.title') })).toBeVisible();
  await expectAccessible(page);
  await shots(page, '01-setup');
  await page.getByLabel(en('setup.officeName')).fill('Biuro Rachunkowe Nowak');
  await page.getByLabel(en('setup.country')).selectOption('PL');
  await page.getByLabel(en('setup.language')).selectOption('en');
  await page.getByLabel(en('setup.ownerName')).fill(OWNER.name);
  await page.getByLabel(en('fields.email')).fill(OWNER.email);
  await page.getByRole('textbox', { name: en('fields.password'), exact: true }).fill(OWNER.password);
  await page.getByRole('button', { name: en('setup.submit') }).click();

  // 2. Signed in as the owner: the inbox, where nothing waits yet; then the company list.
  await expect(page.getByRole('heading', { name: en('inbox.views.needs') })).toBeVisible();
  await expect(page.getByText(en('inbox.emptyNeedsAction'))).toBeVisible();
  await page.getByRole('link', { name: en('nav.companies') }).click();
  await expect(page.getByRole('heading', { name: en('companies.title') })).toBeVisible();
  await expect(page.getByText(en('companies.empty'))).toBeVisible();
  await shots(page, '02-companies-empty');

  // Sign out and in again with the password.
  await page.getByRole('button', { name: en('userMenu.label', { name: OWNER.name }) }).click();
  await page.getByRole('menuitem', { name: en('nav.signOut') }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  await expectAccessible(page);
  await shots(page, '03-sign-in');
  await page.getByLabel(en('fields.email')).fill(OWNER.email);
  await page.getByRole('textbox', { name: en('fields.password'), exact: true }).fill(OWNER.password);
  await page.getByRole('button', { name: en('signIn.submit'), exact: true }).click();
  // Staff land on what waits for them; the companies are one click away.
  await expect(page.getByRole('heading', { name: en('inbox.views.needs') })).toBeVisible();
  await page.getByRole('link', { name: en('nav.companies') }).click();
  await expect(page.getByRole('heading', { name: en('companies.title') })).toBeVisible();

  // 3. The owner switches to Polish; an invalid NIP is refused in Polish.
  await page.getByRole('button', { name: en('language.choose', { language: 'English' }) }).click();
  await page.getByRole('menuitem', { name: 'Polski' }).click();
  await expect(page.getByRole('heading', { name: pl('companies.title') })).toBeVisible();
  await page.getByRole('button', { name: pl('companies.add') }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel(pl('company.name')).fill(COMPANY);
  await dialog.getByLabel(pl('company.country')).selectOption('PL');
  await dialog.getByLabel('NIP').fill('526-025-02-75');
  await dialog.getByRole('button', { name: pl('companies.addSubmit') }).click();
  const nipError = pl('errors:field.tax_id_checksum', { kind: 'NIP' });
  await expect(dialog.getByText(nipError).first()).toBeVisible();
  await shots(page, '04-invalid-nip-pl');

  // 4. Fixed, the company is created.
  await dialog.getByLabel('NIP').fill('526-025-02-74');
  await dialog.getByRole('button', { name: pl('companies.addSubmit') }).click();
  await expect(page.getByRole('heading', { name: COMPANY })).toBeVisible();
  await expect(page.getByText('526-025-02-74').first()).toBeVisible();
  await expectAccessible(page);
  await shots(page, '05-company');

  // 5. A client user is invited (nobody joins a company without accepting).
  await page.getByRole('tab', { name: pl('company.tabs.users') }).click();
  const addUser = page.getByRole('region', { name: pl('users.add') });
  await addUser.getByLabel(pl('fields.name')).fill(CLIENT.name);
  await addUser.getByLabel(pl('fields.email')).fill(CLIENT.email);
  await addUser.getByRole('button', { name: pl('users.addSubmit') }).click();
  await expect(page.getByText(pl('users.addedInvited', { name: CLIENT.name, email: CLIENT.email }))).toBeVisible();
  const invitations = page.getByRole('region', { name: pl('invitations.listTitle') });
  await expect(invitations.getByText(CLIENT.email).first()).toBeVisible();
  await shots(page, '06-company-users');

  // A second person invited by mistake: the invitation is withdrawn, after a confirmation.
  await addUser.getByLabel(pl('fields.name')).fill('Ewa Pomyłka');
  await addUser.getByLabel(pl('fields.email')).fill('ewa@zloty-klos.pl');
  await addUser.getByRole('button', { name: pl('users.addSubmit') }).click();
  await expect(invitations.getByText('ewa@zloty-klos.pl').first()).toBeVisible();
  await invitations
    .getByRole('button', { name: pl('invitations.revokeNamed', { email: 'ewa@zloty-klos.pl' }) })
    .click();
  await page
    .getByRole('dialog', { name: pl('invitations.revokeTitle') })
    .getByRole('button', { name: pl('invitations.revokeConfirm') })
    .click();
  await expect(page.getByText(pl('invitations.revoked', { email: 'ewa@zloty-klos.pl' }))).toBeVisible();

  // 6. The outbox shows the invitation e-mail, with its link hidden: only the addressee's mailbox has it.
  await page.getByRole('link', { name: pl('nav.outbox') }).click();
  await expect(page.getByRole('heading', { name: pl('outbox.title') })).toBeVisible();
  // The row in the list, not the toast that still names the same address while the list loads.
  await page.getByRole('row').filter({ hasText: CLIENT.email }).getByRole('link').click();
  await expect(page.getByText(pl('outbox.linksHidden'))).toBeVisible();
  await expect(page.getByText(/\/invite\/[\w-]{20,}/)).toHaveCount(0);
  await shots(page, '07-outbox');
  const invitationUrl = await invitationLink(CLIENT.email);

  // 7. The client, in another browser, creates an account from the e-mailed link and lands on the portal.
  const clientContext = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'pl-PL' });
  const client = await clientContext.newPage();
  watchForErrors(client, errors);
  await client.goto(new URL(invitationUrl).pathname);
  await expect(
    client.getByRole('heading', {
      name: pl('invitations.link.title', { office: 'Biuro Rachunkowe Nowak', company: COMPANY }),
    }),
  ).toBeVisible();
  await expect(client.getByRole('textbox', { name: pl('fields.email') })).toHaveValue(CLIENT.email);
  await expectAccessible(client);
  await shots(client, '08-set-password-390');
  await client.getByRole('textbox', { name: pl('setPassword.newPassword'), exact: true }).fill(CLIENT.password);
  await client.getByRole('textbox', { name: pl('setPassword.confirmation'), exact: true }).fill(CLIENT.password);
  await client.getByRole('button', { name: pl('invitations.link.acceptNew') }).click();
  await expect(client.getByText(COMPANY).first()).toBeVisible();
  await expectAccessible(client);
  await shots(client, '09-client-home-390');

  // The client adds the company's bank account: a mistyped IBAN is refused in Polish, then fixed.
  const bank = client.getByRole('region', { name: pl('company.bankAccounts') });
  await bank.getByRole('button', { name: `${pl('common.edit')}: ${pl('company.bankAccounts')}` }).click();
  await bank.getByLabel(pl('company.iban')).fill('PL61 1090 1014 0000 0712 1981 2875');
  await bank.getByRole('button', { name: pl('common.save') }).click();
  await expect(bank.getByText(pl('errors:field.iban_checksum')).first()).toBeVisible();
  await shots(client, '09b-client-iban-error-390');
  await bank.getByLabel(pl('company.iban')).fill('PL61 1090 1014 0000 0712 1981 2874');
  await bank.getByRole('button', { name: pl('common.save') }).click();
  await expect(bank.getByText(/PL61 1090 1014 0000 0712 1981 2874/)).toBeVisible();

  // ...signs out, and back in with the new password.
  await client.context().clearCookies();
  await client.goto('/sign-in');
  await client.getByLabel(pl('fields.email')).fill(CLIENT.email);
  await client.getByRole('textbox', { name: pl('fields.password'), exact: true }).fill(CLIENT.password);
  await client.getByRole('button', { name: pl('signIn.submit'), exact: true }).click();
  await expect(client.getByText(COMPANY).first()).toBeVisible();

  // 8. The office sees the client's change in the audit log, then deactivates the company.
  await page.getByRole('link', { name: pl('nav.audit') }).click();
  const clientChange = page
    .getByRole('row')
    .filter({ hasText: pl('audit.actions.company.updated') })
    .filter({ hasText: CLIENT.name });
  await expect(clientChange.first()).toBeVisible();
  await shots(page, '09c-audit-client-change');

  await page.getByRole('link', { name: pl('nav.companies') }).click();
  await page.getByRole('link', { name: COMPANY }).first().click();
  await page.getByRole('tab', { name: pl('company.tabs.status') }).click();
  await page.getByRole('button', { name: pl('status.deactivate') }).click();
  const confirm = page.getByRole('dialog');
  await confirm.getByLabel(pl('status.reason')).fill('Koniec umowy');
  await confirm.getByRole('button', { name: pl('status.deactivate') }).click();
  await expect(page.getByText('Koniec umowy').first()).toBeVisible();
  await shots(page, '10-company-deactivated');

  // 9. The client's open session has ended, and the next sign-in is refused with the reason.
  await client.reload();
  await expect(client).toHaveURL(/\/sign-in/);
  await client.getByLabel(pl('fields.email')).fill(CLIENT.email);
  await client.getByRole('textbox', { name: pl('fields.password'), exact: true }).fill(CLIENT.password);
  await client.getByRole('button', { name: pl('signIn.submit'), exact: true }).click();
  await expect(client.getByText(pl('errors:auth.company_inactive', { company: COMPANY })).first()).toBeVisible();
  await shots(client, '11-client-refused-390');

  // 10. A personal API token for an integration: shown once, then revoked after a confirmation.
  await page.getByRole('link', { name: pl('nav.account') }).click();
  await page.getByLabel(pl('tokens.name')).fill('Synchronizacja Symfonia');
  await page.getByRole('button', { name: pl('tokens.createSubmit') }).click();
  await expect(page.getByText(/^bur_[\w-]{43}$/)).toBeVisible();
  await shots(page, '12-api-token');
  await page.getByRole('button', { name: pl('tokens.revokeNamed', { name: 'Synchronizacja Symfonia' }) }).click();
  await page
    .getByRole('dialog', { name: pl('tokens.revokeTitle') })
    .getByRole('button', { name: pl('tokens.revoke') })
    .click();
  await expect(page.getByText(pl('tokens.revoked', { name: 'Synchronizacja Symfonia' }))).toBeVisible();

  expect(errors).toEqual([]);
  await clientContext.close();
  await office.close();
});
