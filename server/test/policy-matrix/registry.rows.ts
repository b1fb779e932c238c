// The authorization matrix's rows for public registries (registry module):
// each route × every actor, with the answer docs/API.md promises.
import { type Rows, staffAnswers } from './world.js';

export const registryRows: Rows = {
  'GET /api/registry/lookup': {
    // No registry answers here (its address is a closed local port): staff pass the policy and hear it is unreachable.
    request: () => ({ url: '/api/registry/lookup?country=PL&taxId=5260250274' }),
    expect: { ...staffAnswers(503), fullClient: 403, limitedClient: 403, otherCompanyClient: 403, anonymous: 401 },
  },
};
