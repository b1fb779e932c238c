// Which office (and, for client users, which company) a person works in after signing in.
import { AppError } from '../../http/app-error.js';
import type { Membership } from './identity.repository.js';

export type SignInContext = { officeId: string; companyId: string | null; officeName: string };

/** Staff work first, then the first active company; refuses with the reason when none is usable. */
export function chooseContext(all: Membership[], purpose: 'password' | 'passwordless' = 'password'): SignInContext {
  const memberships = all.filter((m) => !m.office_disabled);
  const disabled = all.find((m) => m.office_disabled);
  if (memberships.length === 0 && disabled) throw officeDisabled(disabled);
  const staff = memberships.find((m) => m.kind === 'staff' && !m.staff_disabled);
  if (staff && purpose === 'password')
    return { officeId: staff.office_id, companyId: null, officeName: staff.office_name };
  const client = memberships.find(
    (m) =>
      m.kind === 'client' && m.company_status === 'active' && (purpose === 'password' || m.allow_client_passwordless),
  );
  if (client) return { officeId: client.office_id, companyId: client.company_id, officeName: client.office_name };
  const inactive = memberships.find((m) => m.kind === 'client' && m.company_status === 'inactive');
  if (inactive) throw new AppError('auth.company_inactive', { params: { company: inactive.company_name ?? '' } });
  if (memberships.some((m) => m.kind === 'staff' && m.staff_disabled)) throw new AppError('auth.account_disabled');
  throw new AppError('auth.invalid_credentials');
}

/** The refusal for a person whose office the instance's operator disabled, with the operator's reason. */
export function officeDisabled(m: Pick<Membership, 'office_name' | 'office_disabled_reason'>): AppError {
  return new AppError('auth.office_disabled', {
    params: { office: m.office_name, reason: m.office_disabled_reason ?? '' },
  });
}

export function findContext(
  memberships: Membership[],
  officeId: string,
  companyId: string | null,
): Membership | undefined {
  return memberships.find((m) =>
    companyId === null
      ? m.kind === 'staff' && m.office_id === officeId
      : m.kind === 'client' && m.office_id === officeId && m.company_id === companyId,
  );
}
