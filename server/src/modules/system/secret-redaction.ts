// What office screens show of the e-mails and SMS the portal sent: everything but the secrets in them. A link that
// lets its holder in (an invitation, a sign-in or password link, an unsubscribe link) and a reply address
// (reply+<token>@…) belong to their addressee; an admin can send the message again, never use it themselves.

/** A URL path segment of 20+ URL-safe characters that is not a UUID: a token (ours are 43 base64url characters). */
const LINK_TOKEN =
  /(https?:\/\/[^\s"'<>]*?\/)(?![0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}(?![\w-]))[A-Za-z0-9_-]{20,}/gi;
/** A one-time code on its own line (the sign-in code e-mail) or after "code". */
const CODE = /((?:^|\n)\s*|code\W{0,3})\d{6}(?!\d)/gi;
const REPLY_ADDRESS = /reply\+[0-9a-z]{16,}@/gi;

export const REDACTED = '[hidden]';

export function redactSecrets(text: string): string;
export function redactSecrets(text: string | null): string | null;
export function redactSecrets(text: string | null): string | null {
  if (text === null) return null;
  return text
    .replace(LINK_TOKEN, (_, prefix: string) => `${prefix}${REDACTED}`)
    .replace(REPLY_ADDRESS, `reply+${REDACTED}@`)
    .replace(CODE, (_, prefix: string) => `${prefix}${REDACTED}`);
}
