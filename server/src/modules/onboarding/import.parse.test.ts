import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { validateTaxId } from '@bureau/common/validation';
import { guessMapping, inferCountry, validateRows, type ImportMapping } from './import.parse.js';
import { ImportFileError, MAX_BYTES, MAX_ROWS, readSpreadsheet, type ImportFileErrorReason } from './import.read.js';

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
    const text =
      '\uFEFFNazwa firmy;NIP;E-mail\r\n"Kowalski; Syn\r\nsp. j.";526-025-02-74;biuro@kowalski.pl\r\n\r\n;;\r\n  Nowak  ;7773145129;"a@b.pl"\r\n';
    const sheet = await readSpreadsheet(csv(text), 'klienci.csv');
    expect(sheet.headers).toEqual(['Nazwa firmy', 'NIP', 'E-mail']);
    expect(sheet.rows).toEqual([
      ['Kowalski; Syn\nsp. j.', '526-025-02-74', 'biuro@kowalski.pl'],
      ['Nowak', '7773145129', 'a@b.pl'],
    ]);
    // Kowalski's quoted address spans lines 2–3, lines 4 and 5 are blank: Nowak is on line 6 of the file.
    expect(sheet.rowNumbers).toEqual([2, 6]);
    expect(sheet.reading).toMatchObject({
      format: 'csv',
      encoding: 'utf-8',
      encodingDetected: true,
      headerRow: 1,
      headerDetected: true,
      footers: [],
    });
  });

  it('detects comma and tab delimiters and keeps leading zeros', async () => {
    const comma = await readSpreadsheet(
      csv('Company,Tax ID,Phone\n"Acme, Inc.",0403170701,+32 2 123 45 67\n'),
      'a.csv',
    );
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

  it('refuses empty, header-only, binary, legacy .xls, unbalanced quotes and oversized files', async () => {
    await expectRefused(readSpreadsheet(Buffer.alloc(0), 'a.csv'), 'empty');
    await expectRefused(readSpreadsheet(csv('\uFEFF \r\n\r\n'), 'a.csv'), 'empty');
    await expectRefused(readSpreadsheet(csv('Name;NIP\r\n;;\r\n'), 'a.csv'), 'empty');
    await expectRefused(readSpreadsheet(Buffer.from('%PDF-1.7\n\u0001\u0002binary'), 'a.pdf'), 'unsupported');
    await expectRefused(
      readSpreadsheet(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]), 'old.xls'),
      'unsupported',
    );
    await expectRefused(readSpreadsheet(csv('Name;NIP\n"Acme;5260250274\nB;7773145129\n'), 'a.csv'), 'malformed');
    await expectRefused(
      readSpreadsheet(Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(100, 7)]), 'a.xlsx'),
      'malformed',
    );
    await expectRefused(readSpreadsheet(Buffer.alloc(MAX_BYTES + 1, 0x41), 'a.csv'), 'too_large');
  });

  it('accepts 50,000 data rows and refuses 50,001', async () => {
    const file = (count: number) => csv(`Name;NIP\n${'Acme;5260250274\n'.repeat(count)}`);
    expect((await readSpreadsheet(file(MAX_ROWS), 'a.csv')).rows).toHaveLength(MAX_ROWS);
    await expectRefused(readSpreadsheet(file(MAX_ROWS + 1), 'a.csv'), 'too_many_rows');
  });
});

