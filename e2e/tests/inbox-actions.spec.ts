// Staff finish a client's conversation their own way: an accountant marks one handled (by its key, `e`) and it
// leaves "Needs my action" until the client writes again, assigns one to a colleague, and snoozes one until tomorrow
// morning. The client is never offered any of it. Screenshots at 1440 and 390 px go to e2e/screenshots/.
import { expect, request as playwrightRequest, test, type Browser, type Page } from '@playwright/test';
import { randomUUID } from 'node:crypto';
import { acceptInvitation, ownerApi, PASSWORD, staffId, watchForErrors } from './portal.js';
import { texts } from './texts.js';

const en = texts('en');
const ACCOUNTANT = { name: 'Zofia Kruk', email: 'zofia.kruk@biuro-nowak.pl' };
const COLLEAGUE = { name: 'Marek Sowa', email: 'marek@biuro-nowak.pl' };
const CLIENT = { name: 'Jan Dąb', email: 'jan@tartak-dab.pl' };
const COMPANY = { name: 'Tartak Dąb sp. z o.o.', country: 'PL', taxId: '5271340905' };
const SUBJECTS = { handled: 'Faktura za drewno', assigned: 'Umowa z pracownikiem', snoozed: 'Deklaracja VAT-7' };

// What a person sees may take a while on a machine busy with other work: wait longer than the default, never sleep.
const see = expect.configure({ timeout: 30_000 });
const shot = (page: Page, name: string) => page.screenshot({ path: `e2e/screenshots/e2e-inbox-actions-${name}.png` });

/** The office, its two accountants (both may see the company), the company and its client user. */
async function seed(baseURL: string) {
  const { api, csrf } = await ownerApi(baseURL);
  const headers = { 'X-CSRF-Token': csrf };
  for (const person of [ACCOUNTANT, COLLEAGUE]) {
    const staff = await api.post('/api/staff', {
      headers,
      data: { ...person, role: 'employee', specialties: ['accounting'], locale: 'en' },
    });
    expect(staff.status(), await staff.text()).toBe(201);
    await acceptInvitation(baseURL, person.email);
  }
  const company = await api.post('/api/companies', { headers, data: COMPANY });
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
  await api.dispose();
}

/** The client, writing from their own session (an API client: what they see is not this test's subject). */
async function clientApi(baseURL: string) {
  const api = await playwrightRequest.newContext({ baseURL, extraHTTPHeaders: { Origin: baseURL } });
  const res = await api.post('/api/auth/sign-in', { data: { email: CLIENT.email, password: PASSWORD } });
  expect(res.status(), await res.text()).toBe(200);
  const headers = { 'X-CSRF-Token': (await res.json()).csrfToken as string };
  const channels = (await (await api.get('/api/channels')).json()).items as { id: string; key: string }[];
  const accounting = channels.find((c) => c.key === 'accounting')!.id;
  return {
    ask: async (subject: string) => {
      const started = await api.post('/api/conversations', {
        headers,
        data: {
          clientId: randomUUID(),
          channelId: accounting,
          subject,
          body: 'Dzień dobry, proszę o sprawdzenie.',
          visibility: 'company',
        },
      });
      expect(started.status(), await started.text()).toBe(201);
      return (await started.json()).id as string;
    },
    write: async (id: string) => {
      const sent = await api.post(`/api/conversations/${id}/messages`, {
        headers,
        data: { clientId: randomUUID(), body: 'Jeszcze jedno: termin to piątek.' },
      });
      expect(sent.status(), await sent.text()).toBe(201);
    },
    dispose: () => api.dispose(),
  };
}

async function signIn(browser: Browser, email: string, name: string, errors: string[], width: number): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height: 900 } });
  const page = await context.newPage();
  watchForErrors(page, errors, email);
  await page.goto('/sign-in');
  await page.getByLabel(en('fields.email')).fill(email);
  await page.getByRole('textbox', { name: en('fields.password'), exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: en('signIn.submit') }).click();
  await see(page.getByRole('button', { name: new RegExp(name) })).toBeVisible();
  return page;
}

