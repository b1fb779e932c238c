// The only serializer of companies: what leaves the server, with the actor's permissions on it.
import type {
  AssignmentSchema,
  CompanyListItem,
  CompanySchema,
  CompanyStatus,
  DeletedCompany,
  OfficeCountry,
  RegistryRecord,
  StatusHistory,
} from '@bureau/common';
import { formatTaxId, type CompanyCountry } from '@bureau/common/validation';
import type { Static } from 'typebox';
import { companyPermissions, type CompanyRelation } from '../policy/index.js';
import type { CompanyRow, listAssignments, listDeletedCompanies, listStatusChanges } from './tenancy.repository.js';

export function presentCompany(row: CompanyRow, relation: CompanyRelation): Static<typeof CompanySchema> {
  return {
    id: row.id,
    name: row.name,
    country: row.country as OfficeCountry,
    taxId: row.taxId,
    taxIdFormatted: formatTaxId(row.country as CompanyCountry, row.taxId),
    /** France: the establishment's SIRET when one was given (the company itself is its SIREN, `taxId`). */
    siret: row.siret,
    status: row.status as CompanyStatus,
    statusChangedAt: row.statusChangedAt,
    addresses: row.addresses,
    emails: row.emails,
    phones: row.phones,
    bankAccounts: row.bankAccounts,
    notificationEmail: row.notificationEmail,
    // The office's own labels, and what it asked the registry, stay in the office.
    ...((relation === 'office_admin' || relation === 'staff') && {
      tags: row.tags,
      registry: (row.registry as RegistryRecord | null) ?? null,
    }),
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    permissions: companyPermissions(relation),
  };
}

type CompanyListRow = Omit<Static<typeof CompanyListItem>, 'country' | 'taxIdFormatted' | 'assigned'> & {
  country: string;
  assigned: { userId: string; name: string; specialty: string }[];
};

export function presentCompanyListItem(row: CompanyListRow): Static<typeof CompanyListItem> {
  return {
    ...row,
    country: row.country as OfficeCountry,
    taxIdFormatted: formatTaxId(row.country as CompanyCountry, row.taxId),
    assigned: row.assigned as Static<typeof CompanyListItem>['assigned'],
  };
}

type DeletedCompanyRow = Awaited<ReturnType<typeof listDeletedCompanies>>[number];

/** A company in the "Recently deleted" list, with the last moment it may be restored. */
export function presentDeletedCompany(row: DeletedCompanyRow, restoreMs: number): Static<typeof DeletedCompany> {
  return {
    id: row.id,
    name: row.name,
    country: row.country as OfficeCountry,
    taxId: row.taxId,
    taxIdFormatted: formatTaxId(row.country as CompanyCountry, row.taxId),
    deletedAt: row.deletedAt!,
    deletedBy: row.deletedById ? { id: row.deletedById, name: row.deletedByName ?? '' } : null,
    restorableUntil: new Date(row.deletedAt!.getTime() + restoreMs),
  };
}

type StatusChangeRow = Awaited<ReturnType<typeof listStatusChanges>>[number];

/** One change of a company's status; a person since removed from the instance shows as nobody. */
export function presentStatusChange(row: StatusChangeRow): Static<typeof StatusHistory>['items'][number] {
  return {
    status: row.status,
    reason: row.reason,
    changedAt: row.changedAt,
    changedBy: row.changedById ? { id: row.changedById, name: row.changedByName ?? '' } : null,
  };
}

type AssignmentRow = Awaited<ReturnType<typeof listAssignments>>[number];

export function presentAssignment(row: AssignmentRow): Static<typeof AssignmentSchema> {
  return { userId: row.userId, name: row.name, specialty: row.specialty };
}

/** The fields kept in the audit log's before/after of a company. */
export function auditedCompany(row: CompanyRow) {
  return {
    name: row.name,
    country: row.country,
    taxId: row.taxId,
    siret: row.siret,
    status: row.status,
    addresses: row.addresses,
    emails: row.emails,
    phones: row.phones,
    bankAccounts: row.bankAccounts,
    tags: row.tags,
    notificationEmail: row.notificationEmail,
  };
}
