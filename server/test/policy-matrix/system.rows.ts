// The authorization matrix's rows for health (system module):
// each route × every actor, with the answer docs/API.md promises.
import { everyone, type Rows } from './world.js';

export const systemRows: Rows = {
  // --- public ----------------------------------------------------------------------------------
  'GET /api/health': { request: () => ({ url: '/api/health' }), expect: everyone('allow') },
};
