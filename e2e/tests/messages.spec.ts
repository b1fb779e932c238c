// Conversations in two real browsers: an accountant and a client user chat live (the client pastes
// a screenshot, the accountant sees it without reloading, read ticks reach the client, the
// accountant is not offered to close the client's conversation, the client closes it), and a
// corpus of hostile input — markup, event handlers, javascript: links, disguised files, a pixel
// flood, path-traversal names — runs no script in either browser (any dialog, page error or CSP
// violation fails the test). Screenshots go to e2e/screenshots/.
import { expect, test, type Browser, type Page } from '@playwright/test';
import { deflateSync, crc32 } from 'node:zlib';
import { acceptInvitation, ownerApi, PASSWORD, staffId, watchForErrors } from './portal.js';
import { texts } from './texts.js';

const en = texts('en');
const shots = (page: Page, name: string) =>
  page.screenshot({
    path: `e2e/screenshots/e2e-messages-${name}.png`,
    fullPage: false,
  });
const ACCOUNTANT = { name: 'Paweł Łuczak', email: 'pawel@biuro-nowak.pl' };
const CLIENT = { name: 'Marta Bratek', email: 'marta@kwiaciarnia-bratek.pl' };
const COMPANY = {
  name: 'Kwiaciarnia Bratek sp. z o.o.',
  country: 'PL',
  taxId: '7773145129',
};

async function seed(baseURL: string) {
  const { api, csrf } = await ownerApi(baseURL);
  const headers = { 'X-CSRF-Token': csrf };
  const staff = await api.post('/api/staff', {
    headers,
    data: {
      ...ACCOUNTANT,
      role: 'employee',
      specialties: ['accounting'],
      locale: 'en',
    },
  });
  expect(staff.status(), await staff.text()).toBe(201);
  // Joining the staff is accepting the e-mailed invitation.
  await acceptInvitation(baseURL, ACCOUNTANT.email);
  const company = await api.post('/api/companies', { headers, data: COMPANY });
  expect(company.status(), await company.text()).toBe(201);
  const companyId = (await company.json()).id as string;
  const assign = await api.put(`/api/companies/${companyId}/assignments`, {
    headers,
    data: {
      items: [{ userId: await staffId(api, ACCOUNTANT.email), specialty: 'accounting' }],
    },
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

async function signIn(browser: Browser, email: string, errors: string[], who: string): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 860 },
  });
  const page = await context.newPage();
  watchForErrors(page, errors, who);
  await page.goto('/sign-in');
  await page.getByLabel(en('fields.email')).fill(email);
  await page.getByRole('textbox', { name: en('fields.password'), exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: en('signIn.submit') }).click();
  await expect(
    page.getByRole('button', {
      name: new RegExp(email === CLIENT.email ? CLIENT.name : ACCOUNTANT.name),
    }),
  ).toBeVisible();
  return page;
}

/** Pastes an image into the focused element the way a browser does for Ctrl+V of a screenshot. */
async function pasteImage(page: Page, png: Buffer) {
  await page.evaluate(async (base64) => {
    const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
    const data = new DataTransfer();
    data.items.add(new File([bytes], 'image.png', { type: 'image/png' }));
    document.activeElement!.dispatchEvent(
      new ClipboardEvent('paste', {
        clipboardData: data,
        bubbles: true,
        cancelable: true,
      }),
    );
  }, png.toString('base64'));
}

/** A real PNG of a flat colour (what a screenshot tool would paste), made without an image library. */
function png(
  width: number,
  height: number,
  rgb: [number, number, number],
  declared?: { width: number; height: number },
): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(declared?.width ?? width, 0);
  header.writeUInt32BE(declared?.height ?? height, 4);
  header.writeUInt8(8, 8);
  header.writeUInt8(2, 9);
  const row = Buffer.concat([Buffer.from([0]), Buffer.concat(Array.from({ length: width }, () => Buffer.from(rgb)))]);
  const pixels = Buffer.concat(Array.from({ length: height }, () => row));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(pixels)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const SMALL_PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Size 4/Root 1 0 R>>\n%%EOF\n',
  'latin1',
);

test.describe.configure({ mode: 'serial' });

