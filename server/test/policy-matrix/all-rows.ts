// Every module's rows, by module: routes.test.ts checks them against the app's routes.
import { attachmentsRows } from './attachments.rows.js';
import { auditRows } from './audit.rows.js';
import { broadcastRows } from './broadcast.rows.js';
import { identityRows } from './identity.rows.js';
import { inboundRows } from './inbound.rows.js';
import { mailRows } from './mail.rows.js';
import { messagingRows } from './messaging.rows.js';
import { notifyRows } from './notify.rows.js';
import { onboardingRows } from './onboarding.rows.js';
import { pushRows } from './push.rows.js';
import { registryRows } from './registry.rows.js';
import { smsRows } from './sms.rows.js';
import { systemRows } from './system.rows.js';
import { tenancyRows } from './tenancy.rows.js';
import type { Rows } from './world.js';

export const rowsByModule: Record<string, Rows> = {
  attachments: attachmentsRows,
  audit: auditRows,
  broadcast: broadcastRows,
  identity: identityRows,
  inbound: inboundRows,
  mail: mailRows,
  messaging: messagingRows,
  notify: notifyRows,
  onboarding: onboardingRows,
  push: pushRows,
  registry: registryRows,
  sms: smsRows,
  system: systemRows,
  tenancy: tenancyRows,
};
