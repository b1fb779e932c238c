// The only serializer of staff members.
import type { Specialty, StaffSchema } from '@bureau/common';
import type { Static } from 'typebox';
import type { findStaffMember } from './tenancy.repository.js';

type StaffRow = NonNullable<Awaited<ReturnType<typeof findStaffMember>>>;

export function presentStaff(row: StaffRow): Static<typeof StaffSchema> {
  return {
    userId: row.userId,
    name: row.name,
    email: row.email,
    role: row.role,
    specialties: row.specialties as Specialty[],
    disabled: row.disabledAt !== null,
    totpEnabled: row.totpEnabled,
    createdAt: row.createdAt,
    assignedCompanies: row.assignedCompanies,
  };
}
