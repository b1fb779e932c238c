// The authorization matrix's rows for files (attachments module):
// each route × every actor, with the answer docs/API.md promises.
import { randomUUID } from 'node:crypto';
import { attachments } from '../../src/db/schema.js';
import { multipart } from '../harness.js';
import { everyone, readsX, type Rows, tinyPng } from './world.js';

export const attachmentsRows: Rows = {
  'POST /api/attachments': {
    // Staff name company X; a client user always uploads for their session's company (Y for otherCompanyClient).
    request: async ({ w }) => {
      const { body, type } = multipart('receipt.png', await tinyPng(), 'image/png');
      return { url: `/api/attachments?companyId=${w.X.id}`, body, headers: { 'content-type': type } };
    },
    expect: { ...readsX, limitedClient: 'allow', otherCompanyClient: 'allow' },
  },
  'GET /api/attachments/:id': { request: ({ w }) => ({ url: `/api/attachments/${w.attachmentId}` }), expect: readsX },
  'GET /api/attachments/:id/thumbnail': {
    request: ({ w }) => ({ url: `/api/attachments/${w.attachmentId}/thumbnail` }),
    expect: readsX,
  },
  'DELETE /api/attachments/:id': {
    // An upload fullClient has not sent yet: only fullClient may give it back; to everyone else it does not exist.
    request: async ({ t, w }) => {
      const id = randomUUID();
      await t.db.inTenant({ officeId: w.officeA.id }, (tx) =>
        tx.insert(attachments).values({
          id,
          officeId: w.officeA.id,
          companyId: w.X.id,
          uploadedBy: w.fullClient.id,
          name: 'a.pdf',
          mime: 'application/pdf',
          size: 1,
          sha256: '0'.repeat(64),
        }),
      );
      return { url: `/api/attachments/${id}` };
    },
    expect: { ...everyone(404), fullClient: 'allow', anonymous: 401 },
  },
  'GET /api/attachments/:id/preview': {
    request: ({ w }) => ({ url: `/api/attachments/${w.attachmentId}/preview` }),
    expect: readsX,
  },
};
