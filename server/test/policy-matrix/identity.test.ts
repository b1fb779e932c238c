// The authorization matrix for signing in, one's own account and sessions (and the health check).
import { identityRows } from './identity.rows.js';
import { systemRows } from './system.rows.js';
import { describeMatrix } from './world.js';

describeMatrix('identity and system', { ...systemRows, ...identityRows });
