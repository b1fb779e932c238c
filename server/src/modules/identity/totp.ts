// Time-based one-time passwords (RFC 6238) with replay protection: a code's time step is
// remembered and never accepted twice.
import * as OTPAuth from 'otpauth';

export function newTotpSecret(): string {
  return new OTPAuth.Secret({ size: 20 }).base32;
}

export function totpUri(secret: string, email: string, issuer: string): string {
  return new OTPAuth.TOTP({
    issuer,
    label: email,
    secret: OTPAuth.Secret.fromBase32(secret),
    digits: 6,
    period: 30,
  }).toString();
}

/** The time step of a valid code newer than lastStep, or null. */
export function verifyTotp(secret: string, code: string, lastStep: number | null): number | null {
  if (!/^\d{6}$/.test(code)) return null;
  const totp = new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret), digits: 6, period: 30 });
  const now = Date.now();
  const delta = totp.validate({ token: code, timestamp: now, window: 1 });
  if (delta === null) return null;
  const step = Math.floor(now / 30_000) + delta;
  if (lastStep !== null && step <= lastStep) return null;
  return step;
}
