import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymous, createTestApp } from '../../../test/harness.js';

describe('first-run setup', () => {
  let t: Awaited<ReturnType<typeof createTestApp>>;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const body = {
    officeName: 'Biuro Rachunkowe Żółw',
    country: 'PL',
    locale: 'pl',
    ownerName: 'Anna Nowak',
    email: 'Anna@Biuro.pl',
    password: 'Pierogi-z-kapusta-9',
  };

  it('asks for setup on an empty database, then signs the owner in', async () => {
    const browser = anonymous(t.app);
    expect((await browser.get('/api/setup')).json()).toEqual({ needed: true, officeName: null });
    const res = await browser.post('/api/setup', body);
    expect(res.statusCode).toBe(200);
    const me = res.json();
    expect(me).toMatchObject({
      kind: 'staff',
      role: 'owner',
      office: { name: 'Biuro Rachunkowe Żółw', country: 'PL' },
      user: { email: 'anna@biuro.pl', locale: 'pl' },
    });
    expect(res.cookies[0]).toMatchObject({
      name: '__Host-bureau_session',
      httpOnly: true,
      secure: true,
      sameSite: 'Lax',
      path: '/',
    });
    expect((await browser.get('/api/me')).json().user.name).toBe('Anna Nowak');
    expect((await browser.get('/api/setup')).json()).toEqual({ needed: false, officeName: 'Biuro Rachunkowe Żółw' });
  });

  it('refuses a second setup once an office exists', async () => {
    const res = await anonymous(t.app, { 'accept-language': 'fr' }).post('/api/setup', {
      ...body,
      email: 'other@biuro.pl',
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toEqual({
      code: 'setup.already_done',
      message: 'Ce portail est déjà configuré. Connectez-vous.',
    });
  });

  it('refuses a weak password and unknown fields in the user language', async () => {
    const fresh = await createTestApp();
    try {
      const res = await anonymous(fresh.app, { 'accept-language': 'pl-PL,pl;q=0.9' }).post('/api/setup', {
        ...body,
        password: 'password123',
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.fields.password).toMatch(/zbyt popularne/);
      const unknown = await anonymous(fresh.app).post('/api/setup', { ...body, isAdmin: true });
      expect(unknown.json().error.fields).toEqual({ isAdmin: 'This field is not accepted.' });
      expect((await anonymous(fresh.app).get('/api/setup')).json().needed).toBe(true);
    } finally {
      await fresh.close();
    }
  });
});
