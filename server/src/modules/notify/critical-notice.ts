// Critical notices (a tax due date, an office announcement) also go to the company's administrator
// e-mail, so that a company whose portal users miss them still hears of them. Which address that is:
// among the company's e-mail contacts, the first whose label has a word starting with "admin"
// (admin, administrator, administrateur, administracja, administrație — in any case, diacritics
// ignored); without such a label, the first contact. A contact with a malformed address is skipped.
import { criticalKinds, type Locale, type NotificationKind } from '@bureau/common';
import { isValidEmail, normalizeEmail } from '@bureau/common/validation';
import type { Tx } from '../../db/database.js';
import type { MailService } from '../mail/index.js';

export type CompanyContacts = { id: string; name: string; emails: { label?: string; email: string }[] };

const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
const ADMIN_LABEL = /(^|[^\p{L}])admin/u;

/** The company's administrator e-mail (the rule above), or undefined when it has no usable address. */
export function companyAdministratorEmail(company: Pick<CompanyContacts, 'emails'>): string | undefined {
  const contacts = company.emails
    .map((c) => ({ label: fold(c.label ?? ''), email: normalizeEmail(c.email) }))
    .filter((c) => isValidEmail(c.email));
  return (contacts.find((c) => ADMIN_LABEL.test(c.label)) ?? contacts[0])?.email;
}

export type CriticalNoticeCopy = {
  officeId: string;
  officeName: string;
  /** The language of the copy: the office's default (a company has no language of its own). */
  locale: Locale;
  company: CompanyContacts;
  kind: NotificationKind;
  /** The notice's title and its text, as the portal shows them. */
  title: string;
  lines: string[];
  link?: string;
  /** What the notice is (e.g. `announcement:<id>`): a notice is copied once per company, however often this is called. */
  sourceKey: string;
  /** Addresses already sent the notice itself (the company's people): they get no second copy. */
  alreadyTold?: string[];
};

/**
 * Queues, in `tx`, the copy of a critical notice to the company's administrator e-mail. Returns the
 * outbox e-mail's id; undefined when the kind is not critical, the company has no usable address,
 * that address was already told, or the copy was queued before.
 */
export async function queueCriticalNoticeCopy(
  mail: MailService,
  tx: Tx,
  notice: CriticalNoticeCopy,
): Promise<string | undefined> {
  if (!criticalKinds.includes(notice.kind)) return undefined;
  const to = companyAdministratorEmail(notice.company);
  if (!to || (notice.alreadyTold ?? []).some((address) => normalizeEmail(address) === to)) return undefined;
  return mail.queue(tx, {
    officeId: notice.officeId,
    officeName: notice.officeName,
    to,
    toName: notice.company.name,
    locale: notice.locale,
    template: 'critical_notice',
    link: notice.link,
    params: { title: notice.title, company: notice.company.name },
    items: [{ title: notice.title, lines: notice.lines, link: notice.link }],
    dedupeKey: `critical:${notice.sourceKey}:${notice.company.id}`,
  });
}
