// The authorization matrix for broadcasts: one message to many companies, and its report.
import { broadcastRows } from './broadcast.rows.js';
import { describeMatrix } from './world.js';

describeMatrix('broadcast', broadcastRows);
