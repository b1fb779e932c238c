import { describe, expect, it } from 'vitest';
import { formatTaxId, frenchVatKey, sirenInSearch, validateTaxId, type CompanyCountry } from './tax-id.js';

// Deterministic PRNG (mulberry32) so the generated cases are the same on every run.
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomDigits(random: () => number, count: number): number[] {
  return Array.from({ length: count }, () => Math.floor(random() * 10));
}

// Reference check-digit computations, written independently of the module under test.
function nipCheck(body: number[]): number {
  const weights = [6, 5, 7, 2, 3, 4, 5, 6, 7];
  return body.reduce((sum, d, i) => sum + d * weights[i]!, 0) % 11; // 10 means "no valid NIP"
}

function cuiRawRemainder(body: number[]): number {
  const key = [7, 5, 3, 2, 1, 7, 5, 3, 2];
  const padded = [...Array<number>(9 - body.length).fill(0), ...body];
  return (padded.reduce((sum, d, i) => sum + d * key[i]!, 0) * 10) % 11; // 0..10, 10 is written as 0
}

function beCheck(first8: number[]): string {
  return String(97 - (Number(first8.join('')) % 97)).padStart(2, '0');
}

function* singleDigitChanges(value: string): Generator<string> {
  for (let i = 0; i < value.length; i++) {
    for (let d = 0; d <= 9; d++) {
      if (String(d) !== value[i]) yield value.slice(0, i) + String(d) + value.slice(i + 1);
    }
  }
}

const isAccepted = (country: CompanyCountry, value: string) => validateTaxId(country, value).ok;

describe('validateTaxId — PL NIP', () => {
  it('accepts the Ministry of Finance NIP in every usual spelling', () => {
    for (const raw of [
      '5260250274',
      '526-025-02-74',
      '526 025 02 74',
      'PL5260250274',
      'pl 526-025-02-74',
      ' PL 5260250274 ',
    ]) {
      expect(validateTaxId('PL', raw)).toEqual({ ok: true, normalized: '5260250274', kind: 'NIP' });
    }
  });

  it('refuses a NIP whose check digit is wrong', () => {
    expect(validateTaxId('PL', '5260250275')).toEqual({ ok: false, reason: 'checksum' });
  });

  it('refuses a NIP whose weighted sum leaves remainder 10, whatever its last digit', () => {
    for (let last = 0; last <= 9; last++) {
      expect(validateTaxId('PL', `123456789${last}`)).toEqual({ ok: false, reason: 'checksum' });
    }
  });

  it('refuses anything that is not 10 digits', () => {
    for (const raw of [
      '',
      '526025027',
      '52602502741',
      '52602502a4',
      'DE5260250274',
      '526.025.02.74',
      'PLPL5260250274',
    ]) {
      expect(validateTaxId('PL', raw)).toEqual({ ok: false, reason: 'format' });
    }
  });

  it('accepts every generated NIP and refuses every single-digit change of it', () => {
    const random = seededRandom(2024);
    let generated = 0;
    while (generated < 300) {
      const body = randomDigits(random, 9);
      const check = nipCheck(body);
      if (check === 10) continue;
      generated++;
      const nip = body.join('') + String(check);
      expect(validateTaxId('PL', nip)).toEqual({ ok: true, normalized: nip, kind: 'NIP' });
      // Weights are non-zero mod 11 (a prime), so any one-digit change moves the sum.
      for (const changed of singleDigitChanges(nip)) expect(isAccepted('PL', changed)).toBe(false);
    }
  });
});

