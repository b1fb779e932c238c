import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { AppError } from './app-error.js';
import { isUuid, parseId } from './ids.js';

describe('ids', () => {
  it('takes a UUID in its canonical form, in either case', () => {
    const id = randomUUID();
    expect(isUuid(id)).toBe(true);
    expect(isUuid(id.toUpperCase())).toBe(true);
    expect(parseId(id)).toBe(id);
  });

  it('answers "not found" for anything PostgreSQL would refuse as a uuid', () => {
    const id = randomUUID();
    // 36 characters of hex digits and dashes, but not a UUID: the database would fail on it.
    const shuffled = `${id.replaceAll('-', '').slice(0, 31)}-----`;
    for (const value of ['', 'nope', id.replaceAll('-', ''), `{${id}}`, `urn:uuid:${id}`, `${id} `, shuffled]) {
      expect(isUuid(value)).toBe(false);
      expect(() => parseId(value)).toThrow(new AppError('not_found'));
    }
    expect(isUuid(42)).toBe(false);
  });
});
