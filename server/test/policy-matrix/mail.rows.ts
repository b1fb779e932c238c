// The authorization matrix's rows for the outbox and the office's SMTP sender (mail module):
// each route × every actor, with the answer docs/API.md promises.
import { matrixSmtpPort, officeAdmins, type Rows } from './world.js';

export const mailRows: Rows = {
  'GET /api/outbox': {
    request: () => ({ url: '/api/outbox' }),
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
  'GET /api/outbox/:id': {
    request: ({ w }) => ({ url: `/api/outbox/${w.outboxEmailId}` }),
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
  'POST /api/outbox/:id/retry': {
    // Without SMTP the e-mail is stored, not failed: the admins pass the policy and hear why it cannot be sent again.
    request: ({ w }) => ({ url: `/api/outbox/${w.outboxEmailId}/retry` }),
    expect: {
      owner: 409,
      admin: 409,
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
  // --- the office's own SMTP sender (office admins; office B's owner manages office B's) ------------
  'GET /api/office/mail-settings': { request: () => ({ url: '/api/office/mail-settings' }), expect: officeAdmins },
  'PUT /api/office/mail-settings': {
    request: () => ({
      url: '/api/office/mail-settings',
      body: {
        host: 'smtp.example.com',
        port: 587,
        security: 'starttls',
        username: 'matrix',
        password: 'matrix-pass',
        fromAddress: 'biuro@example.com',
      },
    }),
    expect: officeAdmins,
  },
  'DELETE /api/office/mail-settings': { request: () => ({ url: '/api/office/mail-settings' }), expect: officeAdmins },
  'POST /api/office/mail-settings/test': {
    // The form's values, pointing at a real SMTP server started for the matrix: those allowed get the message sent.
    request: () => ({
      url: '/api/office/mail-settings/test',
      body: {
        to: 'matrix@example.test',
        settings: {
          host: '127.0.0.1',
          port: matrixSmtpPort(),
          security: 'none',
          username: 'bureau',
          password: 's3cret',
          fromAddress: 'biuro@example.com',
        },
      },
    }),
    expect: officeAdmins,
  },
};