describe('readSpreadsheet: the encodings accounting programs write', () => {
  // Text with every Polish, Romanian and French letter a code page has, as those programs export it.
  const polish =
    'Nazwa firmy;NIP;E-mail\r\nZakład Usług Księgowych „Łódź” sp. z o.o.;5260250274;biuro@zaklad.pl\r\nPrzedsiębiorstwo Źródło Żółć;7773145129;\r\nŚwiętokrzyska Spółdzielnia Ćma;7122900004;\r\n';
  const romanian =
    'Denumire;CUI\r\nCofetăria Dulce Ţară SRL;14399840\r\nŞcoala Îmbunătăţită SA;18547290\r\nMâncare Bună SRL;37058141\r\n';
  const french =
    'Raison sociale;SIREN\r\nSociété Générale d’Électricité;732829320\r\nCafé Crème Côté Forêt;552120222\r\nBoulangerie Noël & Cœur;404833048\r\n';
  // A short list (a statistical detector guessed Windows-1252 for it): few names, few letters to go by.
  const short =
    'Nazwa;NIP\r\nZakład Usług Źródło x1 Żółć 1 sp. z o.o.;5260250274\r\nZakład Usług Źródło x1 Żółć 2 sp. z o.o.;7773145129\r\n';
  const names = (sheet: { rows: string[][] }) => sheet.rows.map((r) => r[0]);
  const encoded = (text: string, encoding: string) => {
    if (encoding === 'utf-16le') return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    if (encoding === 'utf-8-bom') return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
    if (encoding === 'utf-8') return Buffer.from(text, 'utf8');
    return iconv.encode(text, encoding);
  };

  it.each([
    ['Polish', 'windows-1250', polish, 'windows-1250'],
    ['Polish', 'iso-8859-2', polish, 'iso-8859-2'],
    ['a short Polish', 'windows-1250', short, 'windows-1250'],
    ['a short Polish', 'iso-8859-2', short, 'iso-8859-2'],
    ['Romanian', 'windows-1250', romanian, 'windows-1250'],
    ['French', 'windows-1252', french, 'windows-1252'],
    ['Polish', 'utf-8', polish, 'utf-8'],
    ['Polish', 'utf-8-bom', polish, 'utf-8'],
    ['Romanian', 'utf-16le', romanian, 'utf-16le'],
  ])('reads %s text written in %s exactly and says which encoding it read', async (_language, written, text, told) => {
    const sheet = await readSpreadsheet(
      encoded(text, written),
      'export.csv',
      {},
      written === 'windows-1252' ? 'FR' : 'PL',
    );
    // ISO-8859-2 has no „ ” quotes: those become "?" in the file itself, every letter survives.
    const written8 = written === 'iso-8859-2' ? text.replace(/[„”]/g, '?') : text;
    const expected = written8
      .split('\r\n')
      .slice(1, -1)
      .map((line) => line.split(';')[0]);
    // ISO-8859-2 and Windows-1250 write Romanian's ş ţ alike: either reading gives the same letters.
    expect(names(sheet)).toEqual(expected);
    expect(
      sheet.reading.encoding === told ||
        (written === 'windows-1250' && sheet.reading.encoding === 'iso-8859-2' && _language === 'Romanian'),
    ).toBe(true);
    expect(sheet.reading.encodingDetected).toBe(true);
    for (const name of names(sheet)) expect(name).not.toMatch(/[\uFFFD\u0080-\u009f]|Å|Ä|Ă…|Ĺ|Ă/);
  });

  it('reads the file in the encoding a person chose instead, even when that gives other letters', async () => {
    const file = iconv.encode(polish, 'windows-1250');
    const chosen = await readSpreadsheet(file, 'export.csv', { encoding: 'windows-1252' });
    expect(chosen.reading).toMatchObject({ encoding: 'windows-1252', encodingDetected: false });
    expect(names(chosen)[0]).toBe('Zak³ad Us³ug Ksiêgowych „£ódŸ” sp. z o.o.');
  });
});

