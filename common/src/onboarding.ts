// Onboarding vocabulary shared by the server and the web app: invitations, the office portfolio and portfolio
// imports. The shapes of their requests and answers are the schemas in contracts/ (invitations, portfolio, imports).
import type { Static } from 'typebox';
import type {
  AcceptInvitationBody,
  InvitationPreviewSchema,
  InvitationSchema,
  InvitedCompanyBody,
  MyInvitationSchema,
  NewInvitationBody,
  StaffInvitationSchema,
} from './contracts/invitations.js';
import type { DryRunSchema, ImportReadingBody, ImportSettingsBody, ImportViewSchema } from './contracts/imports.js';
import type { PortfolioCompanySchema, PortfolioPageSchema } from './contracts/portfolio.js';
import type { Wire } from './contracts/base.js';

export type InvitationStatus = 'sent' | 'opened' | 'accepted' | 'expired' | 'revoked';
export const invitationStatuses: readonly InvitationStatus[] = ['sent', 'opened', 'accepted', 'expired', 'revoked'];

/**
 * How a company stands with the office: collaborating (a client user accepted), invited (an invitation waits for them),
 * pending (an invitation expired or was revoked and nobody accepted: the office should invite again), own (never invited,
 * no client users — the office keeps it alone).
 */
export type PortfolioGroup = 'own' | 'collaborating' | 'invited' | 'pending';
export const portfolioGroups: readonly PortfolioGroup[] = ['collaborating', 'invited', 'pending', 'own'];

// ——— Portfolio import ———

export const importFieldNames = ['name', 'country', 'taxId', 'email', 'phone', 'representative', 'access'] as const;
export type ImportFieldName = (typeof importFieldNames)[number];
export type ImportColumnMapping = Record<ImportFieldName, number | null>;
export type ImportCountryCode = 'PL' | 'RO' | 'FR' | 'BE';

/** The text encodings a CSV is read in: what Polish, Romanian, French and Belgian programs write. */
export const importEncodings = ['utf-8', 'utf-16le', 'utf-16be', 'windows-1250', 'iso-8859-2', 'windows-1252'] as const;
export type ImportEncoding = (typeof importEncodings)[number];

export type ImportStatus = 'draft' | 'queued' | 'running' | 'done' | 'failed';

export type ImportRowAction = 'create' | 'update' | 'unchanged' | 'skip';

/** An invitation as its company's managers see it (staff, or the company's full-access users for colleagues). */
export type InvitationView = Static<typeof InvitationSchema>;
/** An invitation to join the office's staff, as the office's admins see it. */
export type StaffInvitationView = Static<typeof StaffInvitationSchema>;
/** A client company named by its tax id when invited: found among the office's, or created with the name (from the registry). */
export type InvitedCompany = Static<typeof InvitedCompanyBody>;
/** Either `companyId` (a company of the office) or `company` (by tax id: a new client brought in with the invitation). */
export type NewInvitation = Static<typeof NewInvitationBody>;
/** What the person following an invitation link sees before accepting. */
export type InvitationPreview = Static<typeof InvitationPreviewSchema>;
/** Accepting from the link: a new account (name + password) or the existing account's password (+ code). */
export type AcceptInvitation = Static<typeof AcceptInvitationBody>;
/** An invitation waiting for the signed-in person (same e-mail, same office): accepted from the notification centre. */
export type MyInvitation = Static<typeof MyInvitationSchema>;

export type PortfolioCompany = Static<typeof PortfolioCompanySchema>;
export type PortfolioPage = Static<typeof PortfolioPageSchema>;

/** How a file was read: detected, or as the person chose; told back so they can choose otherwise. */
export type ImportReading = NonNullable<ImportView['reading']>;
/** Reading the same file another way: another encoding, worksheet or header row (a new sheet detects its header again). */
export type ImportReadingChoice = Static<typeof ImportReadingBody>;
export type ImportView = Wire<Static<typeof ImportViewSchema>>;
export type ImportSettings = Static<typeof ImportSettingsBody>;
export type DryRun = Wire<Static<typeof DryRunSchema>>;
export type DryRunRow = DryRun['rows'][number];
