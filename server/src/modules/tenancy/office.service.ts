// The office itself: first-run setup (the first office and its owner) and office settings.
import { randomUUID } from 'node:crypto';
import {
  criticalKinds,
  type Locale,
  type NotificationKind,
  type NotificationPreference,
  type OfficeCountry,
} from '@bureau/common';
import { isValidEmail, normalizeEmail } from '@bureau/common/validation';
import type { Database, Tx } from '../../db/database.js';
import { AppError, invalid } from '../../http/app-error.js';
import { audit, auditAnonymous } from '../audit/index.js';
import type { Actor, RequestOrigin, SessionService } from '../identity/index.js';
import { presentOffice } from './office.presenter.js';
import { assertStrongPassword, hashPassword, personName, people } from '../identity/index.js';
import { policy } from '../policy/index.js';
import {
  findOffice,
  insertOffice,
  insertStaffMember,
  lockSetup,
  officeExists,
  portalOfficeName,
  updateOffice,
} from './tenancy.repository.js';

/** Called in the transaction that creates an office, before anyone can use it. */
export type PrepareOffice = (tx: Tx, officeId: string) => Promise<void>;

export type SetupInput = {
  officeName: string;
  country: OfficeCountry;
  locale: Locale;
  ownerName: string;
  email: string;
  password: string;
};

export type OfficeSettings = {
  name?: string;
  defaultLocale?: Locale;
  restrictEmployees?: boolean;
  allowClientPasswordless?: boolean;
  requireStaffTwoFactor?: boolean;
  messageEditMinutes?: number;
  unreadDigestMinutes?: number;
  notificationDefaults?: Partial<Record<NotificationKind, NotificationPreference>>;
};

const SETUP_LOCK = 7243_0002;

export class OfficeService {
  constructor(
    private readonly db: Database,
    private readonly sessions: SessionService,
    /** What other modules give a new office in its creating transaction (messaging: the default channels). */
    private readonly prepareOffice: PrepareOffice,
  ) {}

  /** Whether the first-run setup is due, and the office's name for the sign-in page. */
  setupStatus(): Promise<{ needed: boolean; officeName: string | null }> {
    return this.db.anonymous(async (tx) => ({
      needed: !(await officeExists(tx)),
      officeName: await portalOfficeName(tx),
    }));
  }

  /** Creates the first office and its owner, and signs the owner in. Refused once an office exists. */
  async setup(origin: RequestOrigin, input: SetupInput) {
    const email = normalizeEmail(input.email);
    if (!isValidEmail(email)) throw invalid({ email: { code: 'email_invalid' } });
    const ownerName = personName(input.ownerName, 'ownerName');
    assertStrongPassword(input.password, { email, name: ownerName });
    const passwordHash = await hashPassword(input.password);
    const officeId = randomUUID();
    const userId = randomUUID();
    return this.db.inTenant({ officeId, userId }, async (tx) => {
      await lockSetup(tx, SETUP_LOCK);
      if (await officeExists(tx)) throw new AppError('setup.already_done');
      if (await people.userIdByEmail(tx, email)) throw new AppError('setup.already_done');
      await insertOffice(tx, {
        id: officeId,
        name: input.officeName.trim(),
        country: input.country,
        defaultLocale: input.locale,
      });
      await this.prepareOffice(tx, officeId);
      await people.insertUser(tx, {
        id: userId,
        email,
        name: ownerName,
        passwordHash,
        locale: input.locale,
        passwordChangedAt: new Date(),
      });
      await insertStaffMember(tx, {
        officeId,
        userId,
        role: 'owner',
        specialties: ['accounting', 'payroll', 'invoicing'],
      });
      const who = { userId, name: ownerName, ip: origin.ip, requestId: origin.requestId };
      await auditAnonymous(tx, officeId, who, {
        action: 'office.created',
        objectType: 'office',
        objectId: officeId,
        after: { name: input.officeName.trim(), country: input.country, defaultLocale: input.locale },
      });
      await auditAnonymous(tx, officeId, who, {
        action: 'staff.created',
        objectType: 'user',
        objectId: userId,
        after: { email, role: 'owner' },
      });
      const session = await this.sessions.open(tx, { userId, officeId, companyId: null, origin });
      return { token: session.token, csrfToken: session.csrfToken, userId, officeId };
    });
  }

  async get(actor: Actor) {
    policy.require(actor, 'office.read');
    return this.db.asActor(actor, async (tx) => presentOffice((await findOffice(tx, actor.officeId))!));
  }

  async update(actor: Actor, input: OfficeSettings) {
    policy.require(actor, 'office.manage');
    return this.db.asActor(actor, async (tx) => {
      const before = (await findOffice(tx, actor.officeId))!;
      const values = {
        ...input,
        ...(input.name !== undefined && { name: input.name.trim() }),
        // Critical notices cannot be switched off entirely: their default keeps the bell.
        ...(input.notificationDefaults && {
          notificationDefaults: Object.fromEntries(
            Object.entries(input.notificationDefaults).map(([kind, p]) => [
              kind,
              criticalKinds.includes(kind as NotificationKind) ? { ...p, inApp: true } : p,
            ]),
          ),
        }),
      };
      await updateOffice(tx, actor.officeId, values);
      const after = (await findOffice(tx, actor.officeId))!;
      await audit(tx, actor, {
        action: 'office.updated',
        objectType: 'office',
        objectId: actor.officeId,
        before: pick(before, Object.keys(values)),
        after: pick(after, Object.keys(values)),
      });
      return presentOffice(after);
    });
  }
}

function pick(row: object, keys: string[]) {
  return Object.fromEntries(Object.entries(row).filter(([k]) => keys.includes(k)));
}
