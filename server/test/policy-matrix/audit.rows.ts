// The authorization matrix's rows for the audit log (audit module):
// each route × every actor, with the answer docs/API.md promises.
import { type Rows } from './world.js';

export const auditRows: Rows = {
  // --- audit and outbox ---------------------------------------------------------------------------
  'GET /api/audit': {
    request: () => ({ url: '/api/audit' }),
    expect: {
      owner: 'allow',
      admin: 'allow',
      assignedEmployee: 403,
      unassignedEmployee: 403,
      unassignedEmployeeRestricted: 403,
      fullClient: 403,
      limitedClient: 403,
      otherCompanyClient: 403,
      otherOfficeStaff: 'allow',
      anonymous: 401,
    },
  },
};
