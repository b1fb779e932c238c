import { describe, expect, it } from 'vitest';
import { checkPassword, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from './password.js';

describe('checkPassword', () => {
  it('accepts a long password that is neither common nor personal', () => {
    expect(checkPassword('correct horse battery staple')).toEqual({ ok: true });
    expect(checkPassword('Tr0ub4dor&3-ledger')).toEqual({ ok: true });
  });

  it(`needs at least ${PASSWORD_MIN_LENGTH} characters, counted as code points`, () => {
    expect(checkPassword('k7#Qm2!xZ')).toEqual({ ok: false, reason: 'too_short' });
    expect(checkPassword('k7#Qm2!xZp')).toEqual({ ok: true });
    // Nine emoji are 18 UTF-16 units but only 9 characters.
    expect(checkPassword('🔒'.repeat(9))).toEqual({ ok: false, reason: 'too_short' });
    expect(checkPassword('🔒'.repeat(10))).toEqual({ ok: true });
  });

  it(`allows at most ${PASSWORD_MAX_LENGTH} characters, counted as code points`, () => {
    expect(checkPassword('żółw'.repeat(64))).toEqual({ ok: true });
    expect(checkPassword(`${'żółw'.repeat(64)}x`)).toEqual({ ok: false, reason: 'too_long' });
    // 256 emoji are 512 UTF-16 units and still allowed.
    expect(checkPassword('🔒'.repeat(PASSWORD_MAX_LENGTH))).toEqual({ ok: true });
    expect(checkPassword('🔒'.repeat(PASSWORD_MAX_LENGTH + 1))).toEqual({ ok: false, reason: 'too_long' });
  });

  it('refuses passwords from the breach list, whatever their case', () => {
    for (const password of [
      'password123',
      'Password123',
      'qwertyuiop',
      'QWERTYUIOP',
      '1q2w3e4r5t',
      'iloveyou123',
      'Football123',
    ]) {
      expect(checkPassword(password), password).toEqual({ ok: false, reason: 'common' });
    }
  });

  it('refuses passwords equal to or containing the e-mail local part or one of its words', () => {
    const context = { email: 'jan.kowalski@biuro-rachunkowe.pl' };
    expect(checkPassword('jan.kowalski', context)).toEqual({ ok: false, reason: 'contains_personal' });
    expect(checkPassword('My-Jan.Kowalski-2024', context)).toEqual({ ok: false, reason: 'contains_personal' });
    expect(checkPassword('kowalski!!2024', context)).toEqual({ ok: false, reason: 'contains_personal' });
    // The domain is not personal, and "jan" is too short to refuse.
    expect(checkPassword('rachunkowe jan 77', context)).toEqual({ ok: true });
  });

  it('refuses passwords containing the name, or a word of it of at least 4 letters', () => {
    const context = { name: 'Anna Nowak-Wiśniewska' };
    expect(checkPassword('anna nowak-wiśniewska', context)).toEqual({ ok: false, reason: 'contains_personal' });
    expect(checkPassword('ANNA-likes-tea', context)).toEqual({ ok: false, reason: 'contains_personal' });
    expect(checkPassword('xx-wiśniewska-xx', context)).toEqual({ ok: false, reason: 'contains_personal' });
    expect(checkPassword('annanowak2024', context)).toEqual({ ok: false, reason: 'contains_personal' });
  });

  it('ignores name and e-mail parts shorter than 4 characters', () => {
    expect(checkPassword('jo and li forever', { name: 'Jo Li', email: 'li@example.com' })).toEqual({ ok: true });
  });

  it('checks length before the lists, so a short common password reads as too short', () => {
    expect(checkPassword('password')).toEqual({ ok: false, reason: 'too_short' });
  });

  it('works without context', () => {
    expect(checkPassword('kowalski!!2024')).toEqual({ ok: true });
  });
});
