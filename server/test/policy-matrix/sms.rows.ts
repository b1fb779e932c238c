// The authorization matrix's rows for SMS (sms module):
// each route × every actor, with the answer docs/API.md promises.
import { smsapiCallbackToken } from '../../src/modules/sms/sms.service.js';
import { twilioSignature } from '../../src/modules/sms/twilio.provider.js';
import { everyone, MATRIX_SMS_TOKEN, MATRIX_TWILIO_SID, type Rows, smsSettingsOf } from './world.js';

let smsSeed = 100;

export const smsRows: Rows = {
  // --- SMS: office admins; the providers' delivery reports are public, and signed -------------------
  'GET /api/sms/settings': {
    request: () => ({ url: '/api/sms/settings' }),
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
  'PUT /api/sms/settings': {
    // Each office keeps its provider: office A SMSAPI, office B (the other office's staff) Twilio.
    request: ({ actor }) => ({
      url: '/api/sms/settings',
      body: smsSettingsOf(actor === 'otherOfficeStaff' ? 'twilio' : 'smsapi'),
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
  'POST /api/sms/messages/:id/retry': {
    // A pending SMS: the admins pass the policy and hear that only a failed one can be sent again.
    request: ({ w }) => ({ url: `/api/sms/messages/${w.smsId}/retry` }),
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
  'POST /api/sms/test': {
    // A new number each time: the per-number hourly limit must not decide the answer.
    request: () => ({ url: '/api/sms/test', body: { to: `+48 600 ${String(smsSeed++).padStart(6, '0')}` } }),
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
  'GET /api/sms/messages': {
    request: () => ({ url: '/api/sms/messages?status=pending' }),
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
  'POST /api/sms/status/twilio/:officeId': {
    // Anyone may deliver a report that Twilio signed with office B's Auth Token (no session is read).
    request: ({ w }) => {
      const url = `/api/sms/status/twilio/${w.officeB.id}`;
      const params = { MessageSid: 'SMmatrix', MessageStatus: 'delivered', AccountSid: MATRIX_TWILIO_SID };
      const signature = twilioSignature(MATRIX_SMS_TOKEN, `http://localhost:3000${url}`, params);
      return {
        url,
        body: new URLSearchParams(params).toString(),
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature },
      };
    },
    expect: everyone('allow'),
  },
  'GET /api/sms/status/smsapi/:officeId/:token': {
    request: ({ w }) => ({
      url: `/api/sms/status/smsapi/${w.officeA.id}/${smsapiCallbackToken(MATRIX_SMS_TOKEN, w.officeA.id)}?MsgId=matrix&status_name=DELIVERED`,
    }),
    expect: everyone('allow'),
  },
};
