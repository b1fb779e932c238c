// Web Push in a real Chromium against the real portal: the manifest and icons load, My account shows
// "Notifications on this device", and the service worker (allowed by the CSP) shows a push once —
// a repeat of the same id is dropped, a foreign URL is refused — and a click on it takes the open
// tab to the conversation. The push is handed to the worker through the DevTools protocol: no push
// service is reachable from here.
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { OWNER } from './people.js';
import { texts } from './texts.js';

const en = texts('en');

type Shown = { title: string; body: string; tag: string; data: { url: string } };
const shown = (page: Page) =>
  page.evaluate(async () =>
    (await (await navigator.serviceWorker.ready).getNotifications()).map((n) => ({
      title: n.title,
      body: n.body,
      tag: n.tag,
      data: n.data as { url: string },
    })),
  ) as Promise<Shown[]>;

test('the web app installs as a PWA whose service worker shows each push once and opens its conversation', async ({
  browser,
  baseURL,
}) => {
  const context = await browser.newContext();
  await context.grantPermissions(['notifications'], { origin: baseURL! });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(`page error: ${err.message}`));
  page.on('console', (msg) => {
    if (msg.type() === 'error' && /Content Security Policy|Refused to/.test(msg.text()))
      errors.push(`CSP: ${msg.text()}`);
  });

  // The owner, setting the portal up if no other test has.
  const headers = { Origin: baseURL! };
  const status = await (await context.request.get('/api/setup')).json();
  const signedIn = status.needed
    ? await context.request.post('/api/setup', {
        headers,
        data: {
          officeName: 'Biuro Rachunkowe Nowak',
          country: 'PL',
          locale: 'en',
          ownerName: OWNER.name,
          email: OWNER.email,
          password: OWNER.password,
        },
      })
    : await context.request.post('/api/auth/sign-in', {
        headers,
        data: { email: OWNER.email, password: OWNER.password },
      });
  expect(signedIn.status(), await signedIn.text()).toBe(200);
  // Another test may have left the owner in another language.
  const csrf = (await signedIn.json()).csrfToken as string;
  expect(
    (
      await context.request.patch('/api/me', { headers: { ...headers, 'X-CSRF-Token': csrf }, data: { locale: 'en' } })
    ).status(),
  ).toBe(200);

  const manifest = await context.request.get('/manifest.webmanifest');
  expect(manifest.headers()['content-type']).toContain('application/manifest+json');
  const icons = (await manifest.json()).icons as { src: string }[];
  for (const icon of icons) expect((await context.request.get(icon.src)).status(), icon.src).toBe(200);

  await page.goto('/account/notifications');
  const card = page.getByRole('region', { name: en('push.title') });
  await expect(card).toBeVisible();
  await expect(card.getByRole('button', { name: en('push.enable') })).toBeVisible();
  const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);

  const cdp = await context.newCDPSession(page);
  const registrations: { registrationId: string; scopeURL: string; isDeleted: boolean }[] = [];
  cdp.on('ServiceWorker.workerRegistrationUpdated', (event) => registrations.push(...event.registrations));
  await cdp.send('ServiceWorker.enable');
  await page.evaluate(async () => {
    await navigator.serviceWorker.register('/sw.js', { scope: '/' });
    await navigator.serviceWorker.ready;
  });
  await expect.poll(() => registrations.some((r) => r.scopeURL === `${baseURL}/` && !r.isDeleted)).toBe(true);
  const { registrationId } = registrations.find((r) => r.scopeURL === `${baseURL}/` && !r.isDeleted)!;
  const push = (data: object) =>
    cdp.send('ServiceWorker.deliverPushMessage', { origin: baseURL!, registrationId, data: JSON.stringify(data) });
  // Chromium drops a notification from getNotifications() for good when it is asked while that notification is
  // still being shown (its list and the displayed set are synchronised then), so the test first waits until the
  // worker's showNotification() calls have finished, counted in the worker itself, and reads the list after.
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  await worker.evaluate(() => {
    const scope = self as unknown as { registration: ServiceWorkerRegistration; shownTitles: string[] };
    const show = scope.registration.showNotification.bind(scope.registration);
    scope.shownTitles = [];
    scope.registration.showNotification = async (title, options) => {
      await show(title, options);
      scope.shownTitles.push(title);
    };
  });
  const shownTitles = () => worker.evaluate(() => (self as unknown as { shownTitles: string[] }).shownTitles);

  const conversation = '/inbox/0f8c2a52-5d4e-4c55-9a55-3c7d2f0b8e11';
  await push({
    id: 'n-1',
    title: 'Marta Bratek started a conversation',
    body: 'Faktury: w załączeniu',
    url: conversation,
    tag: 'conversation:1',
  });
  await expect.poll(shownTitles).toEqual(['Marta Bratek started a conversation']);
  await expect
    .poll(() => shown(page))
    .toEqual([
      {
        title: 'Marta Bratek started a conversation',
        body: 'Faktury: w załączeniu',
        tag: 'conversation:1',
        data: { url: `${baseURL}${conversation}` },
      },
    ]);
  // The same push again (a retried delivery): dropped, not shown or alerted twice.
  await push({ id: 'n-1', title: 'Repeated', body: 'Repeated', url: conversation, tag: 'conversation:1' });
  // A URL of another site never becomes the click's target.
  await push({ id: 'n-2', title: 'Elsewhere', body: '', url: 'https://phishing.example/login', tag: 'conversation:2' });
  await expect.poll(shownTitles).toEqual(['Marta Bratek started a conversation', 'Elsewhere']);
  await expect
    .poll(async () => (await shown(page)).map((n) => [n.title, n.data.url]))
    .toEqual([
      ['Marta Bratek started a conversation', `${baseURL}${conversation}`],
      ['Elsewhere', `${baseURL}/`],
    ]);

  // A click on the first one: the worker takes the open tab to the conversation.
  await worker.evaluate(async () => {
    const scope = self as unknown as { registration: ServiceWorkerRegistration; dispatchEvent: (e: Event) => boolean };
    const [notification] = await scope.registration.getNotifications({ tag: 'conversation:1' });
    const NotificationEventCtor = (
      self as unknown as { NotificationEvent: new (type: string, init: { notification: Notification }) => Event }
    ).NotificationEvent;
    scope.dispatchEvent(new NotificationEventCtor('notificationclick', { notification: notification! }));
  });
  await page.waitForURL(`${baseURL}${conversation}`);
  await expect.poll(async () => (await shown(page)).map((n) => n.title)).toEqual(['Elsewhere']);
  expect(errors).toEqual([]);
  await context.close();
});
