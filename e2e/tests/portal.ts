// What the browser specs share: an owner's API client (setting the portal up if no spec has yet),
// reading a person's mailbox (the test's SMTP server), accepting an invitation, and catching script errors a page must
// never have.
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
    if (msg.type() === 'error' && /Content Security Policy|Refused to/.test(msg.text()))
      errors.push(`${who}: CSP: ${msg.text()}`);
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

/** The newest e-mail to `email` whose subject matches, as the person's mailbox holds it (waits for it to arrive). */
export async function mailTo(email: string, subject: RegExp = /./): Promise<{ subject: string; text: string }> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const mails = (await (await fetch(`${process.env.E2E_MAILBOX_URL}/?to=${encodeURIComponent(email)}`)).json()) as {
      subject: string;
      text: string;
    }[];
    const found = mails.filter((m) => subject.test(m.subject)).at(-1);
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`no e-mail to ${email} matching ${subject} arrived`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** The invitation link of the newest invitation e-mail to `email`. */
export async function invitationLink(email: string): Promise<string> {
  const mail = await mailTo(email, /invit|zaprasza|invită/i);
  return /https?:\/\/\S+\/invite\/[\w-]+/.exec(mail.text)![0];
}

/** The person accepts the invitation e-mailed to them, creating their account with PASSWORD. */
export async function acceptInvitation(baseURL: string, email: string) {
  const token = new URL(await invitationLink(email)).pathname.split('/').pop()!;
  const visitor = await playwrightRequest.newContext({
    baseURL,
    extraHTTPHeaders: { Origin: baseURL },
  });
  const res = await visitor.post(`/api/invitation-links/${token}/accept`, {
    data: { password: PASSWORD },
  });
  expect(res.status(), await res.text()).toBe(200);
  await visitor.dispose();
}

/** The id of the staff member with this e-mail (once they accepted their invitation). */
export async function staffId(api: APIRequestContext, email: string): Promise<string> {
  const staff = (await (await api.get('/api/staff')).json()).items as { userId: string; email: string }[];
  return staff.find((s) => s.email === email)!.userId;
}

/** No WCAG 2 A/AA violation that axe can find on the page as it is now. */
export async function expectAccessible(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}
