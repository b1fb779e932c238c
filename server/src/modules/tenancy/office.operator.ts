// What the instance's operator does to offices from the shell (`npm run office -- …`): create one (its first owner
// gets an invitation), list them, disable one (its people are signed out and refused with the reason) and enable it
// again. A provider hosting many offices runs Bureau this way; nothing here is reachable over HTTP.
import { randomUUID } from 'node:crypto';
import { isLocale, officeCountries, type Locale, type OfficeCountry } from '@bureau/common';
import type { Database } from '../../db/database.js';
import { AppError, invalid } from '../../http/app-error.js';
import { auditAnonymous } from '../audit/index.js';
import type { SessionService } from '../identity/index.js';
import type { PrepareOffice } from './office.service.js';
import type { InvitationService } from '../onboarding/index.js';
import { allOfficeIds, countOfficePeople, findOffice, insertOffice, updateOffice } from './tenancy.repository.js';
import { parseId } from '../../http/ids.js';

export type NewOffice = { name: string; country: string; locale: string; ownerName: string; ownerEmail: string };
export type OfficeSummary = {
  id: string;
  name: string;
  country: string;
  disabled: boolean;
  disabledReason: string | null;
  staff: number;
  companies: number;
  createdAt: Date;
};

/** Who the audit log names for the operator's changes. */
const OPERATOR = { userId: null, name: 'operator', ip: null, requestId: 'npm run office' };

export class OfficeOperator {
  constructor(
    private readonly db: Database,
    private readonly invitations: Pick<InvitationService, 'inviteStaffInTx'>,
    private readonly options: { publicUrl: string; instanceName: string },
    private readonly prepareOffice: PrepareOffice,
    private readonly sessions: SessionService,
  ) {}

  /** A new office with the default channels, and an invitation for its first owner; returns the invitation's link. */
  async create(input: NewOffice): Promise<{ officeId: string; invitationLink: string }> {
    const name = input.name.trim();
    const country = input.country.toUpperCase();
    const fields: Parameters<typeof invalid>[0] = {};
    if (!name || name.length > 200) fields.name = { code: 'required' };
    if (!(officeCountries as readonly string[]).includes(country)) fields.country = { code: 'invalid' };
    if (!isLocale(input.locale)) fields.locale = { code: 'invalid' };
    if (Object.keys(fields).length > 0) throw invalid(fields);
    const officeId = randomUUID();
    return this.db.inTenant({ officeId }, async (tx) => {
      await insertOffice(tx, { id: officeId, name, country: country as OfficeCountry, defaultLocale: input.locale });
      await this.prepareOffice(tx, officeId);
      await auditAnonymous(tx, officeId, OPERATOR, {
        action: 'office.created',
        objectType: 'office',
        objectId: officeId,
        after: { name, country, defaultLocale: input.locale },
      });
      const inviter = { ...OPERATOR, name: this.options.instanceName };
      const { token } = await this.invitations.inviteStaffInTx(tx, officeId, inviter, {
        email: input.ownerEmail,
        name: input.ownerName,
        role: 'owner',
        specialties: ['accounting', 'payroll', 'invoicing'],
        locale: input.locale as Locale,
      });
      return { officeId, invitationLink: `${this.options.publicUrl}/invite/${token}` };
    });
  }

  async list(): Promise<OfficeSummary[]> {
    const ids = await this.db.anonymous((tx) => allOfficeIds(tx));
    const offices: OfficeSummary[] = [];
    for (const id of ids) {
      offices.push(
        await this.db.inTenant({ officeId: id }, async (tx) => {
          const office = (await findOffice(tx, id))!;
          const counts = await countOfficePeople(tx, id);
          return {
            id,
            name: office.name,
            country: office.country,
            disabled: office.disabledAt !== null,
            disabledReason: office.disabledReason,
            ...counts,
            createdAt: office.createdAt,
          };
        }),
      );
    }
    return offices.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
  }

  /** Disables the office: its sessions end now, and every sign-in or request is refused with the reason. */
  async disable(officeId: string, reason: string): Promise<{ sessionsEnded: number }> {
    parseId(officeId);
    return this.db.inTenant({ officeId }, async (tx) => {
      const office = await findOffice(tx, officeId);
      if (!office) throw new AppError('not_found');
      await updateOffice(tx, officeId, {
        disabledAt: office.disabledAt ?? new Date(),
        disabledReason: reason.trim().slice(0, 500) || null,
      });
      const sessionsEnded = await this.sessions.end.ofOffice(tx, officeId);
      const after = { reason: reason.trim() || null, sessionsEnded };
      await auditAnonymous(tx, officeId, OPERATOR, {
        action: 'office.disabled',
        objectType: 'office',
        objectId: officeId,
        after,
      });
      return { sessionsEnded };
    });
  }

  async enable(officeId: string): Promise<void> {
    parseId(officeId);
    await this.db.inTenant({ officeId }, async (tx) => {
      const office = await findOffice(tx, officeId);
      if (!office) throw new AppError('not_found');
      await updateOffice(tx, officeId, { disabledAt: null, disabledReason: null });
      await auditAnonymous(tx, officeId, OPERATOR, {
        action: 'office.enabled',
        objectType: 'office',
        objectId: officeId,
      });
    });
  }
}
