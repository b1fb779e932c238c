import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { validateTaxId } from '@bureau/common/validation';
import {
  guessMapping,
  inferCountry,
  ImportFileError,
  MAX_BYTES,
  MAX_ROWS,
  readSpreadsheet,
  validateRows,
  type ImportFileErrorReason,
  type ImportMapping,
} from './import.parse.js';

/** The Luhn check digit of a SIREN's first eight digits. */
function luhnDigit(body: string): string {
  const sum = [...body].reverse().reduce((acc, ch, i) => {
    const d = Number(ch) * (i % 2 === 0 ? 2 : 1);
    return acc + (d > 9 ? d - 9 : d);
  }, 0);
  return String((10 - (sum % 10)) % 10);
}

const csv = (text: string) => Buffer.from(text, 'utf8');

async function expectRefused(promise: Promise<unknown>, reason: ImportFileErrorReason) {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ImportFileError);
  expect((error as ImportFileError).reason).toBe(reason);
}

describe('readSpreadsheet: CSV', () => {
  it('reads a semicolon CSV with a BOM, quoted fields with newlines and delimiters, and skips empty rows', async () => {
    const text = '\uFEFFNazwa firmy;NIP;E-mail\r\n"Kowalski; Syn\r\nsp. j.";526-025-02-74;biuro@kowalski.pl\r\n\r\n;;\r\n  Nowak  ;7773145129;"a@b.pl"\r\n';
    const sheet = await readSpreadsheet(csv(text), 'klienci.csv');
    expect(sheet.headers).toEqual(['Nazwa firmy', 'NIP', 'E-mail']);
    expect(sheet.rows).toEqual([
      ['Kowalski; Syn\r\nsp. j.', '526-025-02-74', 'biuro@kowalski.pl'],
      ['Nowak', '7773145129', 'a@b.pl'],
    ]);
    // Record 2 holds the quoted newline, records 3 and 4 are blank: Nowak is the 5th row a spreadsheet shows.
    expect(sheet.rowNumbers).toEqual([2, 5]);
  });

  it('detects comma and tab delimiters and keeps leading zeros', async () => {
    const comma = await readSpreadsheet(csv('Company,Tax ID,Phone\n"Acme, Inc.",0403170701,+32 2 123 45 67\n'), 'a.csv');
    expect(comma.rows).toEqual([['Acme, Inc.', '0403170701', '+32 2 123 45 67']]);
    const tab = await readSpreadsheet(csv('Denumire\tCUI\nFirma; SRL\t14399840\n'), 'a.txt');
    expect(tab.headers).toEqual(['Denumire', 'CUI']);
    expect(tab.rows).toEqual([['Firma; SRL', '14399840']]);
  });

  it('decides from content, not the name: a CSV called .xlsx that is not a ZIP is malformed, a ZIP called .csv is read as XLSX', async () => {
    await expectRefused(readSpreadsheet(csv('Name;NIP\nA;5260250274\n'), 'clients.xlsx'), 'malformed');
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('S').addRows([['Name'], ['Acme']]);
    const sheet = await readSpreadsheet(Buffer.from(await workbook.xlsx.writeBuffer()), 'clients.csv');
    expect(sheet.rows).toEqual([['Acme']]);
  });

  it('refuses empty, header-only, binary, non-UTF-8, legacy .xls, unbalanced quotes and oversized files', async () => {
    await expectRefused(readSpreadsheet(Buffer.alloc(0), 'a.csv'), 'empty');
    await expectRefused(readSpreadsheet(csv('\uFEFF \r\n\r\n'), 'a.csv'), 'empty');
    await expectRefused(readSpreadsheet(csv('Name;NIP\r\n;;\r\n'), 'a.csv'), 'empty');
    await expectRefused(readSpreadsheet(Buffer.from('%PDF-1.7\n\u0001\u0002binary'), 'a.pdf'), 'unsupported');
    await expectRefused(readSpreadsheet(Buffer.from([0x4e, 0x61, 0x7a, 0x77, 0x61, 0x0a, 0xb3, 0xf3, 0x64, 0xbc]), 'cp1250.csv'), 'unsupported');
    await expectRefused(readSpreadsheet(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]), 'old.xls'), 'unsupported');
    await expectRefused(readSpreadsheet(csv('Name;NIP\n"Acme;5260250274\nB;7773145129\n'), 'a.csv'), 'malformed');
    await expectRefused(readSpreadsheet(Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(100, 7)]), 'a.xlsx'), 'malformed');
    await expectRefused(readSpreadsheet(Buffer.alloc(MAX_BYTES + 1, 0x41), 'a.csv'), 'too_large');
  });

  it('accepts 50,000 data rows and refuses 50,001', async () => {
    const file = (count: number) => csv(`Name;NIP\n${'Acme;5260250274\n'.repeat(count)}`);
    expect((await readSpreadsheet(file(MAX_ROWS), 'a.csv')).rows).toHaveLength(MAX_ROWS);
    await expectRefused(readSpreadsheet(file(MAX_ROWS + 1), 'a.csv'), 'too_many_rows');
  });
});

