// The authorization matrix for what reaches people: e-mail (outbox, the office's sender, replies), SMS, Web Push and
// the notification centre.
import { inboundRows } from './inbound.rows.js';
import { mailRows } from './mail.rows.js';
import { notifyRows } from './notify.rows.js';
import { pushRows } from './push.rows.js';
import { smsRows } from './sms.rows.js';
import { describeMatrix } from './world.js';

describeMatrix('mail, inbound, SMS, push and notifications', {
  ...mailRows,
  ...inboundRows,
  ...smsRows,
  ...notifyRows,
  ...pushRows,
});
