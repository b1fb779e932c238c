// What a thread tells beyond its messages, in real browsers: who closed a conversation and when (list and header),
// "edited" on a message with its earlier texts, the company panel beside a staff member's thread (and in a drawer on
// a phone), a client's menu with its "needs your action" counter, a limited client writing privately to a chosen
// colleague, the compact phone header and a photo named by its file. Screenshots go to e2e/screenshots/.
import { expect, request as playwrightRequest, test, type Browser, type Page } from '@playwright/test';
import { crc32, deflateSync } from 'node:zlib';
import { acceptInvitation, ownerApi, PASSWORD, staffId, watchForErrors } from './portal.js';
import { texts } from './texts.js';

const en = texts('en');
const ACCOUNTANT = { name: 'Irena Kowal', email: 'irena.kowal@biuro-nowak.pl' };
const CLIENT = { name: 'Ewa Sadowska', email: 'ewa@sad-jablon.pl' };
const COLLEAGUE = { name: 'Jan Sadowski', email: 'jan@sad-jablon.pl' };
const LIMITED = { name: 'Ola Kwiecień', email: 'ola@sad-jablon.pl' };
const COMPANY = { name: 'Sad Jabłoń sp. z o.o.', country: 'PL', taxId: '4080230022' };
const shot = (page: Page, name: string) => page.screenshot({ path: `e2e/screenshots/e2e-thread-${name}.png` });

/** A small PNG (a photo as a phone would send it, only smaller). */
function png(width: number, height: number, rgb: [number, number, number]): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.writeUInt8(8, 8);
  header.writeUInt8(2, 9);
  const row = Buffer.concat([Buffer.from([0]), Buffer.concat(Array.from({ length: width }, () => Buffer.from(rgb)))]);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(Array.from({ length: height }, () => row)))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A person's API client, signed in with their password. */
async function apiAs(baseURL: string, email: string) {
  const api = await playwrightRequest.newContext({ baseURL, extraHTTPHeaders: { Origin: baseURL } });
  const res = await api.post('/api/auth/sign-in', { data: { email, password: PASSWORD } });
  expect(res.status(), await res.text()).toBe(200);
  return { api, headers: { 'X-CSRF-Token': (await res.json()).csrfToken as string } };
}

async function seed(baseURL: string) {
  const { api, csrf } = await ownerApi(baseURL);
  const headers = { 'X-CSRF-Token': csrf };
  const staff = await api.post('/api/staff', {
    headers,
    data: { ...ACCOUNTANT, role: 'employee', specialties: ['accounting'], locale: 'en' },
  });
  expect(staff.status(), await staff.text()).toBe(201);
  await acceptInvitation(baseURL, ACCOUNTANT.email);
  const company = await api.post('/api/companies', { headers, data: COMPANY });
  expect(company.status(), await company.text()).toBe(201);
  const companyId = (await company.json()).id as string;
  await api.put(`/api/companies/${companyId}/assignments`, {
    headers,
    data: { items: [{ userId: await staffId(api, ACCOUNTANT.email), specialty: 'accounting' }] },
  });
  for (const [person, access] of [
    [CLIENT, 'full'],
    [COLLEAGUE, 'full'],
    [LIMITED, 'limited'],
  ] as const) {
    const user = await api.post(`/api/companies/${companyId}/users`, {
      headers,
      data: { ...person, access, locale: 'en' },
    });
    expect(user.status(), await user.text()).toBe(201);
    await acceptInvitation(baseURL, person.email);
  }
  const channels = (await (await api.get('/api/channels')).json()).items as { id: string; key: string }[];
  const accounting = channels.find((c) => c.key === 'accounting')!.id;
  // The office writes first in both: each waits for the client.
  const start = async (subject: string) => {
    const res = await api.post('/api/conversations', {
      headers,
      data: {
        companyId,
        channelId: accounting,
        subject,
        body: 'Please send the bank statements.',
        clientId: crypto.randomUUID(),
        visibility: 'company',
      },
    });
    expect(res.status(), await res.text()).toBe(201);
    return (await res.json()).id as string;
  };
  const vat = await start('VAT for November');
  const payroll = await start('Payroll for December');
  // Still waiting for the client once the payroll one is closed.
  await start('Annual report');
  // The client answers in the first with a photo, then corrects their text (the office sees "edited").
  const client = await apiAs(baseURL, CLIENT.email);
  const upload = await client.api.post('/api/attachments', {
    headers: client.headers,
    multipart: { file: { name: 'receipt-orchard.png', mimeType: 'image/png', buffer: png(64, 48, [200, 60, 40]) } },
  });
  expect(upload.status(), await upload.text()).toBe(201);
  const posted = await client.api.post(`/api/conversations/${vat}/messages`, {
    headers: client.headers,
    data: { clientId: crypto.randomUUID(), body: 'Total: 1000 PLN', attachmentIds: [(await upload.json()).id] },
  });
  expect(posted.status(), await posted.text()).toBe(201);
  const edited = await client.api.patch(`/api/messages/${(await posted.json()).id}`, {
    headers: client.headers,
    data: { body: 'Total: 1200 PLN' },
  });
  expect(edited.status(), await edited.text()).toBe(200);
  await client.api.dispose();
  await api.dispose();
  return { companyId, vat, payroll };
}