describe('readSpreadsheet: XLSX', () => {
  it('reads the first worksheet: numbers without ".0", dates as YYYY-MM-DD, rich text joined, formula results, blanks skipped', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Clients');
    workbook.addWorksheet('Other').addRow(['not this one']);
    sheet.addRow(['Raison sociale', 'SIREN', 'Date', 'Total', 'Note']);
    sheet.addRow([' Dupont SA ', 732829320, new Date(Date.UTC(2024, 1, 29)), { formula: 'B2*2', result: 1465658640 }, { richText: [{ text: 'Très ' }, { text: 'bien', font: { bold: true } }] }]);
    sheet.addRow([]);
    sheet.addRow(['Martin', 12.5, null, { formula: '"a"&"b"', result: 'ab' }, { text: 'site', hyperlink: 'https://example.com' }]);
    const read = await readSpreadsheet(Buffer.from(await workbook.xlsx.writeBuffer()), 'clients.xlsx');
    expect(read.headers).toEqual(['Raison sociale', 'SIREN', 'Date', 'Total', 'Note']);
    expect(read.rows).toEqual([
      ['Dupont SA', '732829320', '2024-02-29', '1465658640', 'Très bien'],
      ['Martin', '12.5', '', 'ab', 'site'],
    ]);
    expect(read.rowNumbers).toEqual([2, 4]);
  });

  it('refuses a workbook with more than 50,000 data rows', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Clients');
    sheet.addRows([['Name'], ...Array.from({ length: MAX_ROWS + 1 }, () => ['x'])]);
    await expectRefused(readSpreadsheet(Buffer.from(await workbook.xlsx.writeBuffer()), 'big.xlsx'), 'too_many_rows');
  });
});

describe('guessMapping', () => {
  it('maps English headers', () => {
    expect(guessMapping(['Company', 'Country', 'Tax ID', 'E-mail', 'Phone', 'Contact', 'Access'])).toEqual({
      name: 0, country: 1, taxId: 2, email: 3, phone: 4, representative: 5, access: 6,
    });
  });

  it('maps Polish headers, diacritics and case aside', () => {
    expect(guessMapping(['Lp.', 'NAZWA FIRMY', 'NIP', 'Adres e-mail', 'Telefon', 'Osoba kontaktowa', 'Dostęp', 'Kraj'])).toEqual({
      name: 1, taxId: 2, email: 3, phone: 4, representative: 5, access: 6, country: 7,
    });
  });

  it('maps Romanian headers', () => {
    expect(guessMapping(['Denumire', 'Cod fiscal', 'Țara', 'Email', 'Tel', 'Reprezentant', 'Acces'])).toEqual({
      name: 0, taxId: 1, country: 2, email: 3, phone: 4, representative: 5, access: 6,
    });
    expect(guessMapping(['Firma', 'CUI'])).toMatchObject({ name: 0, taxId: 1, email: null });
  });

  it('maps French and Belgian headers', () => {
    expect(guessMapping(['Raison sociale', 'N° TVA', 'Pays', 'Courriel', 'Téléphone', 'Représentant', 'Accès'])).toEqual({
      name: 0, taxId: 1, country: 2, email: 3, phone: 4, representative: 5, access: 6,
    });
    expect(guessMapping(['Société', "Numéro d'entreprise"])).toMatchObject({ name: 0, taxId: 1 });
    expect(guessMapping(['Naam', 'Ondernemingsnummer'])).toMatchObject({ name: 0, taxId: 1 });
  });

  it('uses a column once, prefers the exact and the more specific name, and leaves unknown fields null', () => {
    // "Contact e-mail" is an e-mail column, not the representative, though both words are someone's synonyms.
    expect(guessMapping(['Contact e-mail', 'Contact phone', 'Contact', 'Company name', 'SIRET', 'Notes'])).toEqual({
      name: 3, country: null, taxId: 4, email: 0, phone: 1, representative: 2, access: null,
    });
    // An exact header beats one that merely contains a synonym; between two exact ones the leftmost wins and the other stays unused.
    expect(guessMapping(['Nazwa firmy klienta', 'Firma', 'Nazwa', 'NIP'])).toMatchObject({ name: 1, taxId: 3 });
    expect(guessMapping(['Nazwa firmy klienta', 'NIP'])).toMatchObject({ name: 0, taxId: 1 });
    expect(guessMapping(['Client', 'Client e-mail', 'Client phone', 'Company tax ID', 'Nom du contact'])).toEqual({
      name: 0, country: null, taxId: 3, email: 1, phone: 2, representative: 4, access: null,
    });
    expect(guessMapping([])).toEqual({ name: null, country: null, taxId: null, email: null, phone: null, representative: null, access: null });
  });
});

