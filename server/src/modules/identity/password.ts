// Password hashing (argon2id, OWASP parameters) and the password rules shared with the web app.
import { hash, verify } from '@node-rs/argon2';
import {
  checkPassword,
  PASSWORD_MAX_LENGTH as PASSWORD_MAX,
  PASSWORD_MIN_LENGTH as PASSWORD_MIN,
} from '@bureau/common/validation';
import { invalid } from '../../http/app-error.js';

// algorithm 2 is Argon2id (the package's const enum cannot be imported under isolatedModules).
const options = { algorithm: 2, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export const hashPassword = (password: string): Promise<string> => hash(password, options);

let dummyHash: Promise<string> | undefined;

/**
 * Verifies a password against a hash; with no hash (unknown account) it verifies against a dummy
 * so that an unknown e-mail takes as long as a wrong password.
 */
export async function verifyPassword(passwordHash: string | null | undefined, password: string): Promise<boolean> {
  if (!passwordHash) {
    dummyHash ??= hashPassword('dummy password that never matches anything');
    await verify(await dummyHash, password).catch(() => false);
    return false;
  }
  return verify(passwordHash, password).catch(() => false);
}

/** Refuses weak passwords with a field error on `field`. */
export function assertStrongPassword(
  password: string,
  context: { email?: string; name?: string },
  field = 'password',
): void {
  const result = checkPassword(password, context);
  if (result.ok) return;
  const code = {
    too_short: 'password_too_short',
    too_long: 'password_too_long',
    common: 'password_common',
    contains_personal: 'password_contains_personal',
  } as const;
  throw invalid({ [field]: { code: code[result.reason], params: { min: PASSWORD_MIN, max: PASSWORD_MAX } } });
}