describe('readSpreadsheet: title rows, header choice, footers', () => {
  /** A workbook the way offices lay out a client list: a merged title, a date line, a blank row, merged group headers, the header, data, a merged total. */
  async function officeWorkbook(options: { cover?: boolean } = {}) {
    const workbook = new ExcelJS.Workbook();
    if (options.cover)
      workbook.addWorksheet('Okładka').addRows([['Biuro Rachunkowe Kowalski'], ['Stan na 2026-12-01']]);
    const sheet = workbook.addWorksheet('Klienci');
    sheet.addRow(['Lista klientów biura — stan na grudzień 2026']);
    sheet.mergeCells('A1:E1');
    sheet.addRow(['Wygenerowano: 2026-12-01']);
    sheet.addRow([]);
    sheet.addRow(['Dane firmy', null, null, 'Kontakt', null]);
    sheet.mergeCells('A4:C4');
    sheet.mergeCells('D4:E4');
    sheet.addRow(['Lp.', 'Nazwa', 'NIP', 'E-mail', 'Telefon']);
    sheet.addRow([1, 'Kowalski sp. z o.o.', 5260250274, 'biuro@kowalski.pl', '601 234 567']);
    sheet.addRow([2, 'Janssens NV', 358121525, '', '']);
    sheet.addRow([3, 'Nowak', '7773145129', '', '']);
    sheet.addRow([]);
    sheet.addRow(['Razem: 3 klientów']);
    sheet.mergeCells('A10:E10');
    return Buffer.from(await workbook.xlsx.writeBuffer());
  }

  it('finds the header under merged titles and group headers, and leaves the merged total out as neither data nor error', async () => {
    const sheet = await readSpreadsheet(await officeWorkbook(), 'klienci.xlsx');
    expect(sheet.headers).toEqual(['Lp.', 'Nazwa', 'NIP', 'E-mail', 'Telefon']);
    expect(sheet.rows.map((r) => r[1])).toEqual(['Kowalski sp. z o.o.', 'Janssens NV', 'Nowak']);
    expect(sheet.rowNumbers).toEqual([6, 7, 8]);
    expect(sheet.reading).toMatchObject({
      format: 'xlsx',
      sheets: ['Klienci'],
      sheet: 0,
      headerRow: 5,
      headerDetected: true,
      footers: [{ row: 10, text: 'Razem: 3 klientów' }],
    });
    expect(sheet.reading.topRows.map((r) => r.row)).toEqual([1, 2, 4, 5, 6, 7, 8, 10]);
    expect(guessMapping(sheet.headers)).toMatchObject({ name: 1, taxId: 2, email: 3, phone: 4 });
  });

  it('reads the sheet that holds the list, names every sheet, and reads another sheet or header row when asked', async () => {
    const file = await officeWorkbook({ cover: true });
    const detected = await readSpreadsheet(file, 'klienci.xlsx');
    expect(detected.reading).toMatchObject({ sheets: ['Okładka', 'Klienci'], sheet: 1, headerRow: 5 });
    const cover = await readSpreadsheet(file, 'klienci.xlsx', { sheet: 0 });
    expect(cover.reading).toMatchObject({ sheet: 0, headerRow: 1 });
    expect(cover.rows).toEqual([['Stan na 2026-12-01']]);
    const other = await readSpreadsheet(file, 'klienci.xlsx', { sheet: 1, headerRow: 4 });
    expect(other.headers.slice(0, 4)).toEqual(['Dane firmy', '', '', 'Kontakt']);
    expect(other.reading).toMatchObject({ headerRow: 4, headerDetected: false });
    await expectRefused(readSpreadsheet(file, 'klienci.xlsx', { sheet: 5 }), 'no_such_sheet');
    await expectRefused(readSpreadsheet(file, 'klienci.xlsx', { sheet: 1, headerRow: 3 }), 'no_such_row');
  });

  it('finds the header of a CSV under title lines, with the delimiter of the lines below them', async () => {
    const text =
      'Eksport z programu Rachmistrz\r\nData: 2026-12-01\r\n\r\nNazwa;NIP;Telefon\r\nKowalski;5260250274;601234567\r\nNowak;7773145129;\r\nRazem;2;\r\n';
    const sheet = await readSpreadsheet(csv(text), 'eksport.csv');
    expect(sheet.headers).toEqual(['Nazwa', 'NIP', 'Telefon']);
    expect(sheet.rowNumbers).toEqual([5, 6, 7]);
    // "Razem;2;" has two cells: a row to check (and skip), not a merged footer to hide.
    expect(sheet.reading.footers).toEqual([]);
  });
});