describe('validateRows', () => {
  const mapping: ImportMapping = { name: 0, country: 1, taxId: 2, email: 3, phone: 4, representative: 5, access: 6 };
  const options = { defaultCountry: 'PL' as const, existingTaxIds: new Set<string>() };

  it('accepts a valid company of each country, normalizing tax id, e-mail and phone', () => {
    const results = validateRows(
      [
        ['Kowalski sp. z o.o.', '', 'PL 526-025-02-74', ' Biuro@Kowalski.PL ', '601 234 567', 'Jan Kowalski', 'Ograniczony'],
        ['Firma SRL', 'România', 'RO14399840', '', '0721 234 567', '', 'limitat'],
        ['Dupont SA', 'France', '732 829 320', 'contact@dupont.fr', '01 23 45 67 89', 'Marie Dupont', 'Limitée'],
        ['Janssens NV', 'Belgique', '0403.170.701', '', '+32 2 123 45 67', '', 'full'],
        ['Drugi', 'pl', '7773145129', '', '', '', ''],
        ['Trei SRL', 'RO', '18547290', '', '', '', ''],
        ['Patru SRL', 'RO', 'RO-37058141', '', '', '', ''],
        ['Cinci SRL', 'RO', 'R.O. 6066357', '', '', '', ''],
      ],
      mapping,
      options,
    );
    expect(results.map((r) => [r.line, r.action, r.errors])).toEqual([2, 3, 4, 5, 6, 7, 8, 9].map((line) => [line, 'create', []]));
    expect(results[0]!.company).toEqual({
      name: 'Kowalski sp. z o.o.', country: 'PL', taxId: '5260250274', email: 'biuro@kowalski.pl', phone: '+48601234567', representative: 'Jan Kowalski', access: 'limited',
    });
    expect(results[1]!.company).toEqual({ name: 'Firma SRL', country: 'RO', taxId: '14399840', phone: '+40721234567', access: 'limited' });
    expect(results[2]!.company).toMatchObject({ country: 'FR', taxId: '732829320', phone: '+33123456789', access: 'limited' });
    expect(results[3]!.company).toMatchObject({ country: 'BE', taxId: '0403170701', phone: '+3221234567', access: 'full' });
    expect(results[5]!.company).toMatchObject({ country: 'RO', taxId: '18547290' });
    expect(results[6]!.company).toMatchObject({ country: 'RO', taxId: '37058141' });
    expect(results[7]!.company).toMatchObject({ country: 'RO', taxId: '6066357' });
  });

  it('cleans a representative’s name like the forms do, and reads one of invisible characters only as none', () => {
    const results = validateRows(
      [
        ['Kowalski sp. z o.o.', 'PL', '5260250274', 'biuro@kowalski.pl', '', '\u202eJan\u00a0\u00a0Kowalski\u200b\r\n', ''],
        ['Drugi', 'PL', '7773145129', 'drugi@example.pl', '', '\u00a0\u200b\u00a0', ''],
      ],
      mapping,
      options,
    );
    expect(results.map((r) => r.errors)).toEqual([[], []]);
    expect(results[0]!.company!.representative).toBe('Jan Kowalski');
    expect(results[1]!.company).not.toHaveProperty('representative');
  });

  it('skips rows with missing, malformed or wrong-checksum values, listing every error', () => {
    const results = validateRows(
      [
        ['', '', '', '', '', '', ''],
        ['A', '', '5260250275', '', '', '', ''],
        ['B', '', '12345', '', '', '', ''],
        ['C', 'PL', '5260250274', 'not-an-email', '123', '', ''],
        ['D', 'Germany', '123456789', '', '', '', ''],
      ],
      mapping,
      options,
    );
    expect(results.every((r) => r.action === 'skip' && r.company === undefined)).toBe(true);
    expect(results.map((r) => r.errors)).toEqual([
      [{ field: 'name', code: 'required' }, { field: 'taxId', code: 'required' }],
      [{ field: 'taxId', code: 'tax_id_checksum' }],
      [{ field: 'taxId', code: 'tax_id_format' }],
      [{ field: 'email', code: 'email_invalid' }, { field: 'phone', code: 'phone_invalid' }],
      [{ field: 'country', code: 'country_unsupported' }],
    ]);
  });

  it('skips a name longer than the forms take (200 characters), company or representative', () => {
    const long = 'Ż'.repeat(201);
    const results = validateRows(
      [[long, 'PL', '5260250274'], ['Ok', 'PL', '7122900004']],
      { ...mapping, country: 1, taxId: 2, email: null, phone: null, representative: null, access: null },
      options,
    );
    expect(results[0]).toMatchObject({ action: 'skip', errors: [{ field: 'name', code: 'too_long' }] });
    const people = validateRows([['Ok', 'PL', '5260250274', 'Jan'.repeat(70)]], { ...mapping, country: 1, taxId: 2, representative: 3, email: null, phone: null, access: null }, options);
    expect(people[0]).toMatchObject({ action: 'skip', errors: [{ field: 'representative', code: 'too_long' }] });
    expect(results[1]!.action).toBe('create');
  });

  it('skips the second occurrence of a tax id in the file, however it is spelled', () => {
    const results = validateRows(
      [['A', '', '5260250274'], ['B', 'Polska', 'PL526-025-02-74'], ['C', 'RO', '14399840'], ['D', 'Roumanie', 'RO 14399840']],
      { ...mapping, email: null, phone: null, representative: null, access: null },
      options,
    );
    expect(results.map((r) => r.action)).toEqual(['create', 'skip', 'create', 'skip']);
    expect(results[1]!.errors).toEqual([{ field: 'taxId', code: 'duplicate_in_file' }]);
  });

  it('marks companies the office already has as updates, so re-importing a file creates nothing', () => {
    const rows = [['A', '', '5260250274'], ['B', 'BE', '403170701'], ['C', 'FR', '732829320']];
    const reduced = { ...mapping, email: null, phone: null, representative: null, access: null };
    const first = validateRows(rows, reduced, options);
    const existingTaxIds = new Set(first.flatMap((r) => (r.company ? [`${r.company.country}:${r.company.taxId}`] : [])));
    expect(existingTaxIds).toEqual(new Set(['PL:5260250274', 'BE:0403170701', 'FR:732829320']));
    expect(validateRows(rows, reduced, { ...options, existingTaxIds }).map((r) => r.action)).toEqual(['update', 'update', 'update']);
  });

  it('uses the default country, the spreadsheet row numbers, and an unmapped column as empty', () => {
    const [result] = validateRows([['Dupont', '732829320']], { name: 0, taxId: 1, country: null, email: null, phone: null, representative: null, access: null }, {
      defaultCountry: 'FR',
      existingTaxIds: new Set(),
      rowNumbers: [7],
    });
    expect(result).toEqual({ line: 7, action: 'create', errors: [], company: { name: 'Dupont', country: 'FR', taxId: '732829320', access: 'full' } });
  });

  it("reads each row's country from its tax id when the file has no country column, where the id leaves no doubt", () => {
    const noCountry = { name: 0, taxId: 1, country: null, email: null, phone: null, representative: null, access: null };
    const rows = [
      ['Firma SRL', 'RO-14399840'], // a VAT prefix names the country
      ['Trei SRL', '18547290'], // not a NIP, valid only as a CUI
      ['Kowalski', '5260250274'], // the office's own country first
      ['Dupont', '732 829 320'], // a SIREN, valid nowhere else
      ['Janssens', 'BE 0403.170.701'],
      ['Nowhere', '1234'], // valid nowhere: the office's country explains the row
      ['Typo', '5260250275'], // a NIP with a wrong check digit stays a Polish typo, whatever else it might pass for
    ];
    const results = validateRows(rows, noCountry, { defaultCountry: 'PL', existingTaxIds: new Set() });
    expect(results.map((r) => r.company?.country ?? r.errors)).toEqual([
      'RO',
      'RO',
      'PL',
      'FR',
      'BE',
      [{ field: 'taxId', code: 'tax_id_format' }],
      [{ field: 'taxId', code: 'tax_id_checksum' }],
    ]);
    expect(results.map((r) => r.company?.taxId)).toEqual(['14399840', '18547290', '5260250274', '732829320', '0403170701', undefined, undefined]);
    // Every valid SIREN is read as French from a Polish office's file, even the one in eleven that also passes as a CUI.
    for (let body = 100_000_000; body < 100_000_400; body++) {
      const siren = String(body).slice(0, 8) + luhnDigit(String(body).slice(0, 8));
      if (validateTaxId('FR', siren).ok && !validateTaxId('BE', siren).ok) expect(inferCountry(siren, 'PL'), siren).toBe('FR');
    }
  });

  it('reads a French SIRET or VAT number as the SIREN, keeps a SIRET, and finds the same company twice in the file', () => {
    const reduced = { ...mapping, email: null, phone: null, representative: null, access: null };
    const results = validateRows(
      [
        ['Fromagerie', 'FR', '552 032 534'],
        ['Fromagerie, atelier', 'FR', '552 032 534 00018'], // the same company's establishment
        ['Fromagerie TVA', 'France', 'fr27 552.032.534'], // and its VAT number
        ['Atelier Vélo', 'FR', '404-833-048-00014'],
        ['Atelier Vélo TVA', '', 'FR 83 404 833 048'], // no country cell: the prefix names France
        ['Mauvaise clé', 'FR', 'FR28552032534'],
      ],
      reduced,
      options,
    );
    expect(results.map((r) => r.action)).toEqual(['create', 'skip', 'skip', 'create', 'skip', 'skip']);
    expect(results.map((r) => r.errors)).toEqual([
      [],
      [{ field: 'taxId', code: 'duplicate_in_file' }],
      [{ field: 'taxId', code: 'duplicate_in_file' }],
      [],
      [{ field: 'taxId', code: 'duplicate_in_file' }],
      [{ field: 'taxId', code: 'tax_id_checksum' }],
    ]);
    expect(results[0]!.company).toEqual({ name: 'Fromagerie', country: 'FR', taxId: '552032534', access: 'full' });
    expect(results[3]!.company).toEqual({ name: 'Atelier Vélo', country: 'FR', taxId: '404833048', siret: '40483304800014', access: 'full' });
  });

  it('marks a SIRET or VAT row as an update of the company the office holds by its SIREN', () => {
    const reduced = { ...mapping, email: null, phone: null, representative: null, access: null };
    const existingTaxIds = new Set(['FR:552032534', 'FR:404833048']);
    const results = validateRows([['Fromagerie', 'FR', '55203253400018'], ['Atelier Vélo', 'FR', 'FR83404833048']], reduced, { ...options, existingTaxIds });
    expect(results.map((r) => [r.action, r.company?.taxId])).toEqual([['update', '552032534'], ['update', '404833048']]);
  });
});

describe('checkUnpackedSize: zip bombs', () => {
  it('refuses a workbook whose entries unpack beyond the limit, even when the central directory understates their sizes', async () => {
    const { checkUnpackedSize } = await import('./import.parse.js');
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Klienci');
    for (let i = 0; i < 2000; i++) sheet.addRow([`Firma ${i}`, '5260250274', 'biuro@example.pl']);
    const honest = Buffer.from(await workbook.xlsx.writeBuffer());
    expect(() => checkUnpackedSize(honest)).not.toThrow();
    expect(() => checkUnpackedSize(honest, 10_000)).toThrow(expect.objectContaining({ reason: 'too_large' }));
    // Every size the central directory declares set to 1 byte: only inflating tells the truth, and it stops at the limit.
    const lying = Buffer.from(honest);
    for (let i = lying.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02])); i >= 0; i = lying.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]), i + 4)) lying.writeUInt32LE(1, i + 24);
    expect(() => checkUnpackedSize(lying, 10_000)).toThrow(expect.objectContaining({ reason: 'too_large' }));
    await expect(readSpreadsheet(honest, 'a.xlsx')).resolves.toMatchObject({ rowNumbers: expect.any(Array) });
  });
});