test('an accountant and a client chat live: a pasted screenshot, read ticks, closing rights', async ({
  browser,
  baseURL,
}) => {
  await seed(baseURL!);
  const errors: string[] = [];
  const client = await signIn(browser, CLIENT.email, errors, 'client');
  const accountant = await signIn(browser, ACCOUNTANT.email, errors, 'accountant');

  // The accountant waits in the inbox; the client writes to the office.
  await accountant.goto('/inbox');
  await expect(accountant.getByRole('button', { name: en('notifications.bell', { count: 0 }) })).toBeVisible();
  await client.goto('/conversations/new');
  await client.getByLabel(en('newConversation.subject')).fill('Faktury za listopad');
  await client
    .getByLabel(en('newConversation.message'))
    .fill('Dzień dobry, czy faktura FV/11/2026 jest już zaksięgowana?');
  await client.getByRole('button', { name: en('newConversation.send') }).click();
  await expect(client.getByRole('heading', { name: 'Faktury za listopad' })).toBeVisible();
  const conversationUrl = client.url();

  // The accountant's bell counts it without reloading (the notification job runs in the portal's
  // worker); the notification opens the conversation and is read with it.
  const bell = accountant.getByRole('button', { name: en('notifications.bell', { count: 1 }) });
  await expect(bell).toBeVisible();
  await bell.click();
  await expect(accountant.getByTestId('notification').filter({ hasText: 'Faktury za listopad' })).toHaveAttribute(
    'data-unread',
    'true',
  );
  await shots(accountant, '00-accountant-bell');
  await accountant.getByTestId('notification').filter({ hasText: 'Faktury za listopad' }).click();
  await expect(accountant.getByRole('button', { name: en('notifications.bell', { count: 0 }) })).toBeVisible();
  await expect(accountant.getByRole('link', { name: /Faktury za listopad/ })).toBeVisible();
  // Scoped to the thread: the inbox list beside it shows the same line as the conversation's excerpt.
  const accountantThread = accountant.getByRole('region', { name: en('conversation.messages') });
  await expect(
    accountantThread.getByText('Dzień dobry, czy faktura FV/11/2026 jest już zaksięgowana?', { exact: true }),
  ).toBeVisible();

  // The client pastes a screenshot into the composer and sends it with a line of text.
  const composer = client.getByRole('textbox', { name: en('composer.label') });
  await composer.click();
  await pasteImage(client, png(640, 360, [52, 101, 196]));
  await expect(client.getByTestId('upload-item')).toHaveAttribute('data-status', 'done');
  await composer.fill('Tu jest zrzut ekranu z banku.');
  await shots(client, '01-client-pasted');
  await client.getByRole('button', { name: en('composer.send') }).click();
  await expect(client.getByRole('button', { name: /Screenshot .*\.png/ })).toBeVisible();

  // The accountant sees the message and its picture without reloading.
  await expect(accountantThread.getByText('Tu jest zrzut ekranu z banku.', { exact: true })).toBeVisible();
  const thumbnail = accountantThread.getByRole('button', {
    name: /Screenshot .*\.png/,
  });
  await expect(thumbnail).toBeVisible();
  await expect
    .poll(() => thumbnail.locator('img').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth))
    .toBeGreaterThan(0);
  await shots(accountant, '02-accountant-sees-screenshot');
  await thumbnail.click();
  await expect(accountant.getByRole('dialog')).toBeVisible();
  await shots(accountant, '03-accountant-viewer');
  await accountant.getByRole('button', { name: en('attachment.close') }).click();

  // The accountant answers; the client's ticks turn to "read" as the accountant has the thread open.
  await accountant.getByRole('textbox', { name: en('composer.label') }).fill('Dziękuję, **zaksięgowana** wczoraj.');
  await accountant.getByRole('button', { name: en('composer.send') }).click();
  await expect(client.locator('li[data-seq] strong', { hasText: 'zaksięgowana' })).toBeVisible();
  await expect(client.getByTestId('ticks').last()).toHaveAttribute('data-state', 'read');
  await shots(client, '04-client-read-ticks');

  // The accountant may not close the client's conversation, so is not offered to: marking it handled is theirs.
  await expect(accountant.getByRole('button', { name: en('inboxActions.handle') })).toBeVisible();
  await expect(accountant.getByRole('button', { name: en('conversation.close') })).toHaveCount(0);
  await shots(accountant, '05-accountant-no-close');

  // The client closes it; the accountant's view shows it closed without reloading.
  await client.getByRole('button', { name: en('conversation.close') }).click();
  await expect(client.getByRole('button', { name: en('conversation.reopen') })).toBeVisible();
  await expect(
    accountant.getByText(en('conversation.closedReadOnly', { date: '\u0000' }).split('\u0000')[0]!),
  ).toBeVisible();
  await shots(client, '06-client-closed');
  expect(client.url()).toBe(conversationUrl);
  expect(errors).toEqual([]);
});