describe('validateTaxId — RO CUI', () => {
  it('accepts real CUIs, with or without the RO (VAT payer) prefix, and drops the prefix', () => {
    expect(validateTaxId('RO', '18547290')).toEqual({ ok: true, normalized: '18547290', kind: 'CUI' });
    expect(validateTaxId('RO', 'RO14399840')).toEqual({ ok: true, normalized: '14399840', kind: 'CUI' });
    expect(validateTaxId('RO', 'ro 14399840')).toEqual({ ok: true, normalized: '14399840', kind: 'CUI' });
    expect(validateTaxId('RO', '14399840')).toEqual({ ok: true, normalized: '14399840', kind: 'CUI' });
  });

  it('reads the prefix however offices write it — RO-, R.O., ro, spaces — and stores the bare CUI', () => {
    for (const raw of [
      'RO-37058141',
      'R.O. 37058141',
      'r.o.37058141',
      'RO - 37058141',
      ' ro 37058141 ',
      '37 058 141',
    ]) {
      expect(validateTaxId('RO', raw), raw).toEqual({ ok: true, normalized: '37058141', kind: 'CUI' });
    }
    expect(validateTaxId('RO', 'R.O. 6066357')).toEqual({ ok: true, normalized: '6066357', kind: 'CUI' });
    // A prefix is no licence for anything else: another country's, or letters in the number.
    for (const raw of ['RO-PL37058141', 'RO-3705814A', 'RO/37058141'])
      expect(validateTaxId('RO', raw), raw).toEqual({ ok: false, reason: 'format' });
  });

  it('refuses a CUI whose control digit is wrong', () => {
    expect(validateTaxId('RO', '18547291')).toEqual({ ok: false, reason: 'checksum' });
    expect(validateTaxId('RO', 'RO14399841')).toEqual({ ok: false, reason: 'checksum' });
  });

  it('refuses CUIs shorter than 2 or longer than 10 digits, with letters, or with leading zeros', () => {
    for (const raw of ['', '1', 'RO1', '12345678901', '1854729O', '018547290', 'RO', 'PL18547290']) {
      expect(validateTaxId('RO', raw)).toEqual({ ok: false, reason: 'format' });
    }
  });

  it('accepts the shortest CUIs (one digit plus control digit)', () => {
    // body 1 → padded 000000001 → 1×2 = 2 → 20 mod 11 = 9
    expect(validateTaxId('RO', '19')).toEqual({ ok: true, normalized: '19', kind: 'CUI' });
    expect(validateTaxId('RO', '18')).toEqual({ ok: false, reason: 'checksum' });
  });

  it('accepts every generated CUI and refuses every single-digit change when its control digit is not 0', () => {
    const random = seededRandom(7);
    let undetected = 0;
    for (let n = 0; n < 400; n++) {
      const length = 2 + Math.floor(random() * 9);
      const body = [1 + Math.floor(random() * 9), ...randomDigits(random, length - 2)];
      const raw = cuiRawRemainder(body);
      const cui = body.join('') + String(raw % 10);
      expect(validateTaxId('RO', cui)).toEqual({ ok: true, normalized: cui, kind: 'CUI' });

      for (const changed of singleDigitChanges(cui)) {
        if (!isAccepted('RO', changed)) continue;
        // The key digits are non-zero mod 11, so a change always moves the remainder; it can only go
        // unnoticed when the remainder swaps between 0 and 10, which are both written as control digit 0.
        expect(cui.at(-1)).toBe('0');
        const changedRaw = cuiRawRemainder([...changed.slice(0, -1)].map(Number));
        expect(new Set([raw, changedRaw])).toEqual(new Set([0, 10]));
        undetected++;
      }
    }
    // The exception is real (so this test would notice a validator that refused too much).
    expect(undetected).toBeGreaterThan(0);
  });
});

describe('validateTaxId — BE enterprise number', () => {
  it('accepts a real enterprise number written with dots, spaces, the BE prefix, or in its old 9-digit form', () => {
    for (const raw of ['0403.170.701', '0403 170 701', 'BE0403170701', 'be 0403.170.701', '403170701', '403.170.701']) {
      expect(validateTaxId('BE', raw)).toEqual({ ok: true, normalized: '0403170701', kind: 'ENTERPRISE_NUMBER' });
    }
  });

  it('refuses an enterprise number whose check digits are wrong', () => {
    expect(validateTaxId('BE', '0403.170.702')).toEqual({ ok: false, reason: 'checksum' });
  });

  it('refuses numbers that do not start with 0 or 1, or have the wrong length', () => {
    for (const raw of ['2403170701', '04031707011', '40317070', '0403-170-701', 'BE', 'FR0403170701']) {
      expect(validateTaxId('BE', raw)).toEqual({ ok: false, reason: 'format' });
    }
  });

  it('accepts every generated enterprise number and refuses every single-digit change of it', () => {
    const random = seededRandom(32);
    for (let n = 0; n < 200; n++) {
      const first8 = [Math.floor(random() * 2), ...randomDigits(random, 7)];
      const number = first8.join('') + beCheck(first8);
      expect(validateTaxId('BE', number).ok).toBe(true);
      // 97 is prime and 10 is invertible mod 97, so any one-digit change moves the remainder.
      for (const changed of singleDigitChanges(number)) expect(isAccepted('BE', changed)).toBe(false);
    }
  });
});