describe('readSpreadsheet: XLSX', () => {
  it('reads the first worksheet: numbers without ".0", dates as YYYY-MM-DD, rich text joined, formula results, blanks skipped', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Clients');
    workbook.addWorksheet('Other').addRow(['not this one']);
    sheet.addRow(['Raison sociale', 'SIREN', 'Date', 'Total', 'Note']);
    sheet.addRow([
      ' Dupont SA ',
      732829320,
      new Date(Date.UTC(2024, 1, 29)),
      { formula: 'B2*2', result: 1465658640 },
      { richText: [{ text: 'Très ' }, { text: 'bien', font: { bold: true } }] },
    ]);
    sheet.addRow([]);
    sheet.addRow([
      'Martin',
      12.5,
      null,
      { formula: '"a"&"b"', result: 'ab' },
      { text: 'site', hyperlink: 'https://example.com' },
    ]);
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
      name: 0,
      country: 1,
      taxId: 2,
      email: 3,
      phone: 4,
      representative: 5,
      access: 6,
    });
  });

  it('maps Polish headers, diacritics and case aside', () => {
    expect(
      guessMapping(['Lp.', 'NAZWA FIRMY', 'NIP', 'Adres e-mail', 'Telefon', 'Osoba kontaktowa', 'Dostęp', 'Kraj']),
    ).toEqual({
      name: 1,
      taxId: 2,
      email: 3,
      phone: 4,
      representative: 5,
      access: 6,
      country: 7,
    });
  });

  it('maps Romanian headers', () => {
    expect(guessMapping(['Denumire', 'Cod fiscal', 'Țara', 'Email', 'Tel', 'Reprezentant', 'Acces'])).toEqual({
      name: 0,
      taxId: 1,
      country: 2,
      email: 3,
      phone: 4,
      representative: 5,
      access: 6,
    });
    expect(guessMapping(['Firma', 'CUI'])).toMatchObject({ name: 0, taxId: 1, email: null });
  });

  it('maps French and Belgian headers', () => {
    expect(
      guessMapping(['Raison sociale', 'N° TVA', 'Pays', 'Courriel', 'Téléphone', 'Représentant', 'Accès']),
    ).toEqual({
      name: 0,
      taxId: 1,
      country: 2,
      email: 3,
      phone: 4,
      representative: 5,
      access: 6,
    });
    expect(guessMapping(['Société', "Numéro d'entreprise"])).toMatchObject({ name: 0, taxId: 1 });
    expect(guessMapping(['Naam', 'Ondernemingsnummer'])).toMatchObject({ name: 0, taxId: 1 });
  });

  it('uses a column once, prefers the exact and the more specific name, and leaves unknown fields null', () => {
    // "Contact e-mail" is an e-mail column, not the representative, though both words are someone's synonyms.
    expect(guessMapping(['Contact e-mail', 'Contact phone', 'Contact', 'Company name', 'SIRET', 'Notes'])).toEqual({
      name: 3,
      country: null,
      taxId: 4,
      email: 0,
      phone: 1,
      representative: 2,
      access: null,
    });
    // An exact header beats one that merely contains a synonym; between two exact ones the leftmost wins and the other stays unused.
    expect(guessMapping(['Nazwa firmy klienta', 'Firma', 'Nazwa', 'NIP'])).toMatchObject({ name: 1, taxId: 3 });
    expect(guessMapping(['Nazwa firmy klienta', 'NIP'])).toMatchObject({ name: 0, taxId: 1 });
    expect(guessMapping(['Client', 'Client e-mail', 'Client phone', 'Company tax ID', 'Nom du contact'])).toEqual({
      name: 0,
      country: null,
      taxId: 3,
      email: 1,
      phone: 2,
      representative: 4,
      access: null,
    });
    expect(guessMapping([])).toEqual({
      name: null,
      country: null,
      taxId: null,
      email: null,
      phone: null,
      representative: null,
      access: null,
    });
  });
});

