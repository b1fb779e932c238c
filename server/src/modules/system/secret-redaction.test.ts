import { describe, expect, it } from 'vitest';
import { REDACTED, redactSecrets } from './secret-redaction.js';

describe('redactSecrets', () => {
  it('hides the token of every link that lets its holder in, and keeps the rest of the address', () => {
    const token = 'Zk3_q-8sYqTqM1m4J0fBq7oV0b2tXr9nL5wE6cA1dUs';
    for (const path of ['invite', 'set-password', 'reset-password', 'sign-in/link']) {
      const text = `Open https://portal.example/${path}/${token} now`;
      expect(redactSecrets(text)).toBe(`Open https://portal.example/${path}/${REDACTED} now`);
    }
    expect(redactSecrets(`<a href="http://localhost:3000/invite/${token}">Accept</a>`)).toBe(
      `<a href="http://localhost:3000/invite/${REDACTED}">Accept</a>`,
    );
  });

  it('keeps the ids of conversations and companies, which open nothing without signing in', () => {
    const text =
      'See http://localhost:3000/conversations/5b0e8f3c-2a7d-4c8e-9f1a-0b6c7d8e9f00 and /account/notifications';
    expect(redactSecrets(text)).toBe(text);
  });

  it('hides one-time codes and reply addresses', () => {
    expect(redactSecrets('Use this code to sign in:\n\n482913\n\nValid 15 minutes')).toBe(
      `Use this code to sign in:\n\n${REDACTED}\n\nValid 15 minutes`,
    );
    expect(redactSecrets('Your sign-in code: 482913')).toBe(`Your sign-in code: ${REDACTED}`);
    expect(redactSecrets('reply+0123456789abcdef0123456789abcdef@reply.example')).toBe(
      `reply+${REDACTED}@reply.example`,
    );
    expect(redactSecrets('Invoice FV/2026/12 for 1 234,56 PLN, NIP 5260250274')).toBe(
      'Invoice FV/2026/12 for 1 234,56 PLN, NIP 5260250274',
    );
  });
});
