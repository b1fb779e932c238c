import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signIn, type Session, type TestOffice } from '../../../test/harness.js';
import { companyAdministratorEmail, queueCriticalNoticeCopy, type CompanyContacts } from './critical-notice.js';

describe("the company's administrator e-mail", () => {
  it('is the contact labelled as the administrator, in any language, else the first usable one', () => {
    const pick = (emails: CompanyContacts['emails']) => companyAdministratorEmail({ emails });
    expect(
      pick([
        { label: 'Biuro', email: 'biuro@piekarnia.pl' },
        { label: 'Administracja', email: 'Admin@Piekarnia.pl' },
      ]),
    ).toBe('admin@piekarnia.pl');
    expect(
      pick([
        { label: 'Facturation', email: 'factures@boulangerie.fr' },
        { label: 'Administrateur', email: 'chef@boulangerie.fr' },
      ]),
    ).toBe('chef@boulangerie.fr');
    expect(
      pick([
        { label: 'Contabilitate', email: 'cont@brutarie.ro' },
        { label: 'ADMINISTRAȚIE', email: 'adm@brutarie.ro' },
      ]),
    ).toBe('adm@brutarie.ro');
    expect(
      pick([
        { label: 'IT admin', email: 'it@example.com' },
        { label: 'Administrator', email: 'boss@example.com' },
      ]),
    ).toBe('it@example.com');
    // "Badminton club" is not an administrator: only a word starting with "admin" counts.
    expect(
      pick([
        { label: 'Sales', email: 'sales@example.com' },
        { label: 'Badminton club', email: 'club@example.com' },
      ]),
    ).toBe('sales@example.com');
    expect(pick([{ email: 'first@example.com' }, { label: 'Office', email: 'second@example.com' }])).toBe(
      'first@example.com',
    );
    expect(
      pick([
        { label: 'Admin', email: 'not an address' },
        { label: 'Office', email: 'office@example.com' },
      ]),
    ).toBe('office@example.com');
    expect(pick([])).toBeUndefined();
  });
});

describe('a copy of a critical notice', () => {
  let t: Awaited<ReturnType<typeof createTestApp>>;
  let office: TestOffice;
  let owner: Session;

  beforeAll(async () => {
    t = await createTestApp();
    office = await t.factories.office({ name: 'Biuro Rachunkowe Żółw' });
    owner = await signIn(t.app, office.owner.email);
  });
  afterAll(() => t.close());

  const outbox = async () =>
    (await owner.get('/api/outbox?pageSize=100')).json().items as {
      id: string;
      toAddress: string;
      subject: string;
      template: string;
    }[];

  it("goes once to the company's administrator address, in the office's language, and only for critical kinds", async () => {
    const company = await t.factories.company(office, { name: 'Piekarnia Złoty Kłos' });
    const emails = [
      { label: 'Biuro', email: 'biuro@piekarnia.pl' },
      { label: 'Administrator', email: 'szef@piekarnia.pl' },
    ];
    expect((await owner.patch(`/api/companies/${company.id}`, { emails })).statusCode).toBe(200);
    const contacts = { id: company.id, name: company.name, emails };
    const notice = {
      officeId: office.id,
      officeName: office.name,
      locale: 'pl' as const,
      company: contacts,
      kind: 'announcement' as const,
      title: 'Zmiana terminu JPK',
      lines: ['Termin złożenia JPK_V7 przesuwa się na 27 dnia miesiąca.'],
      link: 'http://localhost:3000/notifications',
      sourceKey: 'announcement:jpk',
    };
    const copy = (input: Partial<typeof notice> & { alreadyTold?: string[] } = {}) =>
      t.db.inTenant({ officeId: office.id }, (tx) =>
        queueCriticalNoticeCopy(t.app.services.mail, tx, { ...notice, ...input }),
      );

    const id = await copy();
    expect(id).toEqual(expect.any(String));
    // The same notice again (a repeated job) writes nothing more.
    expect(await copy()).toBeUndefined();
    // Not a critical kind: no copy.
    expect(await copy({ kind: 'message' as never, sourceKey: 'message:1' })).toBeUndefined();
    // The administrator address already got the notice itself: no second copy.
    expect(await copy({ sourceKey: 'announcement:other', alreadyTold: ['Szef@Piekarnia.pl'] })).toBeUndefined();

    const copies = (await outbox()).filter((e) => e.template === 'critical_notice');
    expect(copies).toHaveLength(1);
    expect(copies[0]).toMatchObject({ id, toAddress: 'szef@piekarnia.pl', subject: 'Ważne: Zmiana terminu JPK' });
    const full = (await owner.get(`/api/outbox/${id}`)).json();
    expect(full.textBody).toContain('Biuro Rachunkowe Żółw wysłało ważny komunikat do firmy Piekarnia Złoty Kłos');
    expect(full.textBody).toContain('Termin złożenia JPK_V7 przesuwa się na 27 dnia miesiąca.');
    expect(full.htmlBody).toContain('http://localhost:3000/notifications');
  });

  it('is not sent for a company without a usable e-mail address', async () => {
    const company = await t.factories.company(office);
    const before = (await outbox()).length;
    const id = await t.db.inTenant({ officeId: office.id }, (tx) =>
      queueCriticalNoticeCopy(t.app.services.mail, tx, {
        officeId: office.id,
        officeName: office.name,
        locale: 'en',
        company: { id: company.id, name: company.name, emails: [] },
        kind: 'due_date',
        title: 'VAT due',
        lines: ['Pay by the 25th.'],
        sourceKey: 'due_date:vat',
      }),
    );
    expect(id).toBeUndefined();
    expect((await outbox()).length).toBe(before);
  });
});
