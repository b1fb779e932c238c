// Secrets the office gives Bureau (its SMTP password, its SMS provider's token) are stored sealed
// with AES-256-GCM under the instance's key: a copy of the database alone does not reveal them.
// The key comes from BUREAU_SECRET_KEY (32 bytes, base64 or hex); without it, one is generated at
// first start into the data folder and kept there (every instance sharing a database must then be
// given the same key in the environment).
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const VERSION = 'v1';

export class SecretKeyError extends Error {}

function parseKey(raw: string): Buffer {
  const text = raw.trim();
  const key = /^[0-9a-f]{64}$/i.test(text) ? Buffer.from(text, 'hex') : Buffer.from(text, 'base64');
  if (key.length !== 32)
    throw new SecretKeyError('BUREAU_SECRET_KEY must be 32 bytes, written as base64 or as 64 hex digits');
  return key;
}

export class SecretBox {
  private constructor(private readonly key: Buffer) {}

  static fromKey(raw: string): SecretBox {
    return new SecretBox(parseKey(raw));
  }

  /** The environment's key, else the data folder's (created, readable by the owner only, on first use). */
  static load(envKey: string | undefined, dataDir: string): SecretBox {
    if (envKey) return SecretBox.fromKey(envKey);
    const file = path.join(dataDir, 'secret.key');
    try {
      return SecretBox.fromKey(readFileSync(file, 'utf8'));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    mkdirSync(dataDir, { recursive: true });
    const key = randomBytes(32).toString('base64');
    try {
      // 'wx': when two processes start at once, the second reads the first one's key.
      writeFileSync(file, `${key}\n`, { mode: 0o600, flag: 'wx' });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    return SecretBox.fromKey(readFileSync(file, 'utf8'));
  }

  seal(plain: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return [
      VERSION,
      iv.toString('base64url'),
      cipher.getAuthTag().toString('base64url'),
      body.toString('base64url'),
    ].join(':');
  }

  /** Throws when the text was sealed under another key or changed since. */
  open(sealed: string): string {
    const [version, iv, tag, body] = sealed.split(':');
    if (version !== VERSION || !iv || !tag || body === undefined) throw new SecretKeyError('not a sealed secret');
    const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64url'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    try {
      return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
    } catch {
      throw new SecretKeyError(
        'the secret was sealed under another key (is BUREAU_SECRET_KEY the one it was saved with?)',
      );
    }
  }
}
