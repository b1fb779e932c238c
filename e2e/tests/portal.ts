// What the browser specs share: an owner's API client (setting the portal up if no spec has yet),
// following the set-password link of the outbox, and catching script errors a page must never have.
import AxeBuilder from '@axe-core/playwright';
import { expect, request as playwrightRequest, type APIRequestContext, type Page } from '@playwright/test';
import { OWNER } from './people.js';

/** The password every person the specs create sets from their e-mailed link. */
export const PASSWORD = 'Bilans-Otwarcia-2026';

export function watchForErrors(page: Page, errors: string[], who: string) {
  page.on('pageerror', (err) => errors.push(`${who}: page error: ${err.message}`));
  page.on('dialog', (dialog) => {
    errors.push(`${who}: dialog: ${dialog.message()}`);
    void dialog.dismiss();
  });
  page.on('console', (msg) => {
    if (msg.type() === 'error' && /Content Security Policy|Refused to/.test(msg.text())) errors.push(`${who}: CSP: ${msg.text()}`);
  });
}

/** An API client signed in as the office owner (setting the portal up if the foundation test has not). */
export async function ownerApi(baseURL: string): Promise<{ api: APIRequestContext; csrf: string }> {
  const api = await playwrightRequest.newContext({
    baseURL,
    extraHTTPHeaders: { Origin: baseURL },
  });
  const status = await (await api.get('/api/setup')).json();
  const res = status.needed
    ? await api.post('/api/setup', {
        data: {
          officeName: 'Biuro Rachunkowe Nowak',
          country: 'PL',
          locale: 'en',
          ownerName: OWNER.name,
          email: OWNER.email,
          password: OWNER.password,
        },
      })
    : await api.post('/api/auth/sign-in', {
        data: { email: OWNER.email, password: OWNER.password },
      });
  expect(res.status(), await res.text()).toBe(200);
  return { api, csrf: (await res.json()).csrfToken };
}

/** Follows the set-password link the outbox holds for `email`. */
export async function setPassword(baseURL: string, api: APIRequestContext, email: string) {
  const outbox = (await (await api.get('/api/outbox?pageSize=100')).json()).items as { id: string; toAddress: string }[];
  const mail = outbox.find((m) => m.toAddress === email)!;
  const text = (await (await api.get(`/api/outbox/${mail.id}`)).json()).textBody as string;
  const token = /\/set-password\/([\w-]+)/.exec(text)![1];
  const visitor = await playwrightRequest.newContext({
    baseURL,
    extraHTTPHeaders: { Origin: baseURL },
  });
  const res = await visitor.post('/api/auth/password-reset/complete', {
    data: { token, password: PASSWORD },
  });
  expect(res.status(), await res.text()).toBe(200);
  await visitor.dispose();
}


/** No WCAG 2 A/AA violation that axe can find on the page as it is now. */
export async function expectAccessible(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}
