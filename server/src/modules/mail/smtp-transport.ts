// How Bureau talks to an SMTP server: the nodemailer options for an office's settings, and what a
// failure means — for the admin (a classified, translated error) and for delivery (retry or not).
import { readFileSync } from 'node:fs';
import { isIP, type Socket } from 'node:net';
import nodemailer, { type Transporter } from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport/index.js';
import type { OutboundGuard } from '../../net/outbound-guard.js';

export type SmtpSecurity = 'tls' | 'starttls' | 'none';

/** An office's SMTP server, with the password already opened. */
export type SmtpServer = {
  host: string;
  port: number;
  security: SmtpSecurity;
  username: string | null;
  password: string | null;
};

/** What went wrong, in the words the settings page uses (error codes `mailSettings.<failure>`). */
export type SmtpFailure =
  | 'address_not_allowed'
  | 'connection_refused'
  | 'host_not_found'
  | 'tls_failed'
  | 'auth_failed'
  | 'sender_refused'
  | 'recipient_refused'
  | 'timeout'
  | 'failed';

export type SmtpTimeouts = { connectionMs: number; greetingMs: number; socketMs: number };

/** How to reach an office's server: its own CA, timeouts, a pool, and the outbound guard (an office chooses the host). */
export type SmtpTransportOptions = { ca?: string; timeouts: SmtpTimeouts; pool?: boolean; guard?: OutboundGuard };

/** Delivery jobs wait longer than the settings page's test, which someone is watching. */
export const DELIVERY_TIMEOUTS: SmtpTimeouts = { connectionMs: 30_000, greetingMs: 30_000, socketMs: 60_000 };

/**
 * Certificates are always verified (against the system's authorities and SMTP_CA_FILE's): an office
 * cannot switch verification off, because its password would then go to whoever answers.
 * 'none' means no encryption at all — not even STARTTLS when offered — so that it does what it says.
 */
export function smtpTransportOptions(server: SmtpServer, options: SmtpTransportOptions): SMTPTransport.Options {
  const { guard } = options;
  return {
    host: server.host,
    port: server.port,
    secure: server.security === 'tls',
    requireTLS: server.security === 'starttls',
    ignoreTLS: server.security === 'none',
    auth: server.username ? { user: server.username, pass: server.password ?? '' } : undefined,
    // SNI takes names only (RFC 6066); an address is checked against the certificate's IP entries.
    tls: { ...(!isIP(server.host) && { servername: server.host }), ...(options.ca && { ca: options.ca }) },
    connectionTimeout: options.timeouts.connectionMs,
    greetingTimeout: options.timeouts.greetingMs,
    socketTimeout: options.timeouts.socketMs,
    ...(options.pool && { pool: true, maxConnections: 2, maxMessages: 100 }),
    // nodemailer resolves the name and connects by itself; with the guard, the socket is ours, opened
    // through the guard's lookup (TLS, SNI and the certificate check still go by the host name).
    ...(guard && {
      getSocket: (_options: unknown, callback: (err: Error | null, socketOptions?: { connection: Socket }) => void) => {
        guard.connect(server.host, server.port, options.timeouts.connectionMs).then(
          (connection) => callback(null, { connection }),
          (err: Error) => callback(err),
        );
      },
    }),
  } as SMTPTransport.Options;
}

export function createSmtpTransport(server: SmtpServer, options: SmtpTransportOptions): Transporter {
  return nodemailer.createTransport(smtpTransportOptions(server, options));
}

type SmtpError = { code?: string; responseCode?: number; command?: string; message?: string };

const TLS_TROUBLE = /certificate|self[- ]signed|SSL|TLS|wrong version number|handshake|altnames|unable to verify/i;

export function classifySmtpError(err: unknown): SmtpFailure {
  const { code, responseCode, command = '', message = '' } = (err ?? {}) as SmtpError;
  if (code === 'EOUTBOUND_BLOCKED') return 'address_not_allowed';
  if (code === 'ETIMEDOUT' || /ETIMEDOUT|timed? ?out/i.test(message)) return 'timeout';
  if (code === 'EDNS' || /ENOTFOUND|EAI_AGAIN/.test(message)) return 'host_not_found';
  if (code === 'ETLS' || responseCode === 538 || (code === 'ESOCKET' && TLS_TROUBLE.test(message))) return 'tls_failed';
  if (code === 'EAUTH' || responseCode === 530 || responseCode === 535 || responseCode === 534) return 'auth_failed';
  if (/MAIL FROM/i.test(command)) return 'sender_refused';
  if (/RCPT TO/i.test(command)) return 'recipient_refused';
  if (/ECONNREFUSED|EHOSTUNREACH|ENETUNREACH|ECONNRESET/.test(message) || code === 'ECONNECTION' || code === 'ESOCKET')
    return 'connection_refused';
  return 'failed';
}

/**
 * Whether retrying the same e-mail later cannot help: the server refused the login, the sender or
 * the recipient, or refused the message for good (any 5xx answer). Connection trouble, timeouts and
 * 4xx answers may pass, so the queue retries those with back-off.
 */
export function isPermanentSmtpError(err: unknown): boolean {
  const { code, responseCode } = (err ?? {}) as SmtpError;
  // An address the guard refuses stays refused until the settings (or the operator's) change.
  if (code === 'EOUTBOUND_BLOCKED') return true;
  if (typeof responseCode === 'number') return responseCode >= 500;
  // A login nodemailer could not even try (no mechanism in common, missing credentials) needs new settings.
  return code === 'EAUTH';
}

/** The server's own words, for the admin: one line, without the stack of a TLS library. */
export function smtpErrorDetail(err: unknown): string {
  const message = String((err as SmtpError | undefined)?.message ?? err ?? '');
  return message.split('\n')[0]!.slice(0, 300);
}

/** The extra certificate authorities of SMTP_CA_FILE, read once at start (a missing file stops the start). */
export function readSmtpCa(file: string | undefined): string | undefined {
  if (!file) return undefined;
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw new Error(
      `SMTP_CA_FILE cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}): ${file}`,
    );
  }
}
