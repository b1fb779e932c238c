import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  anonymous,
  createTestApp,
  makeNip,
  PASSWORD,
  signIn,
  type Session,
  type TestCompany,
  type TestEmail,
  type TestOffice,
} from '../../../test/harness.js';

type T = Awaited<ReturnType<typeof createTestApp>>;

/** The newest e-mail to `to`, as the person's mailbox holds it (an office's outbox shows its links hidden). */
let mailbox: (to: string, filter?: { kind?: 'office' | 'account' }) => Promise<TestEmail | undefined>;
async function lastEmail(_reader: Session, to: string, kind: 'office' | 'account' = 'office') {
  const email = await mailbox(to, { kind });
  return email && { subject: email.subject, textBody: email.text, template: email.template, locale: email.locale };
}
const tokenIn = (text: string) => /\/invite\/([A-Za-z0-9_-]+)/.exec(text)?.[1] ?? '';

describe('invitations', () => {
  let t: T;
  let office: TestOffice;
  let owner: Session;
  let company: TestCompany;
  let n = 0;
  const email = () => `client${++n}.${Date.now().toString(36)}@example.com`;
  const expireAll = (id: string) =>
    t.db.inTenant({ officeId: office.id }, (tx) =>
      tx.execute(`UPDATE invitations SET expires_at = now() - interval '1 minute' WHERE id = '${id}'`),
    );
  const allowResend = (id: string) =>
    t.db.inTenant({ officeId: office.id }, (tx) =>
      tx.execute(`UPDATE invitations SET last_sent_at = now() - interval '2 minutes' WHERE id = '${id}'`),
    );

  async function invite(session: Session, body: Record<string, unknown>) {
    const res = await session.post('/api/invitations', {
      companyId: company.id,
      name: 'Ewa Nowak',
      access: 'full',
      ...body,
    });
    const mail = res.statusCode === 201 ? await lastEmail(owner, res.json().email) : undefined;
    return { res, token: mail ? tokenIn(mail.textBody) : '', mail };
  }

  beforeAll(async () => {
    t = await createTestApp({ INVITATION_DAYS: '15' });
    mailbox = t.mailbox;
    office = await t.factories.office({ name: 'Biuro Rachunkowe Kowalski' });
    owner = await signIn(t.app, office.owner.email);
    company = await t.factories.company(office, { name: 'Piekarnia Złoty Kłos sp. z o.o.' });
    // SMS go to a provider nobody answers on: the log shows what would be sent.
    const sms = await owner.put('/api/sms/settings', {
      provider: 'smsapi',
      token: 'smsapi-token-0123456789',
      senderName: 'Biuro',
      dailyCap: 100,
      perNumberHourly: 5,
      enabled: true,
    });
    expect(sms.statusCode, sms.body).toBe(200);
  });
  afterAll(() => t.close());

  it('sends a translated e-mail and an SMS with a single-use link valid 15 days, and lists the invitation as sent', async () => {
    const to = email();
    const { res, mail, token } = await invite(owner, { email: to.toUpperCase(), phone: '600 123 456', locale: 'pl' });
    expect(res.statusCode, res.body).toBe(201);
    const view = res.json();
    expect(view).toMatchObject({
      email: to,
      name: 'Ewa Nowak',
      phone: '+48600123456',
      access: 'full',
      status: 'sent',
      sendCount: 1,
      companyName: company.name,
    });
    const days = (new Date(view.expiresAt).getTime() - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(14.9);
    expect(days).toBeLessThanOrEqual(15);
    expect(mail).toMatchObject({ template: 'invitation' });
    expect(mail!.subject).toContain('zaprasza Cię do portalu klienta');
    expect(mail!.textBody).toContain(company.name);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    // The SMS points to the e-mail: only the mailbox proves the address, so the link never travels by SMS.
    const sms = (await owner.get('/api/sms/messages')).json().items as { toNumber: string; body: string }[];
    const text = sms.find((s) => s.toNumber === '+48600123456')?.body;
    expect(text).toContain(to);
    expect(text).not.toContain('/invite/');
    const list = (await owner.get(`/api/invitations?companyId=${company.id}`)).json().items;
    expect(list.map((i: { id: string; status: string }) => [i.id, i.status])).toContainEqual([view.id, 'sent']);
    const audit = (await owner.get(`/api/audit?objectId=${view.id}`)).json().items;
    expect(audit[0]).toMatchObject({ action: 'invitation.sent' });
  });

  it('invites a new client by tax id: the company is created with the invitation, or found when the office has it', async () => {
    const nip = makeNip(Date.now() % 800_000_000);
    const body = {
      company: {
        country: 'PL',
        taxId: `PL ${nip}`,
        name: 'Kwiaciarnia Pod Lipami sp. z o.o.',
        address: { line1: 'ul. Lipowa 7', postalCode: '20-020', city: 'Lublin', country: 'pl' },
      },
      name: 'Halina Lipska',
      access: 'full',
    };
    // A refused invitation leaves no company behind.
    const refused = await owner.post('/api/invitations', { ...body, email: 'not-an-email' });
    expect(refused.statusCode).toBe(400);
    expect((await owner.get(`/api/companies?search=${nip}`)).json().total).toBe(0);
    const employee = await signIn(t.app, (await t.factories.staff(office, { role: 'employee' })).email);
    expect((await employee.post('/api/invitations', { ...body, email: email() })).statusCode).toBe(403);

    const res = await owner.post('/api/invitations', { ...body, email: email() });
    expect(res.statusCode, res.body).toBe(201);
    const company = (await owner.get(`/api/companies/${res.json().companyId}`)).json();
    expect(company).toMatchObject({
      name: 'Kwiaciarnia Pod Lipami sp. z o.o.',
      taxId: nip,
      addresses: [{ city: 'Lublin', country: 'PL' }],
    });
    // The same tax id again is the same company; the employee may invite to it now it exists.
    const second = await employee.post('/api/invitations', { ...body, email: email() });
    expect(second.statusCode, second.body).toBe(201);
    expect(second.json().companyId).toBe(company.id);
    const bad = await owner.post('/api/invitations', {
      ...body,
      company: { ...body.company, taxId: '1234567890' },
      email: email(),
    });
    expect(Object.keys(bad.json().error.fields)).toEqual(['taxId']);
    expect((await owner.post('/api/invitations', { ...body, companyId: company.id, email: email() })).statusCode).toBe(
      400,
    );
  });

  it('invites a French client by its SIRET: the company is keyed by its SIREN and keeps the SIRET, and its VAT number finds it again', async () => {
    const body = {
      company: { country: 'FR', taxId: '552 120 222 00013', name: 'Société Invitée SA' },
      name: 'Marie Invitée',
      access: 'full',
    };
    const res = await owner.post('/api/invitations', { ...body, email: email() });
    expect(res.statusCode, res.body).toBe(201);
    const company = (await owner.get(`/api/companies/${res.json().companyId}`)).json();
    expect(company).toMatchObject({ taxId: '552120222', siret: '55212022200013' });
    const byVat = await owner.post('/api/invitations', {
      ...body,
      company: { ...body.company, taxId: 'FR 27 552120222' },
      email: email(),
    });
    expect(byVat.statusCode, byVat.body).toBe(201);
    expect(byVat.json().companyId).toBe(company.id);
  });

  it('refuses bad input field by field, a second open invitation, and an inactive company', async () => {
    const bad = await owner.post('/api/invitations', {
      companyId: company.id,
      name: ' ',
      email: 'nope',
      phone: '12',
      access: 'full',
    });
    expect(bad.statusCode).toBe(400);
    expect(Object.keys(bad.json().error.fields).sort()).toEqual(['email', 'name', 'phone']);
    const to = email();
    expect((await invite(owner, { email: to })).res.statusCode).toBe(201);
    const again = await invite(owner, { email: to });
    expect(again.res.statusCode).toBe(409);
    expect(again.res.json().error.code).toBe('invitation.already_invited');
    const inactive = await t.factories.company(office, { status: 'inactive' });
    const res = await owner.post('/api/invitations', {
      companyId: inactive.id,
      name: 'X Y',
      email: email(),
      access: 'full',
    });
    expect(res.json().error.code).toBe('invitation.company_inactive');
  });

  it('lets a new client create an account from the link: signed in to the company, which becomes collaborating; the link works once', async () => {
    const own = await t.factories.company(office, { name: 'Zakład Stolarski Dąb' });
    const to = email();
    const created = await owner.post('/api/invitations', {
      companyId: own.id,
      name: 'Jan Dąbrowski',
      email: to,
      access: 'full',
    });
    const token = tokenIn((await lastEmail(owner, to))!.textBody);
    const visitor = anonymous(t.app);
    const preview = await visitor.get(`/api/invitation-links/${token}`);
    expect(preview.statusCode, preview.body).toBe(200);
    expect(preview.json()).toMatchObject({
      officeName: office.name,
      companyName: 'Zakład Stolarski Dąb',
      email: to,
      name: 'Jan Dąbrowski',
      accountExists: false,
      twoFactor: false,
    });
    expect((await owner.get(`/api/invitations?companyId=${own.id}`)).json().items[0].status).toBe('opened');

    const weak = await visitor.post(`/api/invitation-links/${token}/accept`, { password: 'short' });
    expect(weak.statusCode).toBe(400);
    const accepted = await visitor.post(`/api/invitation-links/${token}/accept`, {
      name: 'Jan Dąbrowski',
      password: PASSWORD,
      locale: 'pl',
    });
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(accepted.json()).toMatchObject({ kind: 'client', user: { email: to, name: 'Jan Dąbrowski', locale: 'pl' } });
    expect((await visitor.get(`/api/companies/${own.id}`)).statusCode).toBe(200);
    // Whoever sent it learns it in the app.
    const told = (await owner.get('/api/notifications')).json().items as {
      kind: string;
      companyId: string;
      excerpt: string;
    }[];
    expect(told.find((n) => n.kind === 'invitation_accepted')).toMatchObject({
      companyId: own.id,
      excerpt: 'Jan Dąbrowski accepted the invitation to Zakład Stolarski Dąb.',
    });

    const second = await anonymous(t.app).post(`/api/invitation-links/${token}/accept`, {
      name: 'Mallory',
      password: PASSWORD,
    });
    expect(second.statusCode).toBe(409);
    expect(second.json().error.code).toBe('invitation.used');
    expect((await anonymous(t.app).get(`/api/invitation-links/${token}`)).json().error.code).toBe('invitation.used');
    expect((await owner.get(`/api/invitations?companyId=${own.id}`)).json().items[0]).toMatchObject({
      id: created.json().id,
      status: 'accepted',
    });
    const users = (await owner.get(`/api/companies/${own.id}/users`)).json();
    expect(users.items ?? users).toEqual([expect.objectContaining({ email: to, access: 'full' })]);
    // The new account signs in like any other.
    expect((await signIn(t.app, to)).cookie).toBeTruthy();
  });

  it('asks an existing account for its password, and accepts only with the right one', async () => {
    const existing = await t.factories.user({ name: 'Maria Popescu' });
    const { token } = await invite(owner, { email: existing.email, name: 'Maria Popescu', access: 'limited' });
    const visitor = anonymous(t.app);
    expect((await visitor.get(`/api/invitation-links/${token}`)).json()).toMatchObject({ accountExists: true });
    const wrong = await visitor.post(`/api/invitation-links/${token}/accept`, { password: 'Not-The-Password-1' });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().error.code).toBe('auth.invalid_credentials');
    const right = await visitor.post(`/api/invitation-links/${token}/accept`, { password: PASSWORD });
    expect(right.statusCode, right.body).toBe(200);
    expect(right.json()).toMatchObject({ kind: 'client', user: { name: 'Maria Popescu' } });
    const users = (await owner.get(`/api/companies/${company.id}/users`)).json();
    expect((users.items ?? users).find((u: { email: string }) => u.email === existing.email)).toMatchObject({
      access: 'limited',
    });
  });

  it('never sets a password on an account that exists: one without a password signs in first and accepts signed in, from any office', async () => {
    // A client of another office who signs in by e-mailed code (no password).
    const elsewhere = await t.factories.office();
    const person = await t.factories.user({ name: 'Zofia Bezhasła', password: null });
    await t.factories.clientUser(await t.factories.company(elsewhere), { user: person });
    const { token } = await invite(owner, { email: person.email, name: 'Zofia Bezhasła' });
    const visitor = anonymous(t.app);
    expect((await visitor.get(`/api/invitation-links/${token}`)).json()).toMatchObject({
      accountExists: true,
      signInRequired: true,
    });
    const refused = await visitor.post(`/api/invitation-links/${token}/accept`, {
      name: 'Mallory',
      password: PASSWORD,
    });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('invitation.sign_in_first');
    const passwordHash = await t.db.inTenant({ officeId: office.id, userId: person.id }, (tx) =>
      tx.execute<{ password_hash: string | null }>(`SELECT password_hash FROM users WHERE id = '${person.id}'`),
    );
    expect(passwordHash.rows[0]!.password_hash).toBeNull();

    // Signed in by e-mailed link in the other office, the person accepts with the invitation link and works in the new company.
    const session = anonymous(t.app);
    expect((await session.post('/api/auth/email-code', { email: person.email })).statusCode).toBe(202);
    const theirOwner = await signIn(t.app, elsewhere.owner.email);
    const link = /\/sign-in\/link\/([A-Za-z0-9_-]+)/.exec(
      (await lastEmail(theirOwner, person.email, 'account'))!.textBody,
    )![1];
    expect((await session.post('/api/auth/email-code/verify', { token: link })).statusCode).toBe(200);
    const accepted = await session.post(`/api/me/invitation-links/${token}/accept`);
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(accepted.json()).toMatchObject({ kind: 'client', user: { email: person.email } });
    expect((await session.get(`/api/companies/${company.id}`)).statusCode).toBe(200);
    // Someone else signed in cannot use a link that is not theirs.
    const other = await invite(owner, { email: email() });
    const clientSession = await signIn(t.app, (await t.factories.clientUser(company)).email);
    const wrong = await clientSession.post(`/api/me/invitation-links/${other.token}/accept`);
    expect(wrong.statusCode).toBe(409);
    expect(wrong.json().error.code).toBe('invitation.other_account');
  });

  it('accepts one of two simultaneous uses of a link', async () => {
    const { token } = await invite(owner, { email: email() });
    const [a, b] = await Promise.all([
      anonymous(t.app).post(`/api/invitation-links/${token}/accept`, { name: 'A', password: PASSWORD }),
      anonymous(t.app).post(`/api/invitation-links/${token}/accept`, { name: 'A', password: PASSWORD }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
  });

  it('refuses an expired link; resending gives a new link and expiry and kills the old one; revoking kills it too', async () => {
    const to = email();
    const { res, token } = await invite(owner, { email: to });
    const id = res.json().id;
    await expireAll(id);
    const expired = await anonymous(t.app).get(`/api/invitation-links/${token}`);
    expect(expired.statusCode).toBe(410);
    expect(expired.json().error.code).toBe('invitation.expired');
    expect(
      (await anonymous(t.app).post(`/api/invitation-links/${token}/accept`, { password: PASSWORD })).json().error.code,
    ).toBe('invitation.expired');
    expect(
      (await owner.get(`/api/invitations?companyId=${company.id}&status=expired`))
        .json()
        .items.map((i: { id: string }) => i.id),
    ).toContain(id);

    await allowResend(id);
    const resent = await owner.post(`/api/invitations/${id}/resend`);
    expect(resent.statusCode, resent.body).toBe(200);
    expect(resent.json()).toMatchObject({ status: 'sent', sendCount: 2 });
    const newToken = tokenIn((await lastEmail(owner, to))!.textBody);
    expect(newToken).not.toBe(token);
    expect((await anonymous(t.app).get(`/api/invitation-links/${token}`)).statusCode).toBe(404);
    expect((await anonymous(t.app).get(`/api/invitation-links/${newToken}`)).statusCode).toBe(200);
    const tooSoon = await owner.post(`/api/invitations/${id}/resend`);
    expect(tooSoon.json().error.code).toBe('invitation.resend_too_soon');

    await allowResend(id);
    const revoked = await owner.post(`/api/invitations/${id}/revoke`);
    expect(revoked.json().status).toBe('revoked');
    expect((await owner.post(`/api/invitations/${id}/revoke`)).statusCode).toBe(200);
    expect((await anonymous(t.app).get(`/api/invitation-links/${newToken}`)).json().error.code).toBe(
      'invitation.revoked',
    );
    expect((await owner.post(`/api/invitations/${id}/resend`)).json().error.code).toBe('invitation.closed');
  });

  it('throttles an address that tries unknown links — even a real link then waits — in the visitor language', async () => {
    const { token } = await invite(owner, { email: email() });
    const prober = anonymous(t.app, { 'accept-language': 'fr' });
    const answers: number[] = [];
    // 20 unknown links within 15 minutes from one address (earlier tests here used a few): then it waits.
    for (let i = 0; i < 21; i++)
      answers.push((await prober.get(`/api/invitation-links/${'A'.repeat(43 - String(i).length)}${i}`)).statusCode);
    const firstBlocked = answers.indexOf(429);
    expect(firstBlocked).toBeGreaterThan(0);
    expect(answers.slice(0, firstBlocked).every((status) => status === 404)).toBe(true);
    expect(answers.slice(firstBlocked).every((status) => status === 429)).toBe(true);
    const blocked = await prober.get(`/api/invitation-links/${token}`);
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json().error).toMatchObject({ code: 'invitation.throttled' });
    expect(blocked.json().error.message).toContain('Trop de liens');
    expect(blocked.headers['retry-after']).toBeDefined();
  });

  it('lets a full-access client invite colleagues, and nobody else manage the company invitations', async () => {
    const client = await t.factories.clientUser(company, { access: 'full' });
    const limited = await t.factories.clientUser(company, { access: 'limited' });
    const session = await signIn(t.app, client.email);
    const colleague = await session.post('/api/invitations', {
      companyId: company.id,
      name: 'Anna Kolega',
      email: email(),
      access: 'limited',
    });
    expect(colleague.statusCode, colleague.body).toBe(201);
    expect(colleague.json().status).toBe('sent');
    expect((await session.get(`/api/invitations?companyId=${company.id}`)).statusCode).toBe(200);
    // Not the office-wide list, and not another company.
    expect((await session.get('/api/invitations')).statusCode).toBe(403);
    const other = await t.factories.company(office);
    expect(
      (await session.post('/api/invitations', { companyId: other.id, name: 'X', email: email(), access: 'full' }))
        .statusCode,
    ).toBe(404);
    const limitedSession = await signIn(t.app, limited.email);
    expect(
      (
        await limitedSession.post('/api/invitations', {
          companyId: company.id,
          name: 'X',
          email: email(),
          access: 'full',
        })
      ).statusCode,
    ).toBe(403);
    expect((await limitedSession.post(`/api/invitations/${colleague.json().id}/revoke`)).statusCode).toBe(403);

    const otherOffice = await t.factories.office();
    const stranger = await signIn(t.app, otherOffice.owner.email);
    expect((await stranger.post(`/api/invitations/${colleague.json().id}/revoke`)).statusCode).toBe(404);
    expect((await stranger.get(`/api/invitations?companyId=${company.id}`)).statusCode).toBe(404);
    expect((await stranger.get('/api/invitations')).json().items).toEqual([]);
  });

  it('tells someone already in the office in the app, where they accept it and then switch to the company', async () => {
    const elsewhere = await t.factories.company(office, { name: 'Cukiernia Słodka' });
    const person = await t.factories.clientUser(elsewhere, { name: 'Piotr Wiśniewski' });
    const target = await t.factories.company(office, { name: 'Hurtownia Owoców' });
    const res = await owner.post('/api/invitations', {
      companyId: target.id,
      name: 'Piotr Wiśniewski',
      email: person.email,
      access: 'full',
    });
    expect(res.statusCode).toBe(201);
    const session = await signIn(t.app, person.email);
    const bell = (await session.get('/api/notifications')).json().items;
    expect(bell[0]).toMatchObject({ kind: 'invitation', title: expect.stringContaining('Hurtownia Owoców') });
    const mine = (await session.get('/api/me/invitations')).json().items;
    expect(mine).toEqual([
      expect.objectContaining({ id: res.json().id, companyName: 'Hurtownia Owoców', access: 'full' }),
    ]);
    // Not someone else's.
    const stranger = await signIn(t.app, (await t.factories.clientUser(elsewhere)).email);
    expect((await stranger.post(`/api/me/invitations/${res.json().id}/accept`)).statusCode).toBe(404);
    const accepted = await session.post(`/api/me/invitations/${res.json().id}/accept`);
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(accepted.json()).toEqual({ companyId: target.id });
    const switched = await session.post('/api/me/context', { officeId: office.id, companyId: target.id });
    expect(switched.statusCode, switched.body).toBe(200);
    expect((await session.get('/api/me/invitations')).json().items).toEqual([]);
    expect((await session.post(`/api/me/invitations/${res.json().id}/accept`)).json().error.code).toBe(
      'invitation.used',
    );
  });

  it('revokes what is still open for a person removed from the company', async () => {
    const member = await t.factories.clientUser(company, { access: 'limited' });
    // An invitation to the same address that was still waiting (sent before they were added directly).
    const pending = await t.db.inTenant({ officeId: office.id }, (tx) =>
      tx.execute(`INSERT INTO invitations (id, office_id, company_id, email, name, access, locale, token_hash, expires_at)
        VALUES (gen_random_uuid(), '${office.id}', '${company.id}', '${member.email}', 'X', 'full', 'en', md5(random()::text), now() + interval '1 day') RETURNING id`),
    );
    const id = (pending.rows[0] as { id: string }).id;
    expect((await owner.delete(`/api/companies/${company.id}/users/${member.id}`)).statusCode).toBe(204);
    const after = (await owner.get(`/api/invitations?companyId=${company.id}`))
      .json()
      .items.find((i: { id: string }) => i.id === id);
    expect(after.status).toBe('revoked');
  });

  it('groups the portfolio as collaborating, invited, pending and own, with counts, search and pages', async () => {
    const fresh = await t.factories.office();
    const boss = await signIn(t.app, fresh.owner.email);
    const collaborating = await t.factories.company(fresh, { name: 'A Collaborating' });
    await t.factories.clientUser(collaborating);
    const invited = await t.factories.company(fresh, { name: 'B Invited' });
    const pending = await t.factories.company(fresh, { name: 'C Pending' });
    for (let i = 0; i < 52; i++) await t.factories.company(fresh, { name: `D Own ${String(i).padStart(2, '0')}` });
    expect(
      (await boss.post('/api/invitations', { companyId: invited.id, name: 'I I', email: email(), access: 'full' }))
        .statusCode,
    ).toBe(201);
    const revoke = await boss.post('/api/invitations', {
      companyId: pending.id,
      name: 'P P',
      email: email(),
      access: 'full',
    });
    await boss.post(`/api/invitations/${revoke.json().id}/revoke`);

    const all = (await boss.get('/api/portfolio')).json();
    expect(all.counts).toEqual({ collaborating: 1, invited: 1, pending: 1, own: 52 });
    expect(all.items).toHaveLength(50);
    expect(all.items.slice(0, 3).map((c: { name: string; group: string }) => [c.name, c.group])).toEqual([
      ['A Collaborating', 'collaborating'],
      ['B Invited', 'invited'],
      ['C Pending', 'pending'],
    ]);
    expect(all.items[1].invitation).toMatchObject({ status: 'sent' });
    expect(all.items[2].invitation).toMatchObject({ status: 'revoked' });
    const next = (await boss.get(`/api/portfolio?cursor=${all.nextCursor}`)).json();
    expect(next.items.map((c: { name: string }) => c.name)).toEqual([
      'D Own 47',
      'D Own 48',
      'D Own 49',
      'D Own 50',
      'D Own 51',
    ]);
    expect(next.nextCursor).toBeNull();
    expect((await boss.get('/api/portfolio?group=invited')).json().items.map((c: { id: string }) => c.id)).toEqual([
      invited.id,
    ]);
    const searched = (await boss.get('/api/portfolio?q=pend')).json();
    expect(searched.items.map((c: { id: string }) => c.id)).toEqual([pending.id]);
    // The counts are those of the search.
    expect(searched.counts).toEqual({ collaborating: 0, invited: 0, pending: 1, own: 0 });
    expect((await boss.get('/api/portfolio?cursor=garbage')).statusCode).toBe(400);
    // Another office's portfolio knows none of these.
    expect((await owner.get('/api/portfolio?q=Collaborating')).json().items).toEqual([]);
  });
});
