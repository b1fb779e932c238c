// Finding or creating the person behind an e-mail when an office adds staff or client users.
import { randomUUID } from 'node:crypto';
import type { Locale } from '@bureau/common';
import { isValidEmail, normalizeEmail } from '@bureau/common/validation';
import type { Tx } from '../../db/database.js';
import { invalid } from '../../http/app-error.js';
import { findUser, insertUser, userIdByEmail } from '../identity/identity.repository.js';
import { personName } from '../identity/person-name.js';

/** The person with this e-mail, created without a password if new (they set one from an e-mail link); `name` as cleaned. */
export async function ensurePerson(tx: Tx, input: { email: string; name: string; locale: Locale }) {
  const email = normalizeEmail(input.email);
  if (!isValidEmail(email)) throw invalid({ email: { code: 'email_invalid' } });
  const name = personName(input.name);
  const existing = await userIdByEmail(tx, email);
  if (existing) return { userId: existing, email, name, created: false };
  const userId = randomUUID();
  await insertUser(tx, { id: userId, email, name, locale: input.locale });
  return { userId, email, name, created: true };
}

export async function hasPassword(tx: Tx, userId: string): Promise<boolean> {
  return !!(await findUser(tx, userId))?.passwordHash;
}
