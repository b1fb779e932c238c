// The authorization matrix for conversations, messages, channels and their files.
import { attachmentsRows } from './attachments.rows.js';
import { messagingRows } from './messaging.rows.js';
import { describeMatrix } from './world.js';

describeMatrix('messaging and attachments', { ...messagingRows, ...attachmentsRows });
