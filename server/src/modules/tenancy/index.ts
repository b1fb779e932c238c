// The face of the tenancy module: what other modules may use of it. Reach for nothing behind it.
export {
  type CompanyListFilter,
  companySearch,
  findCompany,
  findCompanyByTaxId,
  findOffice,
  findStaffMember,
  insertCompanyUser,
  insertStaffMember,
  tagged,
} from './tenancy.repository.js';
export { createCompanyRecords, updateCompanyRecord } from './company.service.js';
export { normalizeCompanyTaxId, throwIfErrors } from './company.validation.js';
