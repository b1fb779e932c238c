import { attachmentTypes } from '@bureau/common';
import { describe, expect, it } from 'vitest';
import { FILE_NAME_MAX_BYTES, safeFileName, storedFileName } from './file-name.js';

const pdf = attachmentTypes.find((t) => t.mime === 'application/pdf')!;
const bytes = (s: string) => Buffer.byteLength(s, 'utf8');

describe('file names safe on every operating system', () => {
  it('keeps letters with diacritics, spaces, brackets and the extension', () => {
    for (const name of [
      'Wyciąg bankowy (marzec 2026).pdf',
      'Factură fiscală ș ț ă î â.pdf',
      'Relevé d’identité — été.pdf',
      'Счёт №5.xlsx',
    ]) {
      expect(safeFileName(name), name).toBe(name);
    }
    expect(safeFileName('Wycia\u0328g.pdf')).toBe('Wyciąg.pdf');
    expect(safeFileName('SKAN 01.PDF')).toBe('SKAN 01.PDF');
    expect(safeFileName(`${'ą'.repeat(170)}.JPEG`)).toBe(`${'ą'.repeat(125)}.JPEG`);
  });

  it('replaces the characters Windows forbids and drops folders, controls, bidi and zero-width characters', () => {
    expect(safeFileName('a<b>c:d"e|f?g*h.pdf')).toBe('a_b_c_d_e_f_g_h.pdf');
    expect(safeFileName('C:\\Users\\jan\\..\\faktura.pdf')).toBe('faktura.pdf');
    expect(safeFileName('../../etc/passwd')).toBe('passwd');
    expect(safeFileName('faktura\u2028marzec\u2029.pdf')).toBe('faktura marzec.pdf');
    expect(safeFileName('fak\u0000tu\u0007ra\r\n.pdf')).toBe('faktura.pdf');
    expect(safeFileName('invoice\u202egnp.exe.pdf')).toBe('invoicegnp.exe.pdf');
    expect(safeFileName('zero\u200bwidth\ufeff.pdf')).toBe('zerowidth.pdf');
    expect(safeFileName('  dużo   spacji\u00a0\u00a0.pdf')).toBe('dużo spacji .pdf'.replace(' .', '.'));
  });

  it('never ends a name with a dot or a space, nor starts it with a dot', () => {
    expect(safeFileName('faktura.pdf. . ')).toBe('faktura.pdf');
    expect(safeFileName('...ukryty.pdf')).toBe('ukryty.pdf');
  });

  it('avoids Windows device names, with or without an extension, in any case', () => {
    for (const name of ['CON', 'con.pdf', 'NUL.txt.pdf', 'aux.pdf', 'COM1.pdf', 'lpt9.pdf', 'LPT¹.pdf', 'CONIN$.pdf']) {
      expect(safeFileName(name), name).toBe(`_${name}`);
    }
    expect(safeFileName('Prn .pdf')).toBe('_Prn.pdf');
    for (const name of ['CONTRACT.pdf', 'console.pdf', 'com10.pdf', 'nullable.pdf'])
      expect(safeFileName(name), name).toBe(name);
  });

  it('shortens a long name to 255 UTF-8 bytes, keeping the extension and every character whole', () => {
    const long = `${'ą'.repeat(170)}.pdf`; // 344 bytes
    expect(bytes(long)).toBe(344);
    const safe = safeFileName(long);
    expect(bytes(safe)).toBeLessThanOrEqual(FILE_NAME_MAX_BYTES);
    expect(safe).toBe(`${'ą'.repeat(125)}.pdf`);
    // A flag is two code points (8 bytes): never cut in half.
    expect(safeFileName(`${'🇵🇱'.repeat(40)}.jpeg`)).toBe(`${'🇵🇱'.repeat(31)}.jpeg`);
    // The stem is cut, then a dot or space left at its end goes too.
    expect(safeFileName(`${'a'.repeat(249)} .x.pdf`)).toBe(`${'a'.repeat(249)}.pdf`);
  });

  it('leaves nothing of a name that is only dots, spaces or invisible characters', () => {
    for (const name of ['', '.', '..', '   ', ' . . ', '\u200b\u202e', '\u0000', '/', 'C:\\'])
      expect(safeFileName(name), JSON.stringify(name)).toBe('');
  });

  it('gives a stored name its type’s extension, within the byte limit', () => {
    expect(storedFileName('skan', pdf)).toBe('skan.pdf');
    expect(storedFileName('skan.pdf', pdf)).toBe('skan.pdf');
    expect(bytes(storedFileName('ż'.repeat(127), pdf))).toBeLessThanOrEqual(FILE_NAME_MAX_BYTES);
    expect(storedFileName('ż'.repeat(127), pdf).endsWith('ż.pdf')).toBe(true);
  });
});