describe('validateTaxId — FR SIREN, SIRET and VAT number', () => {
  it('names the company by its SIREN whichever of the three forms is typed, and keeps a typed SIRET', () => {
    expect(validateTaxId('FR', '732 829 320')).toEqual({ ok: true, normalized: '732829320', kind: 'SIREN' });
    expect(validateTaxId('FR', '732 829 320 00074')).toEqual({
      ok: true,
      normalized: '732829320',
      kind: 'SIRET',
      siret: '73282932000074',
    });
    expect(validateTaxId('FR', 'FR44732829320')).toEqual({ ok: true, normalized: '732829320', kind: 'VAT' });
  });

  it('accepts spaces, dots, dashes and a lower-case "fr"', () => {
    for (const raw of ['732.829.320', '732-829-320', ' 732 829 320 '])
      expect(validateTaxId('FR', raw), raw).toEqual({ ok: true, normalized: '732829320', kind: 'SIREN' });
    for (const raw of ['732.829.320.00074', '732-829-320-00074', '73282932000074']) {
      expect(validateTaxId('FR', raw), raw).toEqual({
        ok: true,
        normalized: '732829320',
        kind: 'SIRET',
        siret: '73282932000074',
      });
    }
    for (const raw of ['FR 44 732829320', 'fr44 732 829 320', 'fr-44-732.829.320', 'Fr44732829320']) {
      expect(validateTaxId('FR', raw), raw).toEqual({ ok: true, normalized: '732829320', kind: 'VAT' });
    }
  });

  it('refuses a SIREN or SIRET that fails the Luhn check', () => {
    expect(validateTaxId('FR', '732829321')).toEqual({ ok: false, reason: 'checksum' });
    expect(validateTaxId('FR', '73282932000075')).toEqual({ ok: false, reason: 'checksum' });
  });

  it('refuses a SIRET whose SIREN part is invalid even when the 14 digits pass Luhn', () => {
    // 732829321 fails Luhn; the establishment number is chosen so the whole SIRET passes it.
    expect(validateTaxId('FR', '73282932100007')).toEqual({ ok: false, reason: 'checksum' });
  });

  // INSEE's rule (InseeFrLab/validinsee): Luhn, or for La Poste (SIREN 356000000) a digit sum that is a multiple of 5.
  it('accepts a La Poste SIRET that passes Luhn or whose digits add up to a multiple of 5', () => {
    // The head office: Luhn holds, digit sum 26.
    expect(validateTaxId('FR', '356 000 000 00048')).toEqual({
      ok: true,
      normalized: '356000000',
      kind: 'SIRET',
      siret: '35600000000048',
    });
    // Fails Luhn, digit sum 15; and a real establishment quoted against python-stdnum (digit sum 30).
    expect(validateTaxId('FR', '35600000000001')).toEqual({
      ok: true,
      normalized: '356000000',
      kind: 'SIRET',
      siret: '35600000000001',
    });
    expect(validateTaxId('FR', '356 000 000 09075').ok).toBe(true);
    // Passes Luhn, digit sum 19: valid by the ordinary rule.
    expect(validateTaxId('FR', '35600000000014').ok).toBe(true);
  });

  it('refuses a La Poste SIRET that fails both rules, and the digit-sum rule for any other company', () => {
    // Digit sum 16, fails Luhn.
    expect(validateTaxId('FR', '35600000000002')).toEqual({ ok: false, reason: 'checksum' });
    // 732829320 + 00070: digit sum 40, fails Luhn; the exception is La Poste's alone.
    expect(validateTaxId('FR', '73282932000070')).toEqual({ ok: false, reason: 'checksum' });
  });

  it('refuses an FR VAT number with a wrong key or an invalid SIREN', () => {
    for (const key of ['00', '43', '45', '96', '99'])
      expect(validateTaxId('FR', `FR${key}732829320`), key).toEqual({ ok: false, reason: 'checksum' });
    expect(validateTaxId('FR', 'FR00732829321')).toEqual({ ok: false, reason: 'checksum' });
  });

  it('computes the VAT key as (12 + 3 × (SIREN mod 97)) mod 97', () => {
    expect(frenchVatKey('732829320')).toBe(44);
    expect(frenchVatKey('356000000')).toBe((12 + 3 * (356000000 % 97)) % 97);
    // A key below 10 is written with its leading zero.
    expect(frenchVatKey('732829338')).toBe(1);
    expect(validateTaxId('FR', 'FR01732829338')).toEqual({ ok: true, normalized: '732829338', kind: 'VAT' });
    expect(validateTaxId('FR', 'FR1732829338')).toEqual({ ok: false, reason: 'format' });
  });

  it('refuses other lengths and shapes', () => {
    for (const raw of [
      '',
      '73282932',
      '7328293200',
      '7328293200007',
      'FR4473282932',
      'FRAB732829320',
      'BE44732829320',
      'FR44 73282932000074',
    ]) {
      expect(validateTaxId('FR', raw)).toEqual({ ok: false, reason: 'format' });
    }
  });
});