test('hostile input runs no script in either browser, and hostile files are refused or neutralised', async ({
  browser,
}) => {
  const errors: string[] = [];
  const client = await signIn(browser, CLIENT.email, errors, 'client');
  const accountant = await signIn(browser, ACCOUNTANT.email, errors, 'accountant');
  const subject = '<img src=x onerror=alert("subject")><script>alert("subject")</script> Pilne';
  await client.goto('/conversations/new');
  await client.getByLabel(en('newConversation.subject')).fill(subject);
  await client.getByLabel(en('newConversation.message')).fill('<script>alert("body")</script>');
  await client.getByRole('button', { name: en('newConversation.send') }).click();
  await expect(client.getByRole('heading', { name: subject })).toBeVisible();

  const corpus = [
    '<img src=x onerror="alert(1)">',
    '<svg onload=alert(2)><circle r=10 /></svg>',
    '[kliknij](javascript:alert(3))',
    '[data](data:text/html;base64,PHNjcmlwdD5hbGVydCg0KTwvc2NyaXB0Pg==)',
    '<a href="javascript:alert(5)">link</a>',
    '<iframe src="javascript:alert(6)"></iframe>',
    '**bold** <b onmouseover=alert(7)>hover</b> `<script>alert(8)</script>`',
    '<details open ontoggle=alert(9)>x</details>',
    '"><script>alert(10)</script>',
  ];
  const composer = client.getByRole('textbox', { name: en('composer.label') });
  const messages = client.locator('li[data-seq]');
  for (const [index, text] of corpus.entries()) {
    await composer.fill(text);
    await client.getByRole('button', { name: en('composer.send') }).click();
    await expect(messages).toHaveCount(index + 2);
  }

  // Files: disguised markup and a pixel flood are refused with a clear message; a path-traversal name is neutralised.
  const hostileFiles = [
    {
      name: 'invoice.png',
      mimeType: 'image/png',
      buffer: Buffer.from(
        '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(11)"><script>alert(12)</script></svg>',
      ),
    },
    {
      name: 'report.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('<html><img src=x onerror=alert(13)></html>'),
    },
    {
      name: 'drawing.xml',
      mimeType: 'text/xml',
      buffer: Buffer.from(
        '<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script>alert(14)</script></svg>',
      ),
    },
    {
      name: 'bomb.png',
      mimeType: 'image/png',
      buffer: png(1, 1, [0, 0, 0], { width: 60_000, height: 60_000 }),
    },
    {
      name: '..\\..\\..\\etc\\passwd.pdf',
      mimeType: 'application/pdf',
      buffer: SMALL_PDF,
    },
  ];
  await client.getByTestId('attach-input').setInputFiles(hostileFiles);
  await expect(client.getByTestId('upload-item')).toHaveCount(5);
  await expect(client.locator('[data-testid="upload-item"][data-status="uploading"]')).toHaveCount(0);
  await expect(client.locator('[data-testid="upload-item"][data-status="failed"]')).toHaveCount(4);
  await expect(client.getByText(en('errors:attachment.too_many_pixels', { name: 'bomb.png' }))).toBeVisible();
  await shots(client, '07-hostile-files-refused');
  for (const name of ['invoice.png', 'report.csv', 'drawing.xml', 'bomb.png'])
    await client.getByRole('button', { name: en('upload.remove', { name }) }).click();
  await composer.fill('Plik o dziwnej nazwie');
  await client.getByRole('button', { name: en('composer.send') }).click();
  await expect(
    client.getByRole('button', {
      name: en('attachment.view', { name: 'passwd.pdf' }),
    }),
  ).toBeVisible();

  // The accountant opens the same conversation: every message is shown as text, nothing runs.
  await accountant.goto('/inbox');
  await accountant.getByRole('link', { name: /Pilne/ }).first().click();
  await expect(
    accountant
      .getByRole('region', { name: en('conversation.messages') })
      .getByText('Plik o dziwnej nazwie', { exact: true }),
  ).toBeVisible();
  await accountant
    .getByRole('button', {
      name: en('attachment.view', { name: 'passwd.pdf' }),
    })
    .click();
  // The PDF is drawn by pdf.js inside the portal (its own scripts never run): its page shows.
  // PDF.js parses its 1.2 MB worker before the first page: on a busy 2-core runner that alone has taken over 10 s.
  await expect(accountant.getByTestId('pdf-viewer')).toHaveAttribute('data-state', 'ready', { timeout: 30_000 });
  await expect(
    accountant.getByRole('img', { name: en('attachment.pdfPage', { name: 'passwd.pdf', page: 1, pages: 1 }) }),
  ).toBeVisible();
  await accountant.keyboard.press('Escape');
  for (const page of [client, accountant]) {
    const thread = page
      .locator('section')
      .filter({ has: page.locator('li[data-seq]') })
      .first();
    expect(
      await thread
        .locator('script, iframe:not([title]), svg[onload], img[onerror], [onmouseover], details[ontoggle]')
        .count(),
    ).toBe(0);
    expect(await thread.locator('a[href^="javascript:"], a[href^="data:"]').count()).toBe(0);
  }
  await shots(accountant, '08-hostile-thread');
  // Whatever the hostile thread would have started has had its chance once the page is quiet.
  await accountant.waitForLoadState('networkidle');
  expect(errors).toEqual([]);
});