async function signIn(browser: Browser, email: string, name: string, width: number, errors: string[]) {
  const context = await browser.newContext({
    viewport: { width, height: width < 600 ? 844 : 900 },
    ...(width < 600 ? { isMobile: true, hasTouch: true } : {}),
  });
  const page = await context.newPage();
  watchForErrors(page, errors, email);
  await page.goto('/sign-in');
  await page.getByLabel(en('fields.email')).fill(email);
  await page.getByRole('textbox', { name: en('fields.password'), exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: en('signIn.submit') }).click();
  await expect(page.getByRole('button', { name: new RegExp(name) })).toBeVisible({ timeout: 30_000 });
  return page;
}

test.describe.configure({ mode: 'serial' });

test('a thread tells who closed it, what was edited, and the company beside it; clients get a menu and private threads', async ({
  browser,
  baseURL,
}) => {
  // Five people in turn on a machine that may be busy: more than one flow's usual time.
  test.setTimeout(420_000);
  const { companyId, vat, payroll } = await seed(baseURL!);
  const errors: string[] = [];

  // --- The accountant at a desktop: the company panel beside the thread, "edited" and its history.
  const staff = await signIn(browser, ACCOUNTANT.email, ACCOUNTANT.name, 1440, errors);
  // A thread wide enough (its own page) has the panel beside it.
  await staff.goto(`/conversations/${vat}`);
  const panel = staff.getByRole('complementary', { name: en('companyPanel.title') });
  await expect(panel.getByTestId('company-panel-tax-id')).toHaveText('408-023-00-22', { timeout: 30_000 });
  await expect(panel.getByText(en('company.status.active'))).toBeVisible();
  await expect(panel.getByText(ACCOUNTANT.name)).toBeVisible();
  await expect(panel.getByRole('link', { name: en('companyPanel.openCompany') })).toHaveAttribute(
    'href',
    `/companies/${companyId}`,
  );
  const thread = staff.getByRole('region', { name: en('conversation.messages') });
  await expect(thread.getByText('Total: 1200 PLN')).toBeVisible();
  // The photo is named by its file, for the eye and for a screen reader.
  await expect(thread.getByRole('img', { name: 'receipt-orchard.png' })).toBeVisible();
  await expect(thread.getByText('receipt-orchard.png')).toBeVisible();
  await thread.getByRole('button', { name: /^Edited .*earlier versions$/ }).click();
  const history = staff.getByTestId('revisions');
  await expect(history.getByText('Total: 1000 PLN')).toBeVisible();
  await expect(history.getByText(new RegExp(`Before ${CLIENT.name} edited it`))).toBeVisible();
  await shot(staff, 'history-1440');
  await staff.keyboard.press('Escape');
  // The company's other open conversation is one click away.
  await panel.getByRole('link', { name: 'Payroll for December' }).click();
  await expect(staff).toHaveURL(new RegExp(`/conversations/${payroll}`));
  await expect(staff.getByRole('heading', { name: 'Payroll for December' })).toBeVisible({ timeout: 30_000 });
  await expect(panel.getByRole('link', { name: 'VAT for November' })).toBeVisible();
  await shot(staff, 'panel-1440');
  // In the three-pane inbox the thread is narrower: the panel opens beside it on demand.
  await staff.goto(`/inbox/${payroll}?view=all`);
  await staff.getByRole('button', { name: en('companyPanel.show') }).click({ timeout: 30_000 });
  const drawer = staff.getByRole('dialog', { name: en('companyPanel.title') });
  await expect(drawer.getByRole('link', { name: 'VAT for November' })).toHaveAttribute(
    'href',
    `/inbox/${vat}?view=all`,
  );
  await shot(staff, 'panel-inbox-1440');
  await staff.keyboard.press('Escape');
  await expect(drawer).toBeHidden();

  // Closing: the header and the list name who closed it and when.
  await staff.getByRole('button', { name: en('conversation.close') }).click();
  const closedBy = new RegExp(`^Closed by ${ACCOUNTANT.name} · `);
  await expect(staff.getByTestId('closed-by').first()).toHaveText(closedBy);
  await staff.goto(`/inbox/${payroll}?view=closed`);
  const row = staff.getByRole('link', { name: /Payroll for December/ });
  await expect(row.getByTestId('closed-by')).toHaveText(closedBy, { timeout: 30_000 });
  await shot(staff, 'closed-1440');

  // --- A client on a phone: the bottom bar counts what waits for them; the header is one compact line.
  const client = await signIn(browser, CLIENT.email, CLIENT.name, 390, errors);
  const menu = client.getByRole('navigation', { name: en('clientNav.label') });
  await expect(menu.getByRole('link', { name: 'Messages, 1 conversation needs your action' })).toBeVisible({
    timeout: 30_000,
  });
  await shot(client, 'client-nav-390');
  await menu.getByRole('link', { name: en('clientNav.company') }).click();
  await expect(client.getByRole('heading', { name: en('clientNav.companyTitle') })).toBeVisible({ timeout: 30_000 });
  await client.goto(`/conversations/${vat}`);
  const heading = client.getByRole('heading', { name: 'VAT for November' });
  await expect(heading).toBeVisible({ timeout: 30_000 });
  const header = client.locator('header[data-compact]');
  expect((await header.boundingBox())!.height).toBeLessThan(80);
  await expect(client.getByTestId('thread-meta')).toContainText(en('conversation.status.open'));
  // Clients see "edited" too, and its history.
  await client.getByRole('button', { name: /^Edited .*earlier versions$/ }).click();
  await expect(client.getByTestId('revisions').getByText('Total: 1000 PLN')).toBeVisible();
  await client.keyboard.press('Escape');
  await shot(client, 'thread-390');
  await client.getByRole('button', { name: en('thread.moreActions') }).click();
  // The office started it: only the office closes it, so the client's menu does not offer Close.
  await expect(client.getByRole('menu')).toBeVisible();
  await expect(client.getByRole('menuitem', { name: en('conversation.close') })).toHaveCount(0);
  await client.keyboard.press('Escape');

  // --- A limited client writes privately to a chosen colleague.
  const limited = await signIn(browser, LIMITED.email, LIMITED.name, 390, errors);
  await limited.goto('/conversations/new');
  await limited.getByRole('radio', { name: /Accounting/ }).check({ timeout: 30_000 });
  await limited.getByLabel(en('newConversation.subject')).fill('My contract');
  await limited.getByLabel(en('newConversation.message')).fill('Could Jan see this too?');
  await limited.getByRole('checkbox', { name: COLLEAGUE.name }).check();
  await shot(limited, 'private-390');
  await limited.getByRole('button', { name: en('newConversation.send') }).click();
  await expect(limited.getByRole('heading', { name: 'My contract' })).toBeVisible({ timeout: 30_000 });
  await limited.getByRole('button', { name: en('thread.moreActions') }).click();
  await expect(limited.getByText(/Private: visible to the office and /)).toContainText(COLLEAGUE.name);
  await limited.keyboard.press('Escape');
  // The colleague has it; the company's other full-access user does not.
  const colleague = await apiAs(baseURL!, COLLEAGUE.email);
  const mine = (await (await colleague.api.get('/api/conversations')).json()).items as { subject: string }[];
  expect(mine.map((c) => c.subject)).toContain('My contract');
  await colleague.api.dispose();
  const everyone = (await (await client.request.get('/api/conversations')).json()).items as { subject: string }[];
  expect(everyone.map((c) => c.subject)).not.toContain('My contract');

  // --- The accountant on a phone opens the company panel in a drawer.
  const phoneStaff = await signIn(browser, ACCOUNTANT.email, ACCOUNTANT.name, 390, errors);
  await phoneStaff.goto(`/inbox/${vat}?view=all`);
  await phoneStaff.getByRole('button', { name: en('thread.moreActions') }).click({ timeout: 30_000 });
  await phoneStaff.getByRole('menuitem', { name: en('companyPanel.show') }).click();
  await expect(phoneStaff.getByRole('dialog').getByTestId('company-panel-tax-id')).toHaveText('408-023-00-22');
  await shot(phoneStaff, 'panel-drawer-390');

  expect(errors).toEqual([]);
});
