// Onboarding contracts shared by the server and the web app: invitations, the office portfolio and portfolio imports.
import type { ClientAccess } from './domain.js';

export type InvitationStatus = 'sent' | 'opened' | 'accepted' | 'expired' | 'revoked';
export const invitationStatuses: readonly InvitationStatus[] = ['sent', 'opened', 'accepted', 'expired', 'revoked'];

/** An invitation as its company's managers see it (staff, or the company's full-access users for colleagues). */
export type InvitationView = {
  id: string;
  companyId: string;
  companyName: string;
  email: string;
  name: string;
  phone: string | null;
  access: ClientAccess;
  status: InvitationStatus;
  sendCount: number;
  createdAt: string;
  lastSentAt: string;
  expiresAt: string;
  openedAt: string | null;
  acceptedAt: string | null;
  revokedAt: string | null;
  invitedByName: string | null;
};

/** An invitation to join the office's staff, as the office's admins see it. */
export type StaffInvitationView = {
  id: string;
  email: string;
  name: string;
  role: 'owner' | 'admin' | 'employee';
  specialties: string[];
  status: InvitationStatus;
  sendCount: number;
  createdAt: string;
  lastSentAt: string;
  expiresAt: string;
  acceptedAt: string | null;
  revokedAt: string | null;
  invitedByName: string | null;
};

/** A client company named by its tax id when invited: found among the office's, or created with the name (from the registry). */
export type InvitedCompany = {
  country: 'PL' | 'RO' | 'FR' | 'BE';
  taxId: string;
  name: string;
  address?: { line1: string; postalCode: string; city: string; region?: string; country: string };
};

/** Either `companyId` (a company of the office) or `company` (by tax id: a new client brought in with the invitation). */
export type NewInvitation = {
  companyId?: string;
  company?: InvitedCompany;
  email: string;
  name: string;
  phone?: string;
  access: ClientAccess;
  locale?: 'en' | 'pl' | 'ro' | 'fr';
};

/** What the person following an invitation link sees before accepting. */
export type InvitationPreview = {
  officeName: string;
  /** A client invitation names its company; a staff invitation has none (and a role instead of an access level). */
  companyName: string | null;
  companyTaxId: string | null;
  companyCountry: string | null;
  email: string;
  name: string;
  access: ClientAccess | null;
  role: 'owner' | 'admin' | 'employee' | null;
  expiresAt: string;
  locale: string;
  /** An account with this e-mail exists: the page asks for its password instead of creating one. */
  accountExists: boolean;
  /** That account has no password (it signs in by e-mailed code): the person signs in first and accepts signed in. */
  signInRequired: boolean;
  /** It asks for a two-factor code too. */
  twoFactor: boolean;
};

/** Accepting from the link: a new account (name + password) or the existing account's password (+ code). */
export type AcceptInvitation = {
  name?: string;
  password: string;
  totpCode?: string;
  locale?: 'en' | 'pl' | 'ro' | 'fr';
};

/** An invitation waiting for the signed-in person (same e-mail, same office): accepted from the notification centre. */
export type MyInvitation = {
  id: string;
  companyId: string;
  companyName: string;
  access: ClientAccess;
  expiresAt: string;
  invitedByName: string | null;
};

/**
 * How a company stands with the office: collaborating (a client user accepted), invited (an invitation waits for them),
 * pending (an invitation expired or was revoked and nobody accepted: the office should invite again), own (never invited,
 * no client users — the office keeps it alone).
 */
export type PortfolioGroup = 'own' | 'collaborating' | 'invited' | 'pending';
export const portfolioGroups: readonly PortfolioGroup[] = ['collaborating', 'invited', 'pending', 'own'];

export type PortfolioCompany = {
  id: string;
  name: string;
  country: string;
  taxId: string;
  status: 'active' | 'inactive';
  group: PortfolioGroup;
  clientUsers: number;
  /** The latest invitation, if any. */
  invitation: { id: string; email: string; status: InvitationStatus; expiresAt: string; lastSentAt: string } | null;
};

export type PortfolioPage = {
  counts: Record<PortfolioGroup, number>;
  items: PortfolioCompany[];
  nextCursor: string | null;
};

// ——— Portfolio import ———

export const importFieldNames = ['name', 'country', 'taxId', 'email', 'phone', 'representative', 'access'] as const;
export type ImportFieldName = (typeof importFieldNames)[number];
export type ImportColumnMapping = Record<ImportFieldName, number | null>;
export type ImportCountryCode = 'PL' | 'RO' | 'FR' | 'BE';

/** The text encodings a CSV is read in: what Polish, Romanian, French and Belgian programs write. */
export const importEncodings = ['utf-8', 'utf-16le', 'utf-16be', 'windows-1250', 'iso-8859-2', 'windows-1252'] as const;
export type ImportEncoding = (typeof importEncodings)[number];

/** How a file was read: detected, or as the person chose; told back so they can choose otherwise. */
export type ImportReading = {
  format: 'csv' | 'xlsx';
  /** CSV: the encoding its text was read in. */
  encoding: ImportEncoding | null;
  /** The encoding was detected (not chosen). */
  encodingDetected: boolean;
  /** XLSX: every worksheet's name, and the index of the one read. */
  sheets: string[];
  sheet: number;
  /** The line or row of the header (rows above it — titles, group headers — are not data). */
  headerRow: number;
  headerDetected: boolean;
  /** The first rows of the sheet (their first cells), to choose another header from. */
  topRows: { row: number; cells: string[] }[];
  /** Rows under the data left out as totals ("Total: 10 clients"). */
  footers: { row: number; text: string }[];
};

/** Reading the same file another way: another encoding, worksheet or header row (a new sheet detects its header again). */
export type ImportReadingChoice = { encoding?: ImportEncoding; sheet?: number; headerRow?: number };

export type ImportStatus = 'draft' | 'queued' | 'running' | 'done' | 'failed';

export type ImportView = {
  id: string;
  fileName: string;
  headers: string[];
  /** The first rows as read, to check the mapping against. */
  sample: string[][];
  /** How the file was read (null for imports uploaded before Bureau told it). */
  reading: ImportReading | null;
  rowCount: number;
  mapping: ImportColumnMapping;
  defaultCountry: ImportCountryCode;
  invite: boolean;
  status: ImportStatus;
  processed: number;
  created: number;
  updated: number;
  unchanged: number;
  skipped: number;
  invited: number;
  createdAt: string;
  finishedAt: string | null;
};

export type ImportSettings = { mapping: ImportColumnMapping; defaultCountry: ImportCountryCode; invite: boolean };

export type ImportRowAction = 'create' | 'update' | 'unchanged' | 'skip';

export type DryRunRow = {
  line: number;
  action: ImportRowAction;
  name: string;
  country: string;
  taxId: string;
  email: string;
  /** What an update changes (field names), empty otherwise. */
  changes: string[];
  /** Error codes per field; their text is web.json `import.errors.<code>`. */
  errors: { field: ImportFieldName; code: string }[];
  /** What the row is imported without (a phone that is no number, a second e-mail kept as secondary): web.json `import.warnings.<code>`. */
  warnings: { field: ImportFieldName; code: string }[];
  /** An invitation would be sent for this row. */
  invite: boolean;
};

export type DryRun = {
  import: ImportView;
  summary: Record<ImportRowAction, number> & { invite: number; warn: number };
  /** Rows to skip first, then the rest in file order; at most 1,000. */
  rows: DryRunRow[];
};
