// The takeover that one office could make of another office's people, replayed step by step (issue 12): office B adds
// the victim's e-mail, asks for a password reset, reads the link in its outbox and signs in as the victim. Each step
// must fail now: joining needs the person's consent, account mail belongs to no office, and no office screen shows
// a link or code. Also the operator's side of many offices on one instance: creating, disabling and enabling offices.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccountMailDelivery } from '../src/modules/mail/account-mail.js';
import { OfficeOperator } from '../src/modules/tenancy/office.operator.js';
import { startWorkers } from '../src/workers.js';
import {
  anonymous,
  createTestApp,
  linkIn,
  PASSWORD,
  signIn,
  type Session,
  type TestOffice,
  type TestUser,
} from './harness.js';
import { startSmtp } from './smtp-server.js';

type T = Awaited<ReturnType<typeof createTestApp>>;
const tokenOf = (link: string) => link.split('/').pop()!;

describe('one office cannot take over the accounts of another', () => {
  let t: T;
  let officeA: TestOffice;
  let officeB: TestOffice;
  let attacker: Session;
  let victim: TestUser;
  let companyB: { id: string };

  beforeAll(async () => {
    t = await createTestApp();
    officeA = await t.factories.office({ name: 'Biuro Rachunkowe Nowak' });
    officeB = await t.factories.office({ name: 'Biuro Rachunkowe Nowak (pomoc techniczna)' });
    victim = officeA.owner;
    attacker = await signIn(t.app, officeB.owner.email);
    companyB = await t.factories.company(officeB);
  });
  afterAll(() => t.close());

  it('step 1: adding an e-mail that has an account elsewhere invites it, attaches nothing, and answers like an unknown e-mail', async () => {
    const asClient = await attacker.post(`/api/companies/${companyB.id}/users`, {
      name: 'Anna Nowak',
      email: victim.email,
      access: 'full',
    });
    const unknown = await attacker.post(`/api/companies/${companyB.id}/users`, {
      name: 'Jan Nowy',
      email: 'nobody-yet@example.test',
      access: 'full',
    });
    expect(asClient.statusCode).toBe(201);
    expect(unknown.statusCode).toBe(201);
    expect(Object.keys(asClient.json()).sort()).toEqual(Object.keys(unknown.json()).sort());
    expect(asClient.json()).toMatchObject({ status: 'sent', acceptedAt: null });
    const asStaff = await attacker.post('/api/staff', {
      name: 'Anna Nowak',
      email: victim.email,
      role: 'admin',
      specialties: [],
    });
    const unknownStaff = await attacker.post('/api/staff', {
      name: 'Jan Nowy',
      email: 'nobody-yet@example.test',
      role: 'admin',
      specialties: [],
    });
    expect(asStaff.statusCode).toBe(201);
    expect(unknownStaff.statusCode).toBe(201);
    expect(Object.keys(asStaff.json()).sort()).toEqual(Object.keys(unknownStaff.json()).sort());

    // The victim belongs to office A only; office B lists them nowhere.
    const victimBrowser = await signIn(t.app, victim.email);
    const contexts = (await victimBrowser.get('/api/me')).json().contexts as { officeId: string }[];
    expect(contexts.map((c) => c.officeId)).toEqual([officeA.id]);
    expect((await attacker.get(`/api/companies/${companyB.id}/users`)).json().items).toEqual([]);
    expect((await attacker.get('/api/staff')).json().items.map((s: { email: string }) => s.email)).not.toContain(
      victim.email,
    );
  });

  it("step 2: a password reset is account mail — never in any office outbox, only in the person's mailbox", async () => {
    expect((await anonymous(t.app).post('/api/auth/password-reset', { email: victim.email })).statusCode).toBe(202);
    const mail = await t.mailbox(victim.email, { template: 'reset_password' });
    expect(mail).toMatchObject({ kind: 'account', officeId: null });
    expect(mail!.text).not.toContain(officeB.name);
    for (const session of [attacker, await signIn(t.app, victim.email)]) {
      const items = (await session.get('/api/outbox?pageSize=100')).json().items as { template: string }[];
      expect(items.map((i) => i.template)).not.toContain('reset_password');
    }
  });

  it("step 3: the invitation in office B's outbox shows no link to follow", async () => {
    const items = (await attacker.get('/api/outbox?pageSize=100')).json().items as { id: string; toAddress: string }[];
    const item = items.find((i) => i.toAddress === victim.email)!;
    const shown = await attacker.get(`/api/outbox/${item.id}`);
    const realToken = tokenOf(linkIn((await t.mailbox(victim.email, { template: 'staff_invitation' }))!.text));
    expect(realToken).toMatch(/^[\w-]{40,}$/);
    expect(shown.body).not.toContain(realToken);
    expect(shown.json().textBody).toContain('/invite/[hidden]');
    // Nor does the reset link appear anywhere office B can read.
    const resetToken = tokenOf(linkIn((await t.mailbox(victim.email, { template: 'reset_password' }))!.text));
    for (const i of items) expect((await attacker.get(`/api/outbox/${i.id}`)).body).not.toContain(resetToken);
  });

  it('step 4: even holding its own invitation link (its own mail server), office B cannot accept for the victim', async () => {
    const token = tokenOf(linkIn((await t.mailbox(victim.email, { template: 'staff_invitation' }))!.text));
    const withoutPassword = await anonymous(t.app).post(`/api/invitation-links/${token}/accept`, {
      password: 'Guessed-Password-123',
    });
    expect(withoutPassword.statusCode).toBe(401);
    expect(withoutPassword.json().error.code).toBe('auth.invalid_credentials');
    // A person who never set a password is not given one through the link: they must sign in by e-mailed code first.
    const passwordless = await t.factories.user({ password: null });
    await t.factories.clientUser(await t.factories.company(officeA), { user: passwordless });
    await attacker.post('/api/staff', { name: 'Nowy', email: passwordless.email, role: 'admin', specialties: [] });
    const theirToken = tokenOf(linkIn((await t.mailbox(passwordless.email, { template: 'staff_invitation' }))!.text));
    const taken = await anonymous(t.app).post(`/api/invitation-links/${theirToken}/accept`, {
      password: 'Attacker-Chosen-Pass-1',
    });
    expect(taken.json().error.code).toBe('invitation.sign_in_first');
    await expect(signIn(t.app, passwordless.email, 'Attacker-Chosen-Pass-1')).rejects.toThrow(/401/);
    // The office never got to set-password links either: there are none in any outbox.
    const templates = (await attacker.get('/api/outbox?pageSize=100'))
      .json()
      .items.map((i: { template: string }) => i.template);
    expect(templates).not.toContain('set_password');
  });

  it('lets the person accept, signed in, an invitation they want: only then do they join', async () => {
    const token = tokenOf(linkIn((await t.mailbox(victim.email, { template: 'staff_invitation' }))!.text));
    const accepted = await anonymous(t.app).post(`/api/invitation-links/${token}/accept`, { password: PASSWORD });
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(accepted.json()).toMatchObject({ office: { id: officeB.id }, kind: 'staff', role: 'admin' });
    expect((await attacker.get('/api/staff')).json().items.map((s: { email: string }) => s.email)).toContain(
      victim.email,
    );
  });
});

