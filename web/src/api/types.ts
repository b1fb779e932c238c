// Shapes of the HTTP API (docs/API.md). Kept by hand until the server publishes them from common/.

export const LOCALES = ['en', 'pl', 'ro', 'fr'] as const;
export type Locale = (typeof LOCALES)[number];

export const COUNTRIES = ['PL', 'RO', 'FR', 'BE', 'OTHER'] as const;
export type Country = (typeof COUNTRIES)[number];

export const SPECIALTIES = ['accounting', 'payroll', 'invoicing'] as const;
export type Specialty = (typeof SPECIALTIES)[number];

export type StaffRole = 'owner' | 'admin' | 'employee';
export type Access = 'full' | 'limited';
export type CompanyStatus = 'active' | 'inactive';

export type MeContext = {
  officeId: string;
  officeName: string;
  kind: 'staff' | 'client';
  companyId: string | null;
  companyName: string | null;
  companyStatus: string | null;
};

export type MeCan = {
  manageOffice: boolean;
  manageStaff: boolean;
  manageChannels: boolean;
  createCompanies: boolean;
  importCompanies: boolean;
  readAudit: boolean;
  readOutbox: boolean;
  announce: boolean;
  /** A full-access client user: the colleagues page, inviting and managing them. */
  manageColleagues: boolean;
  /** Opening a conversation to the whole company (a limited client user writes only to chosen people). */
  writeToWholeCompany: boolean;
};

export type Me = {
  user: { id: string; name: string; email: string; locale: Locale; totpEnabled: boolean; phone: string | null };
  office: { id: string; name: string; country: string; defaultLocale: string };
  kind: 'staff' | 'client';
  role: StaffRole | null;
  specialties: string[];
  company: { id: string; name: string; access: Access } | null;
  contexts: MeContext[];
  csrfToken: string | null;
  mustEnableTwoFactor: boolean;
  /** What the person may do, decided by the server's policy: the app offers only that, never re-deriving it from the role. */
  can: MeCan;
  /** Sent by GET /me: what the browser checks before uploading. */
  limits?: { attachmentMaxBytes: number; attachmentsPerMessage: number };
};

export type Paged<T> = { items: T[]; total: number; page: number; pageSize: number };

export type Office = {
  id: string;
  name: string;
  country: string;
  defaultLocale: Locale;
  restrictEmployees: boolean;
  allowClientPasswordless: boolean;
  requireStaffTwoFactor: boolean;
  /** How long the author may still edit or delete a message. */
  messageEditMinutes?: number;
  /** How long a message may stay unread before its recipients get the unread digest e-mail. */
  unreadDigestMinutes: number;
  /** The office's defaults per kind of event (what a kind lacks is Bureau's default). */
  notificationDefaults: Record<string, unknown>;
  createdAt: string;
};

export type Staff = {
  userId: string;
  name: string;
  email: string;
  role: StaffRole;
  specialties: Specialty[];
  disabled: boolean;
  totpEnabled: boolean;
  createdAt: string;
  assignedCompanies: number;
};

export type Address = {
  label?: string;
  line1: string;
  line2?: string;
  postalCode: string;
  city: string;
  region?: string;
  country: string;
};
export type CompanyEmail = { label?: string; email: string };
export type CompanyPhone = { label?: string; phone: string };
export type BankAccount = { label?: string; iban: string; bankName?: string; currency?: string };

export type CompanyPermissions = {
  update: boolean;
  updateProfile: boolean;
  setStatus: boolean;
  manageUsers: boolean;
  manageAssignments: boolean;
  manageInvitations: boolean;
  checkRegistry: boolean;
};

/** A registry's verdict in detail (see docs/REGISTRIES.md): dates are YYYY-MM-DD, `wording` the registry's own words. */
export type RegistryStatus = {
  vat: 'active' | 'exempt' | 'not_registered' | 'removed' | 'unknown';
  vatEndedOn?: string;
  vatRestoredOn?: string;
  inactive?: boolean;
  inactiveSince?: string;
  struckOff?: boolean;
  struckOffOn?: string;
  wording?: string;
};

export type RegistrySource = 'anaf' | 'whitelist' | 'vies';

/** What a company keeps of its last registry reading. */
export type RegistryRecord = {
  source: RegistrySource;
  outcome: 'found' | 'not_found';
  country: string;
  taxId: string;
  checkedAt: string;
  name?: string;
  status?: RegistryStatus;
  eInvoicing?: boolean;
};

export type Company = {
  id: string;
  name: string;
  country: Country;
  taxId: string;
  taxIdFormatted: string;
  /** France: the establishment's SIRET, when one was given; `taxId` is then the company's SIREN. */
  siret: string | null;
  status: CompanyStatus;
  statusChangedAt: string | null;
  addresses: Address[];
  emails: CompanyEmail[];
  phones: CompanyPhone[];
  bankAccounts: BankAccount[];
  /** The office's own labels: present for staff only. */
  tags?: string[];
  /** Staff only: the public registry's last answer (null: never asked). */
  registry?: RegistryRecord | null;
  createdAt: string;
  updatedAt: string;
  permissions: CompanyPermissions;
};

