// The one place that reads the environment: validated once at start, then frozen.
import path from 'node:path';
import { parseAllowedCidr, type OutboundPolicy } from './net/outbound-guard.js';

export type Config = Readonly<{
  port: number;
  host: string;
  dataDir: string;
  /** Where uploaded files live (content-addressed); DATA_DIR/files unless FILES_DIR says otherwise. */
  filesDir: string;
  /** The largest file a message may carry, in bytes (ATTACHMENT_MAX_MB, 25 by default). */
  attachmentMaxBytes: number;
  databaseUrl: string | undefined;
  publicUrl: string;
  smtpUrl: string | undefined;
  /**
   * The public registries' addresses (tests point them at local servers), their API paths (registries move to new
   * versions: REGISTRY_*_PATH), how long to wait for one, and the spacing of ANAF's requests (it allows one a second).
   */
  registry: Readonly<{
    anafUrl: string;
    anafPath: string;
    anafIntervalMs: number;
    whiteListUrl: string;
    whiteListPath: string;
    viesUrl: string;
    viesPath: string;
    timeoutMs: number;
  }>;
  /** How long an invitation link stays valid. */
  invitationDays: number;
  /** How many jobs of each delivery queue (notify, e-mail, SMS, push) one process runs at once (WORKER_CONCURRENCY, 4). */
  workerConcurrency: number;
  /** JOB_HEARTBEAT_SECONDS (20, at least 10): a running job's heartbeat window; a job whose holder stopped beating longer is retried elsewhere. */
  jobHeartbeatSeconds: number;
  /** Where the reply-by-e-mail SMTP listener listens (INBOUND_SMTP_PORT); undefined: no listener, no Reply-To. */
  inboundSmtpPort: number | undefined;
  inboundSmtpHost: string;
  /** The domain of reply addresses (reply+<token>@…): REPLY_DOMAIN, else the host of PUBLIC_URL. */
  replyDomain: string;
  /** The largest e-mail the listener takes, in bytes (INBOUND_MAX_MB, 25 by default). */
  inboundMaxBytes: number;
  /** SMTP_CA_FILE: a PEM file of extra certificate authorities trusted for SMTP servers (an office's own CA). */
  smtpCaFile: string | undefined;
  /** BUREAU_SECRET_KEY: seals office secrets (SMTP password, SMS token); else a key kept in the data folder. */
  secretKey: string | undefined;
  mailFrom: string;
  instanceName: string;
  /**
   * OUTBOUND_ALLOW_PRIVATE: where connections an office or a person chooses (office SMTP, SMS provider,
   * push services) may go beyond public addresses: `true` anywhere (tests, with their local servers), or
   * a list of networks; by default nowhere local or private.
   */
  outbound: OutboundPolicy;
  /** The SMS providers' API addresses (SMS_SMSAPI_URL, SMS_TWILIO_URL): the providers' own unless the operator says otherwise. */
  sms: Readonly<{ smsapiUrl: string; twilioUrl: string }>;
  logLevel: string;
  trustProxy: boolean;
  sessionTtlHours: number;
  webDistDir: string;
  isProduction: boolean;
}>;

export class ConfigError extends Error {}

function intVar(env: NodeJS.ProcessEnv, name: string, fallback: number, min = 0, max = 65535): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max)
    throw new ConfigError(`${name} must be an integer between ${min} and ${max} (got "${raw}")`);
  return n;
}

function urlVar(env: NodeJS.ProcessEnv, name: string, protocols: string[]): string | undefined {
  const raw = env[name];
  if (!raw) return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(`${name} is not a valid URL`);
  }
  if (!protocols.includes(url.protocol)) throw new ConfigError(`${name} must start with ${protocols.join(' or ')}`);
  return raw;
}

/** An API path on a registry's host: starts with "/", no query, no spaces; `placeholder` (e.g. {nip}) when the path needs one. */
function pathVar(env: NodeJS.ProcessEnv, name: string, fallback: string, placeholder?: string): string {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  if (!/^\/[A-Za-z0-9/_.{}~-]*$/.test(raw))
    throw new ConfigError(`${name} must be a path starting with / (got "${raw}")`);
  if (placeholder && !raw.includes(placeholder))
    throw new ConfigError(`${name} must contain ${placeholder} (got "${raw}")`);
  return raw.replace(/\/+$/, '') || '/';
}

function outboundVar(env: NodeJS.ProcessEnv): OutboundPolicy {
  const raw = env.OUTBOUND_ALLOW_PRIVATE?.trim() ?? '';
  if (raw === '' || raw === 'false' || raw === '0') return Object.freeze({ allowAll: false, allowCidrs: [] });
  if (raw === 'true' || raw === '1') return Object.freeze({ allowAll: true, allowCidrs: [] });
  const cidrs = raw
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);
  for (const cidr of cidrs) {
    try {
      parseAllowedCidr(cidr);
    } catch {
      throw new ConfigError(
        `OUTBOUND_ALLOW_PRIVATE must be true, false or a comma-separated list of networks like 10.20.0.0/16 (got "${cidr}")`,
      );
    }
  }
  return Object.freeze({ allowAll: false, allowCidrs: Object.freeze(cidrs) });
}