describe('account mail', () => {
  it("goes through the instance's SMTP_URL even when the office has its own server, which never sees it", async () => {
    const [instance, officeServer] = await Promise.all([
      startSmtp({ security: 'none', username: 'instance', password: 'instance-pass' }),
      startSmtp({ security: 'none' }),
    ]);
    const t = await createTestApp({
      SMTP_URL: `smtp://instance:instance-pass@127.0.0.1:${instance.port}`,
      MAIL_FROM: 'Bureau <no-reply@bureau.test>',
      INSTANCE_NAME: 'Portal Biur',
      OUTBOUND_ALLOW_PRIVATE: 'true',
    });
    const workers = await startWorkers(t.app.services, t.app.config);
    try {
      const office = await t.factories.office();
      const owner = await signIn(t.app, office.owner.email);
      const saved = await owner.put('/api/office/mail-settings', {
        host: '127.0.0.1',
        port: officeServer.port,
        security: 'none',
        username: 'bureau',
        password: 's3cret',
        fromAddress: 'biuro@zolw.pl',
      });
      expect(saved.statusCode, saved.body).toBe(200);
      const person = await t.factories.staff(office);
      await anonymous(t.app).post('/api/auth/password-reset', { email: person.email });
      await expect
        .poll(() => instance.received.filter((m) => m.to.includes(person.email)).length, { timeout: 15_000 })
        .toBe(1);
      const received = instance.received.find((m) => m.to.includes(person.email))!;
      expect(received.from).toBe('no-reply@bureau.test');
      expect(received.data).toContain('Portal Biur');
      expect(officeServer.received.some((m) => m.to.includes(person.email))).toBe(false);
      expect(
        (await owner.get('/api/outbox')).json().items.some((i: { toAddress: string }) => i.toAddress === person.email),
      ).toBe(false);
    } finally {
      await workers.stop();
      await t.close();
      await Promise.all([instance.close(), officeServer.close()]);
    }
  });

  it("is written to the operator's log when the instance has no SMTP server", async () => {
    const lines: { obj: object; msg: string }[] = [];
    const delivery = new AccountMailDelivery(undefined, 'Bureau <no-reply@bureau.test>', {
      warn: (obj, msg) => lines.push({ obj, msg }),
    });
    const outcome = await delivery.deliver({
      to: 'anna@example.test',
      toName: 'Anna',
      locale: 'pl',
      template: 'reset_password',
      subject: 'Reset',
      text: 'https://portal/reset-password/abc',
      html: '',
    });
    expect(outcome).toBe('logged');
    expect(lines).toHaveLength(1);
    expect(JSON.stringify(lines[0]!.obj)).toContain('https://portal/reset-password/abc');
  });
});