describe('sirenInSearch', () => {
  it('reads the SIREN from a whole SIREN, SIRET or FR VAT number, however written', () => {
    for (const term of ['732829320', '732 829 320 00074', 'fr 44 732 829 320', 'FR44732829320'])
      expect(sirenInSearch(term), term).toBe('732829320');
  });

  it('gives nothing for partial numbers, names or invalid ids', () => {
    for (const term of ['7328', 'Michelin', '73282932000075', 'FR45732829320', 'x'.repeat(100)])
      expect(sirenInSearch(term), term).toBeUndefined();
  });
});

describe('validateTaxId — other countries', () => {
  it('accepts letters, digits, dots, dashes and spaces, and stores them uppercase without spaces', () => {
    expect(validateTaxId('OTHER', ' de 123 456 789 ')).toEqual({ ok: true, normalized: 'DE123456789', kind: 'OTHER' });
    expect(validateTaxId('OTHER', 'CHE-123.456.788')).toEqual({
      ok: true,
      normalized: 'CHE-123.456.788',
      kind: 'OTHER',
    });
  });

  it('refuses values shorter than 2 or longer than 32 characters, punctuation-only values, or other symbols', () => {
    for (const raw of ['', 'A', 'A'.repeat(33), '--', '12/34', 'AB_12', 'NIP:1234', 'Ø123']) {
      expect(validateTaxId('OTHER', raw)).toEqual({ ok: false, reason: 'format' });
    }
  });
});

describe('formatTaxId', () => {
  it('writes a Polish NIP as 3-3-2-2, as Polish invoices do', () => {
    expect(formatTaxId('PL', '9464467178')).toBe('946-446-71-78');
  });

  it('writes a Belgian enterprise number as 4.3.3', () => {
    expect(formatTaxId('BE', '0123456789')).toBe('0123.456.789');
  });

  it('writes a French SIREN in groups of three and a SIRET with its establishment number apart', () => {
    expect(formatTaxId('FR', '732829320')).toBe('732 829 320');
    expect(formatTaxId('FR', '73282932000074')).toBe('732 829 320 00074');
  });

  it('writes a Romanian CUI as its bare digits, without a VAT prefix the stored value cannot vouch for', () => {
    expect(formatTaxId('RO', '14399840')).toBe('14399840');
  });

  it('round-trips: the display form validates back to the same normalized value', () => {
    for (const [country, raw] of [
      ['PL', '5260250274'],
      ['BE', '0403170701'],
      ['FR', '732829320'],
      ['RO', '14399840'],
    ] as const) {
      const result = validateTaxId(country, formatTaxId(country, raw));
      expect(result).toEqual(expect.objectContaining({ ok: true, normalized: raw }));
    }
  });

  it('leaves other countries and values of an unexpected shape as they are', () => {
    expect(formatTaxId('OTHER', 'DE123456789')).toBe('DE123456789');
    expect(formatTaxId('PL', '123')).toBe('123');
    expect(formatTaxId('FR', '12345')).toBe('12345');
  });
});
