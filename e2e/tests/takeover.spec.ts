// Two offices on one instance, in a real Chromium: the instance's operator creates office B from the shell, and
// office B's owner replays the takeover of issue 12 against office A's owner — add their e-mail, ask a password reset,
// look for the link in the outbox, try the invitation link — and every step fails. Then the operator disables office B:
// its owner is signed out and told why.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { OWNER } from './people.js';
import { expectAccessible, invitationLink, mailTo, ownerApi, watchForErrors } from './portal.js';
import { texts } from './texts.js';

const en = texts('en');
const ATTACKER = { name: 'Marek Obcy', email: 'marek@biuro-obce.pl', password: 'Obce-Biuro-Haslo-2026' };
const shots = (page: Page, name: string) =>
  page.screenshot({ path: `e2e/screenshots/e2e-takeover-${name}.png`, fullPage: true });

/** `npm run office -- …` against the test portal's database, as the instance's operator runs it. */
function office(...args: string[]): string {
  const root = path.resolve(import.meta.dirname, '../..');
  const env = { ...process.env, ...JSON.parse(process.env.E2E_OPERATOR_ENV!) };
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'server/src/scripts/office.ts', ...args], {
    cwd: root,
    env,
    encoding: 'utf8',
    timeout: 60_000,
  });
  expect(run.status, `${run.stdout}\n${run.stderr}`).toBe(0);
  return run.stdout;
}

test("office B cannot take over office A's owner, and an office the operator disables is told why", async ({
  browser,
  baseURL,
}) => {
  const errors: string[] = [];
  // Office A exists (its owner is the victim); the operator adds office B.
  await (await ownerApi(baseURL!)).api.dispose();
  const created = office(
    'create',
    '--name',
    'Biuro Obce',
    '--country',
    'PL',
    '--locale',
    'en',
    '--owner-name',
    ATTACKER.name,
    '--owner-email',
    ATTACKER.email,
  );
  const officeB = /Created the office ([0-9a-f-]{36})/.exec(created)![1]!;
  expect(office('list')).toContain(`${officeB}  Biuro Obce  PL  active`);

  // B's owner joins from the invitation the operator's command sent.
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  watchForErrors(page, errors, 'attacker');
  await page.goto(new URL(await invitationLink(ATTACKER.email)).pathname);
  await expect(
    page.getByRole('heading', { name: en('invitations.link.staffTitle', { office: 'Biuro Obce' }) }),
  ).toBeVisible();
  await page.getByRole('textbox', { name: en('setPassword.newPassword'), exact: true }).fill(ATTACKER.password);
  await page.getByRole('textbox', { name: en('setPassword.confirmation'), exact: true }).fill(ATTACKER.password);
  await page.getByRole('button', { name: en('invitations.link.acceptNew') }).click();
  await expect(page.getByRole('heading', { name: en('inbox.views.needs') })).toBeVisible();

  // Step 1: B adds the victim's e-mail to its staff. An invitation goes out; nobody is attached.
  await page.getByRole('link', { name: en('nav.staff') }).click();
  await page.getByRole('button', { name: en('staff.add') }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel(en('fields.name')).fill(OWNER.name);
  await dialog.getByLabel(en('fields.email')).fill(OWNER.email);
  await dialog.getByRole('button', { name: en('staff.addSubmit') }).click();
  await expect(page.getByText(en('staff.added', { name: OWNER.name, email: OWNER.email }))).toBeVisible();
  const invitations = page.getByRole('region', { name: en('staff.invitationsTitle') });
  await expect(invitations.getByText(OWNER.email)).toBeVisible();
  await expect(page.getByRole('table').getByText(OWNER.email)).toHaveCount(0);
  await expectAccessible(page);
  await shots(page, '01-staff-invited');

  // Step 2: anyone asks a password reset for the victim.
  const visitor = await (await browser.newContext()).newPage();
  watchForErrors(visitor, errors, 'visitor');
  await visitor.goto('/forgot-password');
  await visitor.getByLabel(en('fields.email')).fill(OWNER.email);
  await visitor.getByRole('button', { name: en('forgot.submit') }).click();
  await expect(visitor.getByText(en('forgot.sentTitle'))).toBeVisible();
  // It reaches the victim's own mailbox, from the instance — not through office B.
  const reset = await mailTo(OWNER.email, /Reset your password/);
  expect(reset.text).toMatch(/\/reset-password\/[\w-]{40,}/);
  expect(reset.text).not.toContain('Biuro Obce');

  // Step 3: office B's outbox has only its invitation, with the link hidden.
  await page.getByRole('link', { name: en('nav.outbox') }).click();
  await page.getByRole('row').filter({ hasText: OWNER.email }).getByRole('link').click();
  await expect(page.getByText(en('outbox.linksHidden'))).toBeVisible();
  await expect(page.getByText(/\/(invite|reset-password)\/[\w-]{20,}/)).toHaveCount(0);
  await expect(page.getByText(en('forgot.title'))).toHaveCount(0);
  await shots(page, '02-outbox-hidden');

  // Step 4: the invitation link (read here from the victim's mailbox) asks for the victim's own password.
  await visitor.goto(new URL(await invitationLink(OWNER.email)).pathname);
  await visitor.getByRole('textbox', { name: en('fields.password'), exact: true }).fill('Guessed-By-Office-B-1');
  await visitor.getByRole('button', { name: en('invitations.link.acceptExisting') }).click();
  await expect(visitor.getByText(en('errors:auth.invalid_credentials')).first()).toBeVisible();
  await shots(visitor, '03-wrong-password');

  // The operator disables office B: its owner is signed out and told why at the next sign-in.
  expect(office('disable', officeB, '--reason', 'Subscription ended')).toContain('session(s) ended');
  await page.goto('/');
  await expect(page).toHaveURL(/\/sign-in/);
  await page.getByLabel(en('fields.email')).fill(ATTACKER.email);
  await page.getByRole('textbox', { name: en('fields.password'), exact: true }).fill(ATTACKER.password);
  await page.getByRole('button', { name: en('signIn.submit'), exact: true }).click();
  await expect(
    page.getByText(en('errors:auth.office_disabled', { office: 'Biuro Obce', reason: 'Subscription ended' })),
  ).toBeVisible();
  await expectAccessible(page);
  await shots(page, '04-office-disabled');
  office('enable', officeB);
  expect(errors).toEqual([]);
});