describe('many offices on one instance: the operator', () => {
  let t: T;
  let operator: OfficeOperator;
  beforeAll(async () => {
    t = await createTestApp();
    operator = new OfficeOperator(
      t.db,
      t.app.services.invitations,
      { publicUrl: 'http://localhost:3000', instanceName: 'Bureau' },
      t.app.services.channels.createDefaults,
      t.app.services.sessions,
    );
  });
  afterAll(() => t.close());

  it('creates an office whose first owner joins from an invitation, and lists it', async () => {
    const created = await operator.create({
      name: 'Cabinet Lefèvre',
      country: 'FR',
      locale: 'fr',
      ownerName: 'Claire Lefèvre',
      ownerEmail: 'claire@lefevre.fr',
    });
    expect(created.invitationLink).toMatch(/^http:\/\/localhost:3000\/invite\/[\w-]{40,}$/);
    const mail = await t.mailbox('claire@lefevre.fr');
    expect(mail).toMatchObject({
      kind: 'office',
      officeId: created.officeId,
      template: 'staff_invitation',
      locale: 'fr',
    });
    const browser = anonymous(t.app);
    const accepted = await browser.post(`/api/invitation-links/${tokenOf(created.invitationLink)}/accept`, {
      name: 'Claire Lefèvre',
      password: 'Croissant-au-Beurre-42',
    });
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(accepted.json()).toMatchObject({
      kind: 'staff',
      role: 'owner',
      office: { id: created.officeId, name: 'Cabinet Lefèvre' },
    });
    expect((await browser.get('/api/channels')).statusCode).toBe(200);
    expect((await operator.list()).find((o) => o.id === created.officeId)).toMatchObject({
      name: 'Cabinet Lefèvre',
      country: 'FR',
      disabled: false,
      staff: 1,
      companies: 0,
    });
  });

  it('refuses a bad country or language with the field', async () => {
    await expect(
      operator.create({ name: 'X', country: 'ZZ', locale: 'de', ownerName: 'A', ownerEmail: 'a@b.c' }),
    ).rejects.toMatchObject({ code: 'validation' });
  });

  it("disables an office: its people are signed out and refused with the reason, in their language; another office's are not", async () => {
    const office = await t.factories.office({ name: 'Biuro Zamknięte' });
    const other = await t.factories.office();
    const company = await t.factories.company(office);
    const client = await t.factories.clientUser(company);
    // Someone who works in both offices keeps the other one.
    const both = await t.factories.staff(office);
    await t.db.inTenant({ officeId: other.id }, (tx) =>
      tx.execute(
        `INSERT INTO staff_members (office_id, user_id, role, specialties) VALUES ('${other.id}', '${both.id}', 'employee', '{}')`,
      ),
    );
    const ownerBrowser = await signIn(t.app, office.owner.email);
    const clientBrowser = await signIn(t.app, client.email);
    const otherBrowser = await signIn(t.app, other.owner.email);

    const { sessionsEnded } = await operator.disable(office.id, 'Abonament nieopłacony');
    expect(sessionsEnded).toBeGreaterThanOrEqual(2);
    expect((await ownerBrowser.get('/api/me')).statusCode).toBe(401);
    expect((await clientBrowser.get('/api/me')).statusCode).toBe(401);
    expect((await otherBrowser.get('/api/me')).statusCode).toBe(200);
    const refused = await anonymous(t.app, { 'accept-language': 'pl' }).post('/api/auth/sign-in', {
      email: office.owner.email,
      password: PASSWORD,
    });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error).toMatchObject({ code: 'auth.office_disabled' });
    expect(refused.json().error.message).toContain('Biuro Zamknięte');
    expect(refused.json().error.message).toContain('Abonament nieopłacony');
    const bothBrowser = await signIn(t.app, both.email);
    expect((await bothBrowser.get('/api/me')).json().office.id).toBe(other.id);
    expect(
      (await bothBrowser.post('/api/me/context', { officeId: office.id, companyId: null })).json().error.code,
    ).toBe('auth.office_disabled');
    expect((await operator.list()).find((o) => o.id === office.id)).toMatchObject({
      disabled: true,
      disabledReason: 'Abonament nieopłacony',
    });

    await operator.enable(office.id);
    expect((await (await signIn(t.app, client.email)).get('/api/me')).statusCode).toBe(200);
    const audit = (await (await signIn(t.app, office.owner.email)).get('/api/audit'))
      .json()
      .items.map((e: { action: string }) => e.action);
    expect(audit).toEqual(expect.arrayContaining(['office.disabled', 'office.enabled']));
  });
});