describe('validateRows', () => {
  const mapping: ImportMapping = { name: 0, country: 1, taxId: 2, email: 3, phone: 4, representative: 5, access: 6 };
  const options = { defaultCountry: 'PL' as const, existingTaxIds: new Set<string>() };

  it('accepts a valid company of each country, normalizing tax id, e-mail and phone', () => {
    const results = validateRows(
      [
        [
          'Kowalski sp. z o.o.',
          '',
          'PL 526-025-02-74',
          ' Biuro@Kowalski.PL ',
          '601 234 567',
          'Jan Kowalski',
          'Ograniczony',
        ],
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
    expect(results.map((r) => [r.line, r.action, r.errors])).toEqual(
      [2, 3, 4, 5, 6, 7, 8, 9].map((line) => [line, 'create', []]),
    );
    expect(results[0]!.company).toEqual({
      name: 'Kowalski sp. z o.o.',
      country: 'PL',
      taxId: '5260250274',
      email: 'Biuro@kowalski.pl',
      phone: '+48601234567',
      representative: 'Jan Kowalski',
      access: 'limited',
    });
    expect(results[1]!.company).toEqual({
      name: 'Firma SRL',
      country: 'RO',
      taxId: '14399840',
      phone: '+40721234567',
      access: 'limited',
    });
    expect(results[2]!.company).toMatchObject({
      country: 'FR',
      taxId: '732829320',
      phone: '+33123456789',
      access: 'limited',
    });
    expect(results[3]!.company).toMatchObject({
      country: 'BE',
      taxId: '0403170701',
      phone: '+3221234567',
      access: 'full',
    });
    expect(results[5]!.company).toMatchObject({ country: 'RO', taxId: '18547290' });
    expect(results[6]!.company).toMatchObject({ country: 'RO', taxId: '37058141' });
    expect(results[7]!.company).toMatchObject({ country: 'RO', taxId: '6066357' });
  });

  it('cleans a representative’s name like the forms do, and reads one of invisible characters only as none', () => {
    const results = validateRows(
      [
        [
          'Kowalski sp. z o.o.',
          'PL',
          '5260250274',
          'biuro@kowalski.pl',
          '',
          '\u202eJan\u00a0\u00a0Kowalski\u200b\r\n',
          '',
        ],
        ['Drugi', 'PL', '7773145129', 'drugi@example.pl', '', '\u00a0\u200b\u00a0', ''],
      ],
      mapping,
      options,
    );
    expect(results.map((r) => r.errors)).toEqual([[], []]);
    expect(results[0]!.company!.representative).toBe('Jan Kowalski');
    expect(results[1]!.company).not.toHaveProperty('representative');
  });

  it('skips rows whose name, country or tax id is missing, malformed or of a wrong checksum, listing every error', () => {
    const results = validateRows(
      [
        ['', '', '', '', '', '', ''],
        ['A', '', '5260250275', '', '', '', ''],
        ['B', '', '12345', '', '', '', ''],
        ['D', 'Germany', '123456789', '', '', '', ''],
      ],
      mapping,
      options,
    );
    expect(results.every((r) => r.action === 'skip' && r.company === undefined)).toBe(true);
    expect(results.map((r) => r.errors)).toEqual([
      [
        { field: 'name', code: 'required' },
        { field: 'taxId', code: 'required' },
      ],
      [{ field: 'taxId', code: 'tax_id_checksum' }],
      [{ field: 'taxId', code: 'tax_id_format' }],
      [{ field: 'country', code: 'country_unsupported' }],
    ]);
  });

  it('imports a company whose optional cells are doubtful, leaving them out with a warning', () => {
    const results = validateRows(
      [
        ['C', 'PL', '5260250274', 'not-an-email', '123', '', ''],
        ['E', 'PL', '7773145129', 'Anna.Nowak@Firma.PL; ksiegowosc@firma.pl', '600 100 200', 'Jan'.repeat(70), ''],
        ['F', 'PL', '7122900004', 'a@firma.pl, zly adres, b@firma.pl / A@FIRMA.PL', '', '', ''],
      ],
      mapping,
      options,
    );
    expect(results.map((r) => [r.action, r.errors])).toEqual([
      ['create', []],
      ['create', []],
      ['create', []],
    ]);
    expect(results[0]!.company).toEqual({ name: 'C', country: 'PL', taxId: '5260250274', access: 'full' });
    expect(results[0]!.warnings).toEqual([
      { field: 'email', code: 'email_invalid' },
      { field: 'phone', code: 'phone_invalid' },
    ]);
    // The first address is the company's (an invitation goes there), the others are kept as secondary; the local part as written.
    expect(results[1]!.company).toMatchObject({
      email: 'Anna.Nowak@firma.pl',
      otherEmails: ['ksiegowosc@firma.pl'],
      phone: '+48600100200',
    });
    expect(results[1]!.company).not.toHaveProperty('representative');
    expect(results[1]!.warnings).toEqual([
      { field: 'email', code: 'email_secondary' },
      { field: 'representative', code: 'too_long' },
    ]);
    expect(results[2]!.company).toMatchObject({ email: 'a@firma.pl', otherEmails: ['b@firma.pl'] });
    expect(results[2]!.warnings).toEqual([
      { field: 'email', code: 'email_invalid' },
      { field: 'email', code: 'email_secondary' },
    ]);
  });

  it('puts back the leading zeros a number cell dropped, where the check digits then agree', () => {
    const reduced = { ...mapping, email: null, phone: null, representative: null, access: null };
    const siren = `0${'1234567'}${luhnDigit('01234567')}`;
    const results = validateRows(
      [
        ['Janssens', 'BE', '358121525'],
        ['Dupont', 'FR', siren.slice(1)],
        ['Nul', 'FR', `1234567${(Number(luhnDigit('01234567')) + 1) % 10}`],
      ],
      reduced,
      options,
    );
    expect(results[0]!.company).toMatchObject({ country: 'BE', taxId: '0358121525' });
    expect(results[1]!.company).toMatchObject({ country: 'FR', taxId: siren });
    expect(results[2]).toMatchObject({ action: 'skip', errors: [{ field: 'taxId', code: 'tax_id_format' }] });
  });

  it('skips a company name longer than the forms take (200 characters)', () => {
    const long = 'Ż'.repeat(201);
    const results = validateRows(
      [
        [long, 'PL', '5260250274'],
        ['Ok', 'PL', '7122900004'],
      ],
      { ...mapping, country: 1, taxId: 2, email: null, phone: null, representative: null, access: null },
      options,
    );
    expect(results[0]).toMatchObject({ action: 'skip', errors: [{ field: 'name', code: 'too_long' }] });
    expect(results[1]!.action).toBe('create');
  });

  it('skips the second occurrence of a tax id in the file, however it is spelled', () => {
    const results = validateRows(
      [
        ['A', '', '5260250274'],
        ['B', 'Polska', 'PL526-025-02-74'],
        ['C', 'RO', '14399840'],
        ['D', 'Roumanie', 'RO 14399840'],
      ],
      { ...mapping, email: null, phone: null, representative: null, access: null },
      options,
    );
    expect(results.map((r) => r.action)).toEqual(['create', 'skip', 'create', 'skip']);
    expect(results[1]!.errors).toEqual([{ field: 'taxId', code: 'duplicate_in_file' }]);
  });

  it('marks companies the office already has as updates, so re-importing a file creates nothing', () => {
    const rows = [
      ['A', '', '5260250274'],
      ['B', 'BE', '403170701'],
      ['C', 'FR', '732829320'],
    ];
    const reduced = { ...mapping, email: null, phone: null, representative: null, access: null };
    const first = validateRows(rows, reduced, options);
    const existingTaxIds = new Set(
      first.flatMap((r) => (r.company ? [`${r.company.country}:${r.company.taxId}`] : [])),
    );
    expect(existingTaxIds).toEqual(new Set(['PL:5260250274', 'BE:0403170701', 'FR:732829320']));
    expect(validateRows(rows, reduced, { ...options, existingTaxIds }).map((r) => r.action)).toEqual([
      'update',
      'update',
      'update',
    ]);
  });

  it('uses the default country, the spreadsheet row numbers, and an unmapped column as empty', () => {
    const [result] = validateRows(
      [['Dupont', '732829320']],
      { name: 0, taxId: 1, country: null, email: null, phone: null, representative: null, access: null },
      {
        defaultCountry: 'FR',
        existingTaxIds: new Set(),
        rowNumbers: [7],
      },
    );
    expect(result).toEqual({
      line: 7,
      action: 'create',
      errors: [],
      warnings: [],
      company: { name: 'Dupont', country: 'FR', taxId: '732829320', access: 'full' },
    });
  });

  it("reads each row's country from its tax id when the file has no country column, where the id leaves no doubt", () => {
    const noCountry = {
      name: 0,
      taxId: 1,
      country: null,
      email: null,
      phone: null,
      representative: null,
      access: null,
    };
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
    expect(results.map((r) => r.company?.taxId)).toEqual([
      '14399840',
      '18547290',
      '5260250274',
      '732829320',
      '0403170701',
      undefined,
      undefined,
    ]);
    // Every valid SIREN is read as French from a Polish office's file, even the one in eleven that also passes as a CUI.
    for (let body = 100_000_000; body < 100_000_400; body++) {
      const siren = String(body).slice(0, 8) + luhnDigit(String(body).slice(0, 8));
      if (validateTaxId('FR', siren).ok && !validateTaxId('BE', siren).ok)
        expect(inferCountry(siren, 'PL'), siren).toBe('FR');
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
    expect(results[3]!.company).toEqual({
      name: 'Atelier Vélo',
      country: 'FR',
      taxId: '404833048',
      siret: '40483304800014',
      access: 'full',
    });
  });

  it('marks a SIRET or VAT row as an update of the company the office holds by its SIREN', () => {
    const reduced = { ...mapping, email: null, phone: null, representative: null, access: null };
    const existingTaxIds = new Set(['FR:552032534', 'FR:404833048']);
    const results = validateRows(
      [
        ['Fromagerie', 'FR', '55203253400018'],
        ['Atelier Vélo', 'FR', 'FR83404833048'],
      ],
      reduced,
      { ...options, existingTaxIds },
    );
    expect(results.map((r) => [r.action, r.company?.taxId])).toEqual([
      ['update', '552032534'],
      ['update', '404833048'],
    ]);
  });
});

describe('checkUnpackedSize: zip bombs', () => {
  it('refuses a workbook whose entries unpack beyond the limit, even when the central directory understates their sizes', async () => {
    const { checkUnpackedSize } = await import('./import.read.js');
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Klienci');
    for (let i = 0; i < 2000; i++) sheet.addRow([`Firma ${i}`, '5260250274', 'biuro@example.pl']);
    const honest = Buffer.from(await workbook.xlsx.writeBuffer());
    expect(() => checkUnpackedSize(honest)).not.toThrow();
    expect(() => checkUnpackedSize(honest, 10_000)).toThrow(expect.objectContaining({ reason: 'too_large' }));
    // Every size the central directory declares set to 1 byte: only inflating tells the truth, and it stops at the limit.
    const lying = Buffer.from(honest);
    for (
      let i = lying.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
      i >= 0;
      i = lying.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]), i + 4)
    )
      lying.writeUInt32LE(1, i + 24);
    expect(() => checkUnpackedSize(lying, 10_000)).toThrow(expect.objectContaining({ reason: 'too_large' }));
    await expect(readSpreadsheet(honest, 'a.xlsx')).resolves.toMatchObject({ rowNumbers: expect.any(Array) });
  });
});
