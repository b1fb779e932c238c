// Enumerations shared by the server and the web app.
export const locales = ['en', 'pl', 'ro', 'fr'] as const;
export type Locale = (typeof locales)[number];
export const isLocale = (v: unknown): v is Locale =>
  typeof v === 'string' && (locales as readonly string[]).includes(v);

export const officeCountries = ['PL', 'RO', 'FR', 'BE', 'OTHER'] as const;
export type OfficeCountry = (typeof officeCountries)[number];
/** The time zone dates are written in for an office's people (e-mails, SMS, reports). */
export const officeTimeZone = (country: string): string =>
  ({ PL: 'Europe/Warsaw', RO: 'Europe/Bucharest', FR: 'Europe/Paris', BE: 'Europe/Brussels' })[country] ?? 'UTC';

export const staffRoles = ['owner', 'admin', 'employee'] as const;
export type StaffRole = (typeof staffRoles)[number];

export const specialties = ['accounting', 'payroll', 'invoicing'] as const;
export type Specialty = (typeof specialties)[number];

export const clientAccessLevels = ['full', 'limited'] as const;
export type ClientAccess = (typeof clientAccessLevels)[number];

export const companyStatuses = ['active', 'inactive'] as const;
export type CompanyStatus = (typeof companyStatuses)[number];

/** Every kind of entry in the audit log (the web app translates each). */
export const auditActions = [
  'office.created',
  'office.disabled',
  'office.enabled',
  'office.updated',
  'office.mail_settings_updated',
  'office.mail_settings_removed',
  'staff.created',
  'staff.updated',
  'staff.disabled',
  'company.created',
  'company.updated',
  'company.activated',
  'company.deactivated',
  'company.deleted',
  'company.restored',
  'company.purged',
  'company.assignments_changed',
  'company.registry_checked',
  'company.imported',
  'company_user.added',
  'company_user.access_changed',
  'company_user.removed',
  'auth.sign_in',
  'session.revoked',
  'user.profile_updated',
  'user.password_changed',
  'user.password_set',
  'user.password_reset',
  'user.totp_enabled',
  'user.totp_disabled',
  'api_token.created',
  'api_token.revoked',
  'channel.created',
  'channel.updated',
  'message.edited',
  'message.deleted',
  'conversation.handled',
  'conversation.unhandled',
  'conversation.snoozed',
  'conversation.unsnoozed',
  'conversation.assigned',
  'broadcast.sent',
  'sms.settings_updated',
  'sms.resent',
  'invitation.sent',
  'invitation.resent',
  'invitation.revoked',
  'invitation.accepted',
] as const;
export type AuditAction = (typeof auditActions)[number];

export const auditObjectTypes = [
  'office',
  'user',
  'company',
  'company_user',
  'session',
  'api_token',
  'channel',
  'message',
  'conversation',
  'broadcast',
  'sms',
  'invitation',
  'portfolio_import',
] as const;
export type AuditObjectType = (typeof auditObjectTypes)[number];
