import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymous, createTestApp, makeNip, signIn, type Session, type TestOffice } from '../../../test/harness.js';

describe('client companies', () => {
  let t: Awaited<ReturnType<typeof createTestApp>>;
  let office: TestOffice;
  let owner: Session;
  beforeAll(async () => {
    t = await createTestApp();
    office = await t.factories.office();
    owner = await signIn(t.app, office.owner.email);
  });
  afterAll(() => t.close());

  it('refuses an invalid NIP with a message in Polish, and creates nothing', async () => {
    const pl = await signIn(t.app, office.owner.email);
    await pl.patch('/api/me', { locale: 'pl' });
    const res = await pl.post('/api/companies', {
      name: 'Piekarnia Złoty Kłos sp. z o.o.',
      country: 'PL',
      taxId: '526-025-02-75',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toEqual({
      code: 'validation',
      message: 'Niektóre pola wymagają poprawy.',
      fields: { taxId: 'Ten NIP jest nieprawidłowy: cyfra kontrolna się nie zgadza. Sprawdź, czy nie ma literówki.' },
    });
    expect((await owner.get('/api/companies?search=piekarnia')).json().total).toBe(0);
  });

  it('creates a company with a normalized tax id, contacts and IBAN, and records it in the audit log', async () => {
    const res = await owner.post('/api/companies', {
      name: 'Piekarnia Złoty Kłos sp. z o.o.',
      country: 'PL',
      taxId: 'PL 526-025-02-74',
      addresses: [{ line1: 'ul. Świętokrzyska 12', postalCode: '00-916', city: 'Warszawa', country: 'pl' }],
      emails: [{ label: 'Biuro', email: 'Biuro@Piekarnia.pl' }],
      phones: [{ phone: '600 123 456' }],
      bankAccounts: [{ iban: 'pl61 1090 1014 0000 0712 1981 2874', bankName: 'Santander' }],
    });
    expect(res.statusCode).toBe(201);
    const company = res.json();
    expect(company).toMatchObject({
      taxId: '5260250274',
      taxIdFormatted: '526-025-02-74',
      status: 'active',
      emails: [{ label: 'Biuro', email: 'biuro@piekarnia.pl' }],
      phones: [{ phone: '+48600123456' }],
      bankAccounts: [{ iban: 'PL61109010140000071219812874', bankName: 'Santander' }],
      addresses: [{ country: 'PL', city: 'Warszawa' }],
      permissions: { update: true, setStatus: true, manageUsers: true },
    });
    const audit = (await owner.get(`/api/audit?objectId=${company.id}`)).json();
    expect(audit.items[0]).toMatchObject({
      action: 'company.created',
      actor: { id: office.owner.id },
      objectLabel: 'Piekarnia Złoty Kłos sp. z o.o.',
      companyName: 'Piekarnia Złoty Kłos sp. z o.o.',
      after: { taxId: '5260250274' },
    });
    const duplicate = await owner.post('/api/companies', { name: 'Other', country: 'PL', taxId: '5260250274' });
    expect(duplicate.statusCode).toBe(409);
    expect(duplicate.json().error.code).toBe('company.tax_id_taken');
  });

  it('says a duplicate tax id is a duplicate, on the field, and names the company that has it', async () => {
    const pl = await signIn(t.app, office.owner.email);
    await pl.patch('/api/me', { locale: 'pl' });
    const existing = (
      await pl.post('/api/companies', { name: 'Stolarnia Dąb', country: 'PL', taxId: '946-446-71-78' })
    ).json();
    const duplicate = await pl.post('/api/companies', { name: 'Dąb bis', country: 'PL', taxId: '9464467178' });
    expect(duplicate.statusCode).toBe(409);
    expect(duplicate.json().error).toEqual({
      code: 'company.tax_id_taken',
      message: 'Firma z tym numerem identyfikacji podatkowej już istnieje w Twoim biurze.',
      fields: { taxId: 'Firma z tym numerem podatkowym jest już w Twoim biurze.' },
      details: { companyId: existing.id, companyName: 'Stolarnia Dąb' },
    });
    // Changing another company's tax id to it is the same duplicate.
    const other = (await pl.post('/api/companies', { name: 'Inna', country: 'PL', taxId: makeNip(11122233) })).json();
    const taken = await pl.patch(`/api/companies/${other.id}`, { taxId: '9464467178' });
    expect(taken.json().error).toMatchObject({
      fields: { taxId: expect.any(String) },
      details: { companyId: existing.id },
    });
  });

  it('does not name the existing company to a restricted employee who may not see it', async () => {
    const restrictedOffice = await t.factories.office({ restrictEmployees: true });
    const hidden = await t.factories.company(restrictedOffice, { taxId: '9464467178' });
    const theirs = await t.factories.company(restrictedOffice);
    const employee = await t.factories.staff(restrictedOffice);
    await t.factories.assign(theirs, employee);
    const browser = await signIn(t.app, employee.email);
    const taken = await browser.patch(`/api/companies/${theirs.id}`, { taxId: '9464467178' });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().error.fields.taxId).toBeTruthy();
    expect(taken.json().error.details).toBeUndefined();
    expect(JSON.stringify(taken.json())).not.toContain(hidden.id);
  });

  it('validates Romanian, Belgian and French tax ids and every IBAN by its checksum', async () => {
    expect(
      (await owner.post('/api/companies', { name: 'Cofetăria Dulce SRL', country: 'RO', taxId: 'RO18547290' }))
        .statusCode,
    ).toBe(201);
    expect(
      (await owner.post('/api/companies', { name: 'Brasserie SA', country: 'BE', taxId: '0403.170.701' })).statusCode,
    ).toBe(201);
    expect(
      (await owner.post('/api/companies', { name: 'Boulangerie SAS', country: 'FR', taxId: '732 829 320' })).statusCode,
    ).toBe(201);
    const bad = await owner.post('/api/companies', {
      name: 'Ferma Agro SRL',
      country: 'RO',
      taxId: '18547291',
      bankAccounts: [{ iban: 'RO49AAAA1B31007593840001' }],
      emails: [{ email: 'not-an-email' }],
    });
    expect(bad.statusCode).toBe(400);
    expect(Object.keys(bad.json().error.fields).sort()).toEqual(['bankAccounts.0.iban', 'emails.0.email', 'taxId']);
    expect(bad.json().error.fields.taxId).toContain('CUI');
  });

  it('refuses oversized and malformed JSON with a clear error', async () => {
    const huge = await owner.post('/api/companies', { name: 'x'.repeat(2_000_000), country: 'PL', taxId: makeNip(1) });
    expect(huge.statusCode).toBe(413);
    expect(huge.json().error.code).toBe('payload_too_large');
    const broken = await t.app.inject({
      method: 'POST',
      url: '/api/companies',
      headers: { cookie: owner.cookie!, 'x-csrf-token': owner.csrfToken!, 'content-type': 'application/json' },
      payload: '{"name": "Oops",',
    });
    expect(broken.statusCode).toBe(400);
    expect(broken.json().error.code).toBe('invalid_json');
    const missing = await owner.post('/api/companies', { name: 'No tax id', country: 'PL' });
    // The owner chose Polish in the first test: the session's language wins over Accept-Language.
    expect(missing.json().error.fields).toEqual({ taxId: 'To pole jest wymagane.' });
  });

  it('pages, searches and filters the company list on the server', async () => {
    const staff = await t.factories.staff(office, { specialties: ['payroll'] });
    const created = [];
    for (let i = 0; i < 12; i++)
      created.push(await t.factories.company(office, { name: `Transport Wiśniewski ${String(i).padStart(2, '0')}` }));
    await t.factories.assign(created[3]!, staff, 'payroll');
    await t.factories.company(office, { name: 'Transport Dormant', status: 'inactive' });
    // Sorted by name: "Transport Dormant" comes first, so page 2 starts at number 04.
    const page = (await owner.get('/api/companies?search=transport&pageSize=5&page=2')).json();
    expect(page).toMatchObject({ total: 13, page: 2, pageSize: 5 });
    expect(page.items.map((c: { name: string }) => c.name)).toEqual(
      [4, 5, 6, 7, 8].map((i) => `Transport Wiśniewski ${String(i).padStart(2, '0')}`),
    );
    const assigned = (await owner.get(`/api/companies?assignedTo=${staff.id}`)).json();
    expect(assigned.items).toHaveLength(1);
    expect(assigned.items[0].assigned).toEqual([{ userId: staff.id, name: staff.name, specialty: 'payroll' }]);
    expect((await owner.get('/api/companies?status=inactive&search=transport')).json().total).toBe(1);
    expect(
      (await owner.get('/api/companies?country=RO')).json().items.every((c: { country: string }) => c.country === 'RO'),
    ).toBe(true);
  });

  it('keeps the office’s tags on companies: cleaned, filterable in any case, listed, and never shown to or changed by clients', async () => {
    const created = await owner.post('/api/companies', {
      name: 'Kwiaciarnia Tagowa',
      country: 'PL',
      taxId: makeNip(4101),
      tags: [' VIP ', 'VAT  kwartalny', 'vip'],
    });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json().tags).toEqual(['VIP', 'VAT kwartalny']);
    const other = (
      await owner.post('/api/companies', { name: 'Piekarnia Bez Tagu', country: 'PL', taxId: makeNip(4102) })
    ).json();
    expect(other.tags).toEqual([]);
    expect(
      (
        await owner.post('/api/companies', {
          name: 'Zbyt długi tag',
          country: 'PL',
          taxId: makeNip(4103),
          tags: ['x'.repeat(41)],
        })
      ).json().error.fields,
    ).toHaveProperty(['tags.0']);
    const list = (await owner.get('/api/companies?tag=vip')).json();
    expect(list.items.map((c: { name: string }) => c.name)).toEqual(['Kwiaciarnia Tagowa']);
    expect(list.items[0].tags).toEqual(['VIP', 'VAT kwartalny']);
    expect((await owner.get('/api/companies/tags')).json().items).toEqual(
      expect.arrayContaining(['VAT kwartalny', 'VIP']),
    );
    expect((await owner.patch(`/api/companies/${other.id}`, { tags: ['VIP'] })).json().tags).toEqual(['VIP']);
    const client = await signIn(
      t.app,
      (
        await t.factories.clientUser(
          { id: created.json().id, name: 'Kwiaciarnia Tagowa', officeId: office.id },
          { access: 'full' },
        )
      ).email,
    );
    const seen = (await client.get(`/api/companies/${created.json().id}`)).json();
    expect(seen).not.toHaveProperty('tags');
    expect((await client.patch(`/api/companies/${created.json().id}`, { tags: [] })).statusCode).toBe(403);
    expect((await client.get('/api/companies/tags')).statusCode).toBe(403);
  });

  it('lets a full-access client user edit contacts and bank accounts, audited for the office; not the tax id', async () => {
    const company = await t.factories.company(office);
    const full = await t.factories.clientUser(company, { access: 'full' });
    const limited = await t.factories.clientUser(company, { access: 'limited' });
    const client = await signIn(t.app, full.email);
    const res = await client.patch(`/api/companies/${company.id}`, {
      bankAccounts: [{ iban: 'PL61109010140000071219812874' }],
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().permissions).toEqual({
      update: false,
      updateProfile: true,
      setStatus: false,
      delete: false,
      manageUsers: false,
      manageAssignments: false,
      manageInvitations: true,
      checkRegistry: false,
    });
    expect((await client.patch(`/api/companies/${company.id}`, { taxId: makeNip(77) })).statusCode).toBe(403);
    const limitedBrowser = await signIn(t.app, limited.email);
    expect((await limitedBrowser.get(`/api/companies/${company.id}`)).statusCode).toBe(200);
    expect((await limitedBrowser.patch(`/api/companies/${company.id}`, { phones: [] })).statusCode).toBe(403);
    const audit = (await owner.get(`/api/audit?companyId=${company.id}&action=company.updated`)).json();
    expect(audit.items[0]).toMatchObject({
      actor: { id: full.id },
      before: { bankAccounts: [] },
      after: { bankAccounts: [{ iban: 'PL61109010140000071219812874' }] },
    });
  });

  it('adds a client user by invitation: they join when they accept the link; one person may switch between companies', async () => {
    const first = await t.factories.company(office, { name: 'Ferma Agro Vâlcea SRL' });
    const second = await t.factories.company(office, { name: 'Cofetăria Dulce Ardeal SRL' });
    const added = await owner.post(`/api/companies/${first.id}/users`, {
      name: 'Ioana Popescu',
      email: 'ioana@ferma.ro',
      access: 'full',
      locale: 'ro',
    });
    expect(added.statusCode).toBe(201);
    expect(added.json()).toMatchObject({
      email: 'ioana@ferma.ro',
      access: 'full',
      status: 'sent',
      companyId: first.id,
    });
    // Not a member until she accepts.
    expect((await owner.get(`/api/companies/${first.id}/users`)).json().items).toEqual([]);
    const mail = (await t.mailbox('ioana@ferma.ro', { kind: 'office' }))!;
    expect(mail.subject).toBe(`${office.owner.name} vă invită în portalul pentru clienți al ${office.name}`);
    expect(mail.text).toContain('Ferma Agro Vâlcea SRL');
    const token = /\/invite\/([\w-]+)/.exec(mail.text)![1]!;
    const browser = anonymous(t.app);
    expect(
      (await browser.post(`/api/invitation-links/${token}/accept`, { password: 'Sarmale-cu-Mamaliga-7' })).statusCode,
    ).toBe(200);
    expect((await owner.get(`/api/companies/${first.id}/users`)).json().items).toMatchObject([
      { email: 'ioana@ferma.ro', access: 'full', hasPassword: true },
    ]);
    // An account that exists is asked too: she accepts the second company signed in.
    expect(
      (
        await owner.post(`/api/companies/${second.id}/users`, {
          name: 'Ioana Popescu',
          email: 'IOANA@ferma.ro',
          access: 'limited',
        })
      ).statusCode,
    ).toBe(201);
    const secondToken = /\/invite\/([\w-]+)/.exec((await t.mailbox('ioana@ferma.ro', { kind: 'office' }))!.text)![1]!;
    expect(secondToken).not.toBe(token);
    expect((await browser.get('/api/me')).json().contexts).toHaveLength(1);
    expect((await browser.post(`/api/me/invitation-links/${secondToken}/accept`)).statusCode).toBe(200);
    const me = (await browser.get('/api/me')).json();
    expect(me.contexts.map((c: { companyName: string }) => c.companyName).sort()).toEqual([
      'Cofetăria Dulce Ardeal SRL',
      'Ferma Agro Vâlcea SRL',
    ]);
    const switched = await browser.post('/api/me/context', { officeId: office.id, companyId: first.id });
    expect(switched.json().company).toMatchObject({ id: first.id, access: 'full' });
    expect((await browser.get(`/api/companies/${first.id}`)).statusCode).toBe(200);
    const foreign = await t.factories.company(office);
    expect((await browser.post('/api/me/context', { officeId: office.id, companyId: foreign.id })).statusCode).toBe(
      404,
    );
  });

  it('refuses a duplicate e-mail: a person already on the staff, or already with access to the company', async () => {
    const existing = await t.factories.staff(office);
    const staff = await owner.post('/api/staff', {
      name: 'Again',
      email: existing.email.toUpperCase(),
      role: 'employee',
      specialties: [],
    });
    expect(staff.statusCode).toBe(409);
    expect(staff.json().error.code).toBe('staff.email_taken');
    const company = await t.factories.company(office);
    const client = await t.factories.clientUser(company);
    const again = await owner.post(`/api/companies/${company.id}/users`, {
      name: 'Again',
      email: client.email,
      access: 'limited',
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().error).toMatchObject({
      code: 'invitation.already_member',
      fields: { email: expect.any(String) },
    });
    const invalidEmail = await owner.post(`/api/companies/${company.id}/users`, {
      name: 'Nobody',
      email: 'not an e-mail',
      access: 'full',
    });
    expect(invalidEmail.statusCode).toBe(400);
    expect(invalidEmail.json().error.fields.email).toBe('Wpisz adres e-mail, np. imie@przyklad.pl.');
    expect((await owner.get(`/api/companies/${company.id}/users`)).json().items).toHaveLength(1);
  });

  it('keeps the time of every status change', async () => {
    const company = await t.factories.company(office);
    await owner.post(`/api/companies/${company.id}/status`, { status: 'inactive', reason: 'Unpaid invoices' });
    await owner.post(`/api/companies/${company.id}/status`, { status: 'active' });
    const history = (await owner.get(`/api/companies/${company.id}/status-history`)).json().items;
    expect(history.map((h: { status: string }) => h.status)).toEqual(['active', 'inactive', 'active']);
    expect(history[1]).toMatchObject({ reason: 'Unpaid invoices', changedBy: { id: office.owner.id } });
    expect(new Date(history[0].changedAt).getTime()).toBeGreaterThanOrEqual(new Date(history[1].changedAt).getTime());
  });

  it('assigns staff per specialty and refuses staff of another office', async () => {
    const company = await t.factories.company(office);
    const accountant = await t.factories.staff(office, { specialties: ['accounting'] });
    const stranger = await t.factories.staff(await t.factories.office());
    const ok = await owner.put(`/api/companies/${company.id}/assignments`, {
      items: [{ userId: accountant.id, specialty: 'accounting' }],
    });
    expect(ok.json().items).toEqual([{ userId: accountant.id, name: accountant.name, specialty: 'accounting' }]);
    const bad = await owner.put(`/api/companies/${company.id}/assignments`, {
      items: [{ userId: stranger.id, specialty: 'payroll' }],
    });
    expect(bad.statusCode).toBe(400);
    expect((await owner.get(`/api/companies/${company.id}/assignments`)).json().items).toHaveLength(1);
  });

  it('protects the last owner and lets only owners change owners', async () => {
    const admin = await t.factories.staff(office, { role: 'admin' });
    const adminBrowser = await signIn(t.app, admin.email);
    expect((await adminBrowser.patch(`/api/staff/${office.owner.id}`, { role: 'employee' })).statusCode).toBe(403);
    const res = await owner.patch(`/api/staff/${office.owner.id}`, { role: 'admin' });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('staff.last_owner');
  });
  it('stores a French company by its SIREN whichever form is typed, keeps a typed SIRET as its establishment, and refuses the same SIREN twice', async () => {
    const created = await owner.post('/api/companies', {
      name: 'Fromagerie du Jura SAS',
      country: 'FR',
      taxId: '552 032 534 00018',
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ country: 'FR', taxId: '552032534', siret: '55203253400018' });
    expect((await owner.get(`/api/companies/${created.json().id}`)).json()).toMatchObject({
      taxId: '552032534',
      siret: '55203253400018',
    });
    // The same company typed as its SIREN, its VAT number, or another of its establishments.
    for (const taxId of ['552032534', 'fr 27 552.032.534', '552-032-534-00026']) {
      const duplicate = await owner.post('/api/companies', { name: 'Fromagerie bis', country: 'FR', taxId });
      expect(duplicate.statusCode, taxId).toBe(409);
      expect(duplicate.json().error.code).toBe('company.tax_id_taken');
    }
    // A wrong VAT key is a checksum error, not another company.
    const wrongKey = await owner.post('/api/companies', {
      name: 'Fromagerie ter',
      country: 'FR',
      taxId: 'FR28552032534',
    });
    expect(wrongKey.statusCode).toBe(400);
    expect(Object.keys(wrongKey.json().error.fields)).toEqual(['taxId']);
    // Another office may have the same client.
    const other = await t.factories.office();
    const otherOwner = await signIn(t.app, other.owner.email);
    const theirs = await otherOwner.post('/api/companies', {
      name: 'Fromagerie du Jura SAS',
      country: 'FR',
      taxId: 'FR27552032534',
    });
    expect(theirs.statusCode).toBe(201);
    expect(theirs.json()).toMatchObject({ taxId: '552032534', siret: null });
    const polish = await owner.post('/api/companies', {
      name: 'Bez SIRET sp. z o.o.',
      country: 'PL',
      taxId: makeNip(7),
    });
    expect(polish.json().siret).toBeNull();
  });

  it('edits a French tax id in any form: a SIRET sets the establishment, a SIREN or VAT number alone clears it', async () => {
    const created = (
      await owner.post('/api/companies', { name: 'Atelier Vélo SARL', country: 'FR', taxId: 'FR83404833048' })
    ).json();
    expect(created).toMatchObject({ taxId: '404833048', siret: null });
    const withSiret = await owner.patch(`/api/companies/${created.id}`, { taxId: '404 833 048 00014' });
    expect(withSiret.statusCode).toBe(200);
    expect(withSiret.json()).toMatchObject({ taxId: '404833048', siret: '40483304800014' });
    // Edits that leave the tax id alone keep the establishment, a country sent again included.
    expect((await owner.patch(`/api/companies/${created.id}`, { name: 'Atelier Vélo' })).json().siret).toBe(
      '40483304800014',
    );
    expect((await owner.patch(`/api/companies/${created.id}`, { country: 'FR' })).json()).toMatchObject({
      taxId: '404833048',
      siret: '40483304800014',
    });
    const audit = (await owner.get(`/api/audit?objectId=${created.id}`)).json();
    expect(audit.items.find((e: { action: string }) => e.action === 'company.updated').after).toMatchObject({
      taxId: '404833048',
      siret: '40483304800014',
    });
    expect((await owner.patch(`/api/companies/${created.id}`, { taxId: '404833048' })).json()).toMatchObject({
      taxId: '404833048',
      siret: null,
    });
    // Another company may not become this one by an establishment's SIRET.
    const second = (
      await owner.post('/api/companies', { name: 'Cycles Martin', country: 'FR', taxId: '383474814' })
    ).json();
    const taken = await owner.patch(`/api/companies/${second.id}`, { taxId: '40483304800014' });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().error.code).toBe('company.tax_id_taken');
  });

  it('finds a French company by its SIREN, any SIRET of it, or its VAT number, in the list, the portfolio and a broadcast', async () => {
    const company = (
      await owner.post('/api/companies', { name: 'Menuiserie Lefèvre', country: 'FR', taxId: '54206547900017' })
    ).json();
    const terms = [
      '542065479',
      '542 065 479',
      '542 065 479 00017',
      '54206547900025',
      'FR82542065479',
      'fr 82 542 065 479',
      '20654',
    ];
    for (const term of terms) {
      const q = encodeURIComponent(term);
      expect(
        (await owner.get(`/api/companies?search=${q}`)).json().items.map((c: { id: string }) => c.id),
        term,
      ).toEqual([company.id]);
      expect(
        (await owner.get(`/api/portfolio?q=${q}`)).json().items.map((c: { id: string }) => c.id),
        term,
      ).toEqual([company.id]);
      expect(
        (await owner.post('/api/broadcasts/preview', { selection: { kind: 'filter' }, search: term }))
          .json()
          .items.map((c: { id: string }) => c.id),
        term,
      ).toEqual([company.id]);
    }
    // A wrong VAT key names no company.
    expect((await owner.get(`/api/companies?search=FR83542065479`)).json().total).toBe(0);
  });

  it('forgives diacritics and case in a name, typed either way, in the list, the portfolio and a broadcast', async () => {
    const polish = (
      await owner.post('/api/companies', {
        name: 'Piekarnia Złoty Kłos z Wąchocka sp. z o.o.',
        country: 'PL',
        taxId: '5252344078',
      })
    ).json();
    const romanian = (
      await owner.post('/api/companies', { name: 'Cofetăria Dulce din Iași SRL', country: 'RO', taxId: '14399840' })
    ).json();
    for (const [term, company] of [
      ['zloty klos z wachocka', polish],
      ['ZŁOTY KŁOS Z WĄCHOCKA', polish],
      ['cofetaria dulce din iasi', romanian],
      ['Cofetăria Dulce din Iași', romanian],
    ] as const) {
      const q = encodeURIComponent(term);
      expect(
        (await owner.get(`/api/companies?search=${q}`)).json().items.map((c: { id: string }) => c.id),
        term,
      ).toEqual([company.id]);
      expect(
        (await owner.get(`/api/portfolio?q=${q}`)).json().items.map((c: { id: string }) => c.id),
        term,
      ).toEqual([company.id]);
      expect(
        (await owner.post('/api/broadcasts/preview', { selection: { kind: 'filter' }, search: term }))
          .json()
          .items.map((c: { id: string }) => c.id),
        term,
      ).toEqual([company.id]);
    }
  });
});
