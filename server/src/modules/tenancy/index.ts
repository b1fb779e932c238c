// The face of the tenancy module: what other modules may use of it. Reach for nothing behind it.
import {
  companySearch,
  findCompany,
  findCompanyByTaxId,
  findOffice,
  findStaffMember,
  insertCompanyUser,
  insertStaffMember,
  tagged,
} from './tenancy.repository.js';
export type { CompanyListFilter } from './tenancy.repository.js';
export { createCompanyRecords, updateCompanyRecord } from './company.service.js';
export { normalizeCompanyTaxId, throwIfErrors } from './company.validation.js';

// The office's records other modules read or add to in their own transaction: the office, its companies (and the
// one company filter every list and picker uses), staff members and company members.
export const officeRecords = {
  companySearch,
  findCompany,
  findCompanyByTaxId,
  findOffice,
  findStaffMember,
  insertCompanyUser,
  insertStaffMember,
  tagged,
};