function replyDomainVar(env: NodeJS.ProcessEnv, publicUrl: string): string {
  const raw = env.REPLY_DOMAIN?.trim().toLowerCase();
  if (!raw) return new URL(publicUrl).hostname.toLowerCase();
  if (!/^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/.test(raw))
    throw new ConfigError(`REPLY_DOMAIN must be a domain name (got "${raw}")`);
  return raw;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = intVar(env, 'PORT', 3000, 0);
  const publicUrl = (urlVar(env, 'PUBLIC_URL', ['http:', 'https:']) ?? `http://localhost:${port}`).replace(/\/$/, '');
  const logLevel = env.LOG_LEVEL ?? 'info';
  if (!['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].includes(logLevel)) {
    throw new ConfigError('LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent');
  }
  const dataDir = path.resolve(env.DATA_DIR ?? 'data');
  return Object.freeze({
    port,
    host: env.HOST ?? '0.0.0.0',
    dataDir,
    filesDir: path.resolve(env.FILES_DIR ?? path.join(dataDir, 'files')),
    attachmentMaxBytes: intVar(env, 'ATTACHMENT_MAX_MB', 25, 1, 2048) * 1024 * 1024,
    databaseUrl: urlVar(env, 'DATABASE_URL', ['postgres:', 'postgresql:']),
    publicUrl,
    smtpUrl: urlVar(env, 'SMTP_URL', ['smtp:', 'smtps:']),
    workerConcurrency: intVar(env, 'WORKER_CONCURRENCY', 4, 1, 64),
    // pg-boss refuses heartbeats under 10 s; over 5 min a crashed import would wait as long as before.
    jobHeartbeatSeconds: intVar(env, 'JOB_HEARTBEAT_SECONDS', 20, 10, 300),
    registry: Object.freeze({
      anafUrl: (urlVar(env, 'REGISTRY_ANAF_URL', ['http:', 'https:']) ?? 'https://webservicesp.anaf.ro').replace(
        /\/$/,
        '',
      ),
      anafPath: pathVar(env, 'REGISTRY_ANAF_PATH', '/api/PlatitorTvaRest/v9/tva'),
      // ANAF's rule is one request a second; lower only for a local stand-in (tests), never for ANAF itself.
      anafIntervalMs: intVar(env, 'REGISTRY_ANAF_INTERVAL_MS', 1000, 0, 60_000),
      whiteListUrl: (urlVar(env, 'REGISTRY_WHITELIST_URL', ['http:', 'https:']) ?? 'https://wl-api.mf.gov.pl').replace(
        /\/$/,
        '',
      ),
      whiteListPath: pathVar(env, 'REGISTRY_WHITELIST_PATH', '/api/search/nip/{nip}', '{nip}'),
      viesUrl: (
        urlVar(env, 'REGISTRY_VIES_URL', ['http:', 'https:']) ?? 'https://ec.europa.eu/taxation_customs/vies/rest-api'
      ).replace(/\/$/, ''),
      viesPath: pathVar(env, 'REGISTRY_VIES_PATH', '/check-vat-number'),
      timeoutMs: intVar(env, 'REGISTRY_TIMEOUT_MS', 8000, 100, 60_000),
    }),
    invitationDays: intVar(env, 'INVITATION_DAYS', 15, 1, 365),
    inboundSmtpPort: env.INBOUND_SMTP_PORT ? intVar(env, 'INBOUND_SMTP_PORT', 0) : undefined,
    inboundSmtpHost: env.INBOUND_SMTP_HOST || '0.0.0.0',
    replyDomain: replyDomainVar(env, publicUrl),
    inboundMaxBytes: intVar(env, 'INBOUND_MAX_MB', 25, 1, 2048) * 1024 * 1024,
    smtpCaFile: env.SMTP_CA_FILE ? path.resolve(env.SMTP_CA_FILE) : undefined,
    secretKey: env.BUREAU_SECRET_KEY || undefined,
    /** The name account e-mails (reset, sign-in code…) go out under: the instance's, never an office's. */
    instanceName: (env.INSTANCE_NAME ?? '').trim().slice(0, 100) || 'Bureau',
    mailFrom: env.MAIL_FROM ?? `Bureau <no-reply@${new URL(publicUrl).hostname}>`,
    outbound: outboundVar(env),
    sms: Object.freeze({
      smsapiUrl: (urlVar(env, 'SMS_SMSAPI_URL', ['http:', 'https:']) ?? 'https://api.smsapi.pl').replace(/\/+$/, ''),
      twilioUrl: (urlVar(env, 'SMS_TWILIO_URL', ['http:', 'https:']) ?? 'https://api.twilio.com').replace(/\/+$/, ''),
    }),
    logLevel,
    trustProxy: env.TRUST_PROXY === 'true' || env.TRUST_PROXY === '1',
    sessionTtlHours: intVar(env, 'SESSION_TTL_HOURS', 24 * 14, 1, 24 * 365),
    webDistDir: path.resolve(env.WEB_DIST_DIR ?? path.join(import.meta.dirname, '../../web/dist')),
    isProduction: env.NODE_ENV === 'production',
  });
}
