// Who is making a request: built once per request by the auth hook, passed first to every service.
import type { ClientAccess, Locale, Specialty, StaffRole } from '@bureau/common';

type ActorBase = {
  userId: string;
  officeId: string;
  name: string;
  email: string;
  locale: Locale;
  totpEnabled: boolean;
  /** Set for cookie sessions; null for API tokens. */
  sessionId: string | null;
  csrfToken: string | null;
  apiTokenId: string | null;
  ip: string | null;
  requestId: string | null;
};

export type StaffActor = ActorBase & {
  kind: 'staff';
  role: StaffRole;
  specialties: Specialty[];
  restrictEmployees: boolean;
  requireTwoFactor: boolean;
};

export type ClientActor = ActorBase & {
  kind: 'client';
  companyId: string;
  access: ClientAccess;
};

export type Actor = StaffActor | ClientActor;

/** Where a request comes from, for audit and alerts, before anyone is signed in. */
export type RequestOrigin = { ip: string | null; userAgent: string | null; requestId: string | null; locale: Locale };
