// The authorization matrix's rows for invitations, the portfolio and imports (onboarding module):
// each route × every actor, with the answer docs/API.md promises.
import { PASSWORD } from '../harness.js';
import {
  acceptTarget,
  everyone,
  freshEmail,
  freshInvitation,
  freshStaffInvitation,
  importFile,
  importSettings,
  officeAdmins,
  type Rows,
  signedIn,
  staffAnswers,
} from './world.js';

export const onboardingRows: Rows = {
  'GET /api/staff/invitations': {
    request: () => ({ url: '/api/staff/invitations' }),
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
  'POST /api/staff/invitations/:id/resend': {
    request: async ({ t, w }) => ({ url: `/api/staff/invitations/${await freshStaffInvitation(t, w)}/resend` }),
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
      otherOfficeEmployee: 403,
      anonymous: 401,
    },
  },
  'POST /api/staff/invitations/:id/revoke': {
    request: async ({ t, w }) => ({ url: `/api/staff/invitations/${await freshStaffInvitation(t, w)}/revoke` }),
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
      otherOfficeEmployee: 403,
      anonymous: 401,
    },
  },
  // --- onboarding: invitations and the portfolio -------------------------------------------------
  'GET /api/invitations': {
    request: ({ w }) => ({ url: `/api/invitations?companyId=${w.X.id}` }),
    expect: {
      ...staffAnswers('allow'),
      unassignedEmployeeRestricted: 404,
      otherOfficeStaff: 404,
      fullClient: 'allow',
      limitedClient: 403,
      otherCompanyClient: 404,
      anonymous: 401,
    },
  },
  'POST /api/invitations': {
    request: ({ w }) => ({
      url: '/api/invitations',
      body: { companyId: w.X.id, name: 'Matrix Invitee', email: freshEmail('invitee'), access: 'limited' },
    }),
    expect: {
      ...staffAnswers('allow'),
      unassignedEmployeeRestricted: 404,
      otherOfficeStaff: 404,
      fullClient: 'allow',
      limitedClient: 403,
      otherCompanyClient: 404,
      anonymous: 401,
    },
  },
  'POST /api/invitations/:id/resend': {
    request: async ({ t, w }) => ({ url: `/api/invitations/${(await freshInvitation(t, w)).id}/resend` }),
    expect: {
      ...staffAnswers('allow'),
      unassignedEmployeeRestricted: 404,
      otherOfficeStaff: 404,
      fullClient: 'allow',
      limitedClient: 403,
      otherCompanyClient: 404,
      anonymous: 401,
    },
  },
  'POST /api/invitations/:id/revoke': {
    request: async ({ t, w }) => ({ url: `/api/invitations/${(await freshInvitation(t, w)).id}/revoke` }),
    expect: {
      ...staffAnswers('allow'),
      unassignedEmployeeRestricted: 404,
      otherOfficeStaff: 404,
      fullClient: 'allow',
      limitedClient: 403,
      otherCompanyClient: 404,
      anonymous: 401,
    },
  },
  // The link is the credential: whoever holds it (signed in or not) may look and accept.
  'GET /api/invitation-links/:token': {
    request: async ({ t, w }) => ({ url: `/api/invitation-links/${(await freshInvitation(t, w)).token}` }),
    expect: everyone('allow'),
  },
  'POST /api/invitation-links/:token/accept': {
    request: async ({ t, w }) => ({
      url: `/api/invitation-links/${(await freshInvitation(t, w)).token}/accept`,
      body: { name: 'Matrix Invitee', password: PASSWORD },
    }),
    expect: everyone('allow'),
    ownSession: true,
  },
  // The link followed by someone signed in as the person it is for, in whatever office they work: the link decides.
  'POST /api/me/invitation-links/:token/accept': {
    request: async ({ t, w, session }) => {
      const me = await session.get('/api/me');
      const email =
        me.statusCode === 200 ? (me.json() as { user: { email: string } }).user.email : freshEmail('nobody');
      return {
        url: `/api/me/invitation-links/${(await freshInvitation(t, w, email, await acceptTarget(t, w))).token}/accept`,
      };
    },
    expect: signedIn,
    ownSession: true,
  },
  'GET /api/me/invitations': { request: () => ({ url: '/api/me/invitations' }), expect: signedIn },
  // Addressed to the actor's own e-mail: accepted in their office; office B's session cannot reach office A's invitation.
  'POST /api/me/invitations/:id/accept': {
    request: async ({ t, w, session }) => {
      const me = await session.get('/api/me');
      const email =
        me.statusCode === 200 ? (me.json() as { user: { email: string } }).user.email : freshEmail('nobody');
      return { url: `/api/me/invitations/${(await freshInvitation(t, w, email, await acceptTarget(t, w))).id}/accept` };
    },
    expect: { ...signedIn, otherOfficeStaff: 404, otherOfficeEmployee: 404, otherOfficeClient: 404 },
  },
  'GET /api/portfolio': {
    request: () => ({ url: '/api/portfolio' }),
    expect: { ...staffAnswers('allow'), fullClient: 403, limitedClient: 403, otherCompanyClient: 403, anonymous: 401 },
  },
  // --- portfolio import: office owners and admins (office B's owner imports into office B) ----------
  'POST /api/imports': {
    request: ({ w }) => {
      const { body, type } = importFile(w);
      return { url: '/api/imports', body, headers: { 'content-type': type } };
    },
    expect: officeAdmins,
  },
  'GET /api/imports': { request: () => ({ url: '/api/imports' }), expect: officeAdmins },
  'GET /api/imports/:id': {
    request: ({ w }) => ({ url: `/api/imports/${w.importId}` }),
    expect: { ...officeAdmins, otherOfficeStaff: 404, otherOfficeEmployee: 403 },
  },
  // Before the commit below: a file is read again only while a draft.
  'PUT /api/imports/:id/reading': {
    request: ({ w }) => ({ url: `/api/imports/${w.importId}/reading`, body: {} }),
    expect: { ...officeAdmins, otherOfficeStaff: 404, otherOfficeEmployee: 403 },
  },
  'PUT /api/imports/:id': {
    request: ({ w }) => ({ url: `/api/imports/${w.importId}`, body: importSettings }),
    expect: { ...officeAdmins, otherOfficeStaff: 404, otherOfficeEmployee: 403 },
  },
  // After PUT (rows run in order): the first commit queues the import, a later one answers it as it stands.
  'POST /api/imports/:id/commit': {
    request: ({ w }) => ({ url: `/api/imports/${w.importId}/commit` }),
    expect: { ...officeAdmins, otherOfficeStaff: 404, otherOfficeEmployee: 403 },
  },
  'GET /api/imports/:id/report': {
    request: ({ w }) => ({ url: `/api/imports/${w.doneImportId}/report?format=csv` }),
    expect: { ...officeAdmins, otherOfficeStaff: 404, otherOfficeEmployee: 403 },
  },
};
