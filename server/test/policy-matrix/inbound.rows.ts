// The authorization matrix's rows for e-mail that arrived (inbound module):
// each route × every actor, with the answer docs/API.md promises.
import { type Rows } from './world.js';

export const inboundRows: Rows = {
  'GET /api/inbound-emails': {
    request: () => ({ url: '/api/inbound-emails' }),
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
