import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  anonymous,
  createTestApp,
  PASSWORD,
  signIn,
  type Session,
  type TestCompany,
  type TestOffice,
} from '../../../test/harness.js';

// What people type or paste, and what is stored and shown to others.
const SPOOFED = '\u202eJan\u202c\u00a0\u00a0Ko\u200bwalski\r\n\u0007';
const CLEAN = 'Jan Kowalski';
const BLANKS = '\u00a0\u200b\u00a0\u2060';

describe('people’s names wherever they are set', () => {
  let t: Awaited<ReturnType<typeof createTestApp>>;
  let office: TestOffice;
  let company: TestCompany;
  let owner: Session;
  let n = 0;
  const email = () => `osoba${++n}.${Date.now().toString(36)}@example.com`;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('cleans the owner’s name at setup, and refuses one of blanks only', async () => {
    const body = {
      officeName: 'Biuro Żółw',
      country: 'PL',
      locale: 'pl',
      email: 'anna@biuro-zolw.pl',
      password: 'Pierogi-z-kapusta-9',
    };
    const blank = await anonymous(t.app, { 'accept-language': 'pl' }).post('/api/setup', {
      ...body,
      ownerName: BLANKS,
    });
    expect(blank.statusCode).toBe(400);
    expect(blank.json().error.fields).toEqual({
      ownerName: 'Wpisz imię i nazwisko z literami: same spacje i niewidoczne znaki nie tworzą nazwy.',
    });
    const done = await anonymous(t.app).post('/api/setup', { ...body, ownerName: `\u2067Anna\u2069\u00a0 Nowak\n` });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json().user.name).toBe('Anna Nowak');
    office = {
      id: done.json().office.id,
      name: 'Biuro Żółw',
      owner: { id: done.json().user.id, email: body.email, name: 'Anna Nowak' },
    };
    owner = await signIn(t.app, body.email, body.password);
    company = await t.factories.company(office);
  });

  it('cleans the name in My account, and never stores blanks as an empty name', async () => {
    expect((await owner.patch('/api/me', { name: SPOOFED })).json().user.name).toBe(CLEAN);
    expect((await owner.get('/api/me')).json().user.name).toBe(CLEAN);
    for (const name of ['\u00a0\u00a0\u00a0', BLANKS]) {
      const res = await owner.patch('/api/me', { name });
      expect(res.statusCode, JSON.stringify(name)).toBe(400);
      expect(Object.keys(res.json().error.fields)).toEqual(['name']);
    }
    expect((await owner.get('/api/me')).json().user.name).toBe(CLEAN);
  });

  it('cleans the names of new staff and client users, and refuses blank ones', async () => {
    const staff = await owner.post('/api/staff', { name: SPOOFED, email: email(), role: 'employee', specialties: [] });
    expect(staff.statusCode, staff.body).toBe(201);
    expect(staff.json().name).toBe(CLEAN);
    expect(
      (await owner.post('/api/staff', { name: BLANKS, email: email(), role: 'employee', specialties: [] })).json().error
        .fields,
    ).toHaveProperty('name');
    const user = await owner.post(`/api/companies/${company.id}/users`, {
      name: SPOOFED,
      email: email(),
      access: 'full',
    });
    expect(user.statusCode, user.body).toBe(201);
    expect(user.json().name).toBe(CLEAN);
    const blank = await owner.post(`/api/companies/${company.id}/users`, {
      name: '\u00a0',
      email: email(),
      access: 'full',
    });
    expect(blank.statusCode).toBe(400);
    expect(blank.json().error.fields).toHaveProperty('name');
    // The e-mail that tells the new person greets them by the cleaned name too.
    const outbox = (await owner.get('/api/outbox?pageSize=100')).json().items as { toAddress: string; id: string }[];
    const mail = (await owner.get(`/api/outbox/${outbox.find((e) => e.toAddress === user.json().email)!.id}`)).json();
    expect(mail.textBody).not.toMatch(/[\u202e\u200b\u0007]/);
  });

  it('cleans an invitation’s name and the name a new client gives when accepting it', async () => {
    const to = email();
    const invited = await owner.post('/api/invitations', {
      companyId: company.id,
      name: SPOOFED,
      email: to,
      access: 'full',
    });
    expect(invited.statusCode, invited.body).toBe(201);
    expect(invited.json().name).toBe(CLEAN);
    expect(
      (
        await owner.post('/api/invitations', { companyId: company.id, name: BLANKS, email: email(), access: 'full' })
      ).json().error.fields,
    ).toHaveProperty('name');
    // The link, as the invited person's mailbox has it (the outbox hides it).
    const text = (await t.mailbox(to))!.text;
    const token = /\/invite\/([A-Za-z0-9_-]+)/.exec(text)![1]!;
    const visitor = anonymous(t.app);
    const blank = await visitor.post(`/api/invitation-links/${token}/accept`, {
      name: '\u3000\u200b',
      password: PASSWORD,
    });
    expect(blank.statusCode).toBe(400);
    expect(blank.json().error.fields).toHaveProperty('name');
    const accepted = await visitor.post(`/api/invitation-links/${token}/accept`, {
      name: '\u202eEwa\u00a0Nowak\u202c',
      password: PASSWORD,
    });
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(accepted.json().user.name).toBe('Ewa Nowak');
  });
});
