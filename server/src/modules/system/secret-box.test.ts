import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { SecretBox, SecretKeyError } from './secret-box.js';

describe('SecretBox', () => {
  it('seals so that the text is unreadable, and opens it again', () => {
    const box = SecretBox.fromKey(randomBytes(32).toString('base64'));
    const sealed = box.seal('hasło-SMTP ✓');
    expect(sealed).not.toContain('hasło');
    expect(box.seal('hasło-SMTP ✓')).not.toBe(sealed);
    expect(box.open(sealed)).toBe('hasło-SMTP ✓');
  });

  it('refuses a secret sealed under another key or altered', () => {
    const box = SecretBox.fromKey(randomBytes(32).toString('hex'));
    const other = SecretBox.fromKey(randomBytes(32).toString('base64'));
    const sealed = box.seal('secret');
    expect(() => other.open(sealed)).toThrow(SecretKeyError);
    const parts = sealed.split(':');
    parts[3] = Buffer.from('Xecret').toString('base64url');
    expect(() => box.open(parts.join(':'))).toThrow(SecretKeyError);
    expect(() => box.open('plain text')).toThrow(SecretKeyError);
  });

  it('refuses a key of the wrong length', () => {
    expect(() => SecretBox.fromKey('c2hvcnQ=')).toThrow(/32 bytes/);
  });

  it('generates a key into the data folder once, readable by the owner only, and reuses it', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'bureau-key-'));
    const first = SecretBox.load(undefined, dir);
    const file = path.join(dir, 'secret.key');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const key = readFileSync(file, 'utf8');
    const second = SecretBox.load(undefined, dir);
    expect(readFileSync(file, 'utf8')).toBe(key);
    expect(second.open(first.seal('x'))).toBe('x');
  });

  it('prefers the key from the environment', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'bureau-key-'));
    const key = randomBytes(32).toString('base64');
    const box = SecretBox.load(key, dir);
    expect(SecretBox.fromKey(key).open(box.seal('y'))).toBe('y');
  });
});
