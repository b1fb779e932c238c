import { describe, expect, it } from 'vitest';
import { commaBelow, writtenCase } from './romanian-text.js';

describe('Romanian text as people write it', () => {
  it('writes capitals in the casing of names, keeping abbreviations, block letters and Roman numerals readable', () => {
    expect(writtenCase('MUNICIPIUL BUCUREŞTI')).toBe('Municipiul București');
    expect(writtenCase('BL. A1, SC. 2, ET. 3, AP. 12')).toBe('Bl. A1, Sc. 2, Et. 3, Ap. 12');
    expect(writtenCase('STR. 1 DECEMBRIE 1918')).toBe('Str. 1 Decembrie 1918');
    expect(writtenCase('CALEA DUDEŞTI DE LA VALE')).toBe('Calea Dudești de la Vale');
    expect(writtenCase('MUN. CLUJ-NAPOCA')).toBe('Mun. Cluj-Napoca');
    expect(writtenCase('STR. REGELE CAROL II, NR. 7A')).toBe('Str. Regele Carol II, nr. 7A');
    expect(writtenCase('SC. B')).toBe('Sc. B');
  });

  it('keeps text someone already wrote in mixed case, only mending its letters', () => {
    expect(writtenCase('Sector 1 Mun. Bucureşti')).toBe('Sector 1 Mun. București');
    expect(writtenCase('Str. Avram Iancu')).toBe('Str. Avram Iancu');
    expect(commaBelow('ŞTEFAN ŢEPEŞ, şoseaua ţării')).toBe('ȘTEFAN ȚEPEȘ, șoseaua țării');
  });
});