test('an accountant marks handled, assigns and snoozes client conversations', async ({ browser, baseURL }) => {
  const errors: string[] = [];
  await seed(baseURL!);
  const client = await clientApi(baseURL!);
  const ids = {
    handled: await client.ask(SUBJECTS.handled),
    assigned: await client.ask(SUBJECTS.assigned),
    snoozed: await client.ask(SUBJECTS.snoozed),
  };

  const accountant = await signIn(browser, ACCOUNTANT.email, ACCOUNTANT.name, errors, 1440);
  await accountant.goto('/inbox');
  // An inbox line: a link into the inbox that shows the subject (the open thread's subject is a heading).
  const line = (subject: string) => accountant.locator('a[href^="/inbox/"]', { hasText: subject });
  for (const subject of Object.values(SUBJECTS)) await see(line(subject)).toBeVisible();

  // Handled, by its key: it leaves "Needs my action", and Close (the client's to do) is not offered.
  await line(SUBJECTS.handled).click();
  await see(accountant.getByRole('heading', { name: SUBJECTS.handled })).toBeVisible();
  await see(accountant.getByRole('button', { name: en('conversation.close') })).toHaveCount(0);
  await shot(accountant, '1440-01-open');
  await accountant.getByRole('heading', { name: SUBJECTS.handled }).click();
  await accountant.keyboard.press('e');
  await see(accountant.getByRole('button', { name: en('inboxActions.unhandle') })).toBeVisible();
  await see(line(SUBJECTS.handled)).toHaveCount(0);
  await shot(accountant, '1440-02-handled');

  // The client writes again: it comes back, live, and is no longer marked handled.
  await client.write(ids.handled);
  await see(line(SUBJECTS.handled)).toBeVisible();
  await see(accountant.getByRole('button', { name: en('inboxActions.handle') })).toBeVisible();

  // Assigned to a colleague: it is the colleague's to do now.
  await line(SUBJECTS.assigned).click();
  await see(accountant.getByRole('heading', { name: SUBJECTS.assigned })).toBeVisible();
  await accountant.getByRole('button', { name: en('inboxActions.assign') }).click();
  await accountant.getByRole('menuitem', { name: COLLEAGUE.name }).click();
  await see(accountant.getByText(en('inboxActions.assignedTo', { name: COLLEAGUE.name })).first()).toBeVisible();
  await see(line(SUBJECTS.assigned)).toHaveCount(0);
  await shot(accountant, '1440-03-assigned');

  // Snoozed until tomorrow morning, with `s`: it sleeps until then (or until the client writes).
  await line(SUBJECTS.snoozed).click();
  await see(accountant.getByRole('heading', { name: SUBJECTS.snoozed })).toBeVisible();
  await accountant.getByRole('heading', { name: SUBJECTS.snoozed }).click();
  await accountant.keyboard.press('s');
  await accountant.getByRole('menuitem', { name: new RegExp(en('inboxActions.tomorrowMorning')) }).click();
  const snoozedPrefix = en('inboxActions.snoozedUntil', { date: '\u0000' }).split('\u0000')[0]!;
  await see(accountant.getByText(snoozedPrefix).first()).toBeVisible();
  await see(line(SUBJECTS.snoozed)).toHaveCount(0);

  // Every conversation, with its state in the list.
  await accountant.getByRole('button', { name: en('inbox.views.all'), exact: true }).click();
  await see(line(SUBJECTS.assigned)).toBeVisible();
  await shot(accountant, '1440-04-all');

  // The colleague finds the assigned one waiting for them.
  const colleague = await signIn(browser, COLLEAGUE.email, COLLEAGUE.name, errors, 390);
  await colleague.goto('/inbox');
  const theirs = colleague.locator('a[href^="/inbox/"]', { hasText: SUBJECTS.assigned });
  await see(theirs).toBeVisible();
  await shot(colleague, '390-01-colleague-list');
  await theirs.click();
  await see(colleague.getByText(en('inboxActions.assignedToMe'))).toBeVisible();
  await shot(colleague, '390-02-colleague-thread');
  await colleague.getByRole('button', { name: en('inboxActions.snooze') }).click();
  await see(colleague.getByRole('menuitem', { name: en('inboxActions.pickDate') })).toBeVisible();
  await shot(colleague, '390-03-snooze-menu');

  await client.dispose();
  expect(errors).toEqual([]);
});
