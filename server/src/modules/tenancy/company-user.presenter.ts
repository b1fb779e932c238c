// The only serializer of a company's client users.
import type { CompanyUserSchema } from '@bureau/common';
import type { Static } from 'typebox';
import type { listCompanyUsers } from './tenancy.repository.js';

type CompanyUserRow = Awaited<ReturnType<typeof listCompanyUsers>>[number];

/** Whether the person has set a password, never the password's hash. */
export function presentCompanyUser(row: CompanyUserRow): Static<typeof CompanyUserSchema> {
  return {
    userId: row.userId,
    name: row.name,
    email: row.email,
    access: row.access,
    hasPassword: row.hasPassword,
    createdAt: row.createdAt,
  };
}
