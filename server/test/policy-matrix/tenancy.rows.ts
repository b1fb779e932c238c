// The authorization matrix's rows for setup, office, staff and companies (tenancy module):
// each route × every actor, with the answer docs/API.md promises.
import { PASSWORD, uniqueNip } from '../harness.js';
import { everyone, freshEmail, type Rows, staffAnswers } from './world.js';

export const tenancyRows: Rows = {
  'GET /api/setup': { request: () => ({ url: '/api/setup' }), expect: everyone('allow') },
  'POST /api/setup': {
    request: () => ({
      url: '/api/setup',
      body: {
        officeName: 'Second office',
        country: 'PL',
        locale: 'en',
        ownerName: 'Second Owner',
        email: freshEmail('setup'),
        password: PASSWORD,
      },
    }),
    // "only while no office exists": every actor is answered the same 409.
    expect: everyone(409),
  },
  // --- office and staff --------------------------------------------------------------------------
  'GET /api/office': {
    request: () => ({ url: '/api/office' }),
    expect: {
      owner: 'allow',
      admin: 'allow',
      assignedEmployee: 'allow',
      unassignedEmployee: 'allow',
      unassignedEmployeeRestricted: 'allow',
      fullClient: 403,
      limitedClient: 403,
      otherCompanyClient: 403,
      otherOfficeStaff: 'allow',
      anonymous: 401,
    },
  },
  'PATCH /api/office': {
    // Never restrictEmployees: the restricted actors depend on it.
    request: () => ({ url: '/api/office', body: { defaultLocale: 'en' } }),
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
  'GET /api/staff': {
    request: () => ({ url: '/api/staff' }),
    expect: {
      owner: 'allow',
      admin: 'allow',
      assignedEmployee: 'allow',
      unassignedEmployee: 'allow',
      unassignedEmployeeRestricted: 'allow',
      fullClient: 403,
      limitedClient: 403,
      otherCompanyClient: 403,
      otherOfficeStaff: 'allow',
      anonymous: 401,
    },
  },
  'POST /api/staff': {
    request: () => ({
      url: '/api/staff',
      body: { name: 'New Colleague', email: freshEmail('staff'), role: 'employee', specialties: ['payroll'] },
    }),
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
  'PATCH /api/staff/:userId': {
    request: ({ w }) => ({ url: `/api/staff/${w.staffTarget.id}`, body: { specialties: ['accounting', 'payroll'] } }),
    expect: {
      owner: 'allow',
      admin: 'allow',
      assignedEmployee: 403,
      unassignedEmployee: 403,
      unassignedEmployeeRestricted: 403,
      fullClient: 403,
      limitedClient: 403,
      otherCompanyClient: 403,
      otherOfficeStaff: 404,
      anonymous: 401,
      otherOfficeEmployee: 403,
    },
  },
  // --- companies (ids target company X of office A) ---------------------------------------------
  'GET /api/companies': {
    request: () => ({ url: '/api/companies' }),
    expect: {
      owner: 'allow',
      admin: 'allow',
      assignedEmployee: 'allow',
      unassignedEmployee: 'allow',
      unassignedEmployeeRestricted: 'allow',
      fullClient: 403,
      limitedClient: 403,
      otherCompanyClient: 403,
      otherOfficeStaff: 'allow',
      anonymous: 401,
    },
  },
  'POST /api/companies': {
    request: () => ({ url: '/api/companies', body: { name: 'Matrix Sp. z o.o.', country: 'PL', taxId: uniqueNip() } }),
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
  'GET /api/companies/:id': {
    request: ({ w }) => ({ url: `/api/companies/${w.X.id}` }),
    expect: {
      owner: 'allow',
      admin: 'allow',
      assignedEmployee: 'allow',
      unassignedEmployee: 'allow',
      unassignedEmployeeRestricted: 404,
      fullClient: 'allow',
      limitedClient: 'allow',
      otherCompanyClient: 404,
      otherOfficeStaff: 404,
      anonymous: 401,
    },
  },
  'PATCH /api/companies/:id': {
    // Contact data only, which full-access client users may change too.
    request: ({ w }) => ({
      url: `/api/companies/${w.X.id}`,
      body: { emails: [{ label: 'Office', email: 'biuro@example.com' }] },
    }),
    expect: {
      owner: 'allow',
      admin: 'allow',
      assignedEmployee: 'allow',
      unassignedEmployee: 'allow',
      unassignedEmployeeRestricted: 404,
      fullClient: 'allow',
      limitedClient: 403,
      otherCompanyClient: 404,
      otherOfficeStaff: 404,
      anonymous: 401,
    },
  },
  'POST /api/companies/:id/status': {
    // X stays active (a no-op for those allowed), so its client users keep their sessions.
    request: ({ w }) => ({ url: `/api/companies/${w.X.id}/status`, body: { status: 'active', reason: 'matrix' } }),
    expect: {
      owner: 'allow',
      admin: 'allow',
      assignedEmployee: 403,
      unassignedEmployee: 403,
      unassignedEmployeeRestricted: 404,
      fullClient: 403,
      limitedClient: 403,
      otherCompanyClient: 404,
      otherOfficeStaff: 404,
      anonymous: 401,
    },
  },
  'POST /api/companies/:id/registry-check': {
    // No registry answers here (a closed local port): those the policy lets through hear it is unreachable.
    request: ({ w }) => ({ url: `/api/companies/${w.X.id}/registry-check`, body: {} }),
    expect: {
      owner: 503,
      admin: 503,
      assignedEmployee: 503,
      unassignedEmployee: 503,
      unassignedEmployeeRestricted: 404,
      fullClient: 403,
      limitedClient: 403,
      otherCompanyClient: 404,
      otherOfficeStaff: 404,
      anonymous: 401,
    },
  },
  'DELETE /api/companies/:id': {
    // A company of office A made for each request (deleting X would change every other row); no one is assigned to it.
    request: async ({ t, w }) => ({ url: `/api/companies/${(await t.factories.company(w.officeA)).id}` }),
    expect: {
      owner: 'allow',
      admin: 'allow',
      assignedEmployee: 403,
      unassignedEmployee: 403,
      unassignedEmployeeRestricted: 404,
      fullClient: 404,
      limitedClient: 404,
      otherCompanyClient: 404,
      otherOfficeStaff: 404,
      anonymous: 401,
    },
  },
  'GET /api/companies/deleted': {
    request: () => ({ url: '/api/companies/deleted' }),
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
  'POST /api/companies/:id/restore': {
    // A company of office A deleted just now, for each request.
    request: async ({ t, w }) => {
      const company = await t.factories.company(w.officeA);
      await t.asOwner(`UPDATE companies SET deleted_at = now() WHERE id = '${company.id}'`);
      return { url: `/api/companies/${company.id}/restore` };
    },
    expect: {
      owner: 'allow',
      admin: 'allow',
      assignedEmployee: 403,
      unassignedEmployee: 403,
      unassignedEmployeeRestricted: 403,
      fullClient: 403,
      limitedClient: 403,
      otherCompanyClient: 403,
      otherOfficeStaff: 404,
      // Refused by the office-level rule before any company is looked up: nothing is learnt either way.
      otherOfficeEmployee: 403,
      otherOfficeClient: 403,
      anonymous: 401,
    },
  },
  'GET /api/companies/:id/status-history': {
    request: ({ w }) => ({ url: `/api/companies/${w.X.id}/status-history` }),
    expect: {
      owner: 'allow',
      admin: 'allow',
      assignedEmployee: 'allow',
      unassignedEmployee: 'allow',
      unassignedEmployeeRestricted: 404,
      fullClient: 403,
      limitedClient: 403,
      otherCompanyClient: 404,
      otherOfficeStaff: 404,
      anonymous: 401,
    },
  },
  'GET /api/companies/:id/users': {
    request: ({ w }) => ({ url: `/api/companies/${w.X.id}/users` }),
    expect: {
      owner: 'allow',
      admin: 'allow',
      assignedEmployee: 'allow',
      unassignedEmployee: 'allow',
      unassignedEmployeeRestricted: 404,
      fullClient: 'allow',
      limitedClient: 403,
      otherCompanyClient: 404,
      otherOfficeStaff: 404,
      anonymous: 401,
    },
  },
  'POST /api/companies/:id/users': {
    request: ({ w }) => ({
      url: `/api/companies/${w.X.id}/users`,
      body: { name: 'New Client', email: freshEmail('client'), access: 'limited' },
    }),
    expect: {
      owner: 'allow',
      admin: 'allow',
      assignedEmployee: 'allow',
      unassignedEmployee: 'allow',
      unassignedEmployeeRestricted: 404,
      fullClient: 403,
      limitedClient: 403,
      otherCompanyClient: 404,
      otherOfficeStaff: 404,
      anonymous: 401,
    },
  },
  'PATCH /api/companies/:id/users/:userId': {
    request: ({ w }) => ({ url: `/api/companies/${w.X.id}/users/${w.clientTarget.id}`, body: { access: 'limited' } }),
    expect: {
      owner: 'allow',
      admin: 'allow',
      assignedEmployee: 'allow',
      unassignedEmployee: 'allow',
      unassignedEmployeeRestricted: 404,
      fullClient: 403,
      limitedClient: 403,
      otherCompanyClient: 404,
      otherOfficeStaff: 404,
      anonymous: 401,
    },
  },
  'DELETE /api/companies/:id/users/:userId': {
    request: async ({ t, w }) => {
      const victim = await t.factories.clientUser(w.X, { access: 'limited' });
      return { url: `/api/companies/${w.X.id}/users/${victim.id}` };
    },
    expect: {
      owner: 'allow',
      admin: 'allow',
      assignedEmployee: 'allow',
      unassignedEmployee: 'allow',
      unassignedEmployeeRestricted: 404,
      fullClient: 403,
      limitedClient: 403,
      otherCompanyClient: 404,
      otherOfficeStaff: 404,
      anonymous: 401,
    },
  },
  'GET /api/companies/:id/assignments': {
    request: ({ w }) => ({ url: `/api/companies/${w.X.id}/assignments` }),
    expect: {
      owner: 'allow',
      admin: 'allow',
      assignedEmployee: 'allow',
      unassignedEmployee: 'allow',
      unassignedEmployeeRestricted: 404,
      fullClient: 403,
      limitedClient: 403,
      otherCompanyClient: 404,
      otherOfficeStaff: 404,
      anonymous: 401,
    },
  },
  'PUT /api/companies/:id/assignments': {
    // The same assignment X already has, so the assigned employee stays assigned.
    request: ({ w }) => ({
      url: `/api/companies/${w.X.id}/assignments`,
      body: { items: [{ userId: w.assignedEmployee.id, specialty: 'accounting' }] },
    }),
    expect: {
      owner: 'allow',
      admin: 'allow',
      assignedEmployee: 403,
      unassignedEmployee: 403,
      unassignedEmployeeRestricted: 404,
      fullClient: 403,
      limitedClient: 403,
      otherCompanyClient: 404,
      otherOfficeStaff: 404,
      anonymous: 401,
    },
  },
  'GET /api/companies/tags': {
    request: () => ({ url: '/api/companies/tags' }),
    expect: { ...staffAnswers('allow'), fullClient: 403, limitedClient: 403, otherCompanyClient: 403, anonymous: 401 },
  },
};