export type Assignment = { userId: string; name: string; specialty: Specialty };

export type CompanyListItem = {
  id: string;
  name: string;
  country: Country;
  taxId: string;
  taxIdFormatted: string;
  status: CompanyStatus;
  statusChangedAt: string | null;
  userCount: number;
  assigned: Assignment[];
  tags: string[];
};

export type CompanyUser = {
  userId: string;
  name: string;
  email: string;
  access: Access;
  hasPassword: boolean;
  createdAt: string;
};

export type StatusHistoryEntry = {
  status: CompanyStatus;
  reason: string | null;
  changedAt: string;
  changedBy: { id: string; name: string } | null;
};

export type AuditEntry = {
  id: string;
  at: string;
  actor: { id: string; name: string } | null;
  action: string;
  objectType: string;
  objectId: string | null;
  /** What the object is called today (company, person or office name); null for sessions, tokens, or when it is gone. */
  objectLabel: string | null;
  companyId: string | null;
  companyName: string | null;
  before: unknown;
  after: unknown;
  ip: string | null;
};

export type OutboxItem = {
  id: string;
  toAddress: string;
  toName: string | null;
  subject: string;
  template: string;
  status: string;
  createdAt: string;
  sentAt: string | null;
  lastError: string | null;
};
export type OutboxMessage = OutboxItem & { textBody: string; htmlBody: string | null };

export type Session = {
  id: string;
  current: boolean;
  ip: string | null;
  userAgent: string | null;
  createdAt: string;
  lastSeenAt: string | null;
};

export type ApiToken = {
  id: string;
  name: string;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string | null;
};

export type TokenInfo = { purpose: 'reset_password' | 'set_password'; email: string; name: string; locale: Locale };

// Conversations (docs/API.md "Conversations").

export type Side = 'office' | 'client';
export const DEFAULT_CHANNEL_KEYS = ['accounting', 'payroll', 'invoicing', 'admin'] as const;
export type ChannelKey = (typeof DEFAULT_CHANNEL_KEYS)[number];
export type ChannelNames = Partial<Record<Locale, string>>;

export type Channel = {
  id: string;
  /** Set for the four default channels; null for the office's own. */
  key: ChannelKey | null;
  names: ChannelNames;
  specialty: Specialty | null;
  position: number;
  archived: boolean;
};

export type ConversationStatus = 'open' | 'closed';
export type Visibility = 'company' | 'private';

export type Reader = {
  userId: string;
  name: string;
  side: Side;
  lastReadSeq: number;
  readAt: string;
  /** How far this person's browsers have received the conversation (≥ lastReadSeq); absent from older servers. */
  deliveredSeq?: number;
};

export type Conversation = {
  id: string;
  companyId: string;
  channelId: string;
  subject: string;
  status: ConversationStatus;
  visibility: Visibility;
  startedBySide: Side;
  startedBy: string;
  closedAt: string | null;
  closedBySide: Side | null;
  lastMessageAt: string;
  lastMessageSeq: number;
  participants: { userId: string; name: string }[];
  readers: Reader[];
  permissions: { post: boolean; close: boolean; reopen: boolean };
};

export type InboxItem = {
  id: string;
  companyId: string;
  companyName: string;
  channelId: string;
  subject: string;
  status: ConversationStatus;
  visibility: Visibility;
  startedBySide: Side;
  closedAt: string | null;
  lastMessageAt: string;
  lastMessageSide: Side;
  lastMessageSeq: number;
  /** The first 200 characters of the last message; null when it was deleted. */
  lastMessage: string | null;
  unread: boolean;
  needsAction: boolean;
};

export type ConversationCounts = {
  total: number;
  byChannel: { id: string; count: number }[];
  byCompany: { id: string; count: number }[];
};

export type AttachmentKind = 'image' | 'pdf' | 'spreadsheet' | 'document' | 'xml' | 'archive';

/** A file of a message (or an upload waiting for one). */
export type Attachment = {
  id: string;
  name: string;
  mime: string;
  kind: AttachmentKind;
  size: number;
  width: number | null;
  height: number | null;
  /** Whether a thumbnail and a preview exist (images the server could read). */
  thumbnail: boolean;
};

export type Message = {
  id: string;
  seq: number;
  clientId: string;
  author: { id: string; name: string; side: Side };
  body: string;
  attachments: Attachment[];
  createdAt: string;
  editedAt: string | null;
  deletedAt: string | null;
};

/** An e-mail that arrived at the reply listener; `reason` is a code (see the inbound locale section), optionally followed by ": detail". */
export type InboundEmail = {
  id: string;
  fromAddress: string;
  status: 'posted' | 'refused';
  reason: string | null;
  conversationId: string | null;
  subject: string | null;
  messageId: string | null;
  receivedAt: string;
};
