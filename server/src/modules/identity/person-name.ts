// People's names through the shared rule (common/src/validation/person-name.ts), as services need
// it: the cleaned name, or a field error saying why it cannot be used.
import { checkPersonName, PERSON_NAME_MAX_LENGTH } from '@bureau/common/validation';
import { invalid } from '../../http/app-error.js';

/** The name as it is stored (no bidi overrides, invisible or control characters, spaces collapsed), or a 400 on `field`. */
export function personName(raw: string, field = 'name'): string {
  const result = checkPersonName(raw);
  if (result.ok) return result.name;
  throw invalid({ [field]: { code: result.reason, params: { max: PERSON_NAME_MAX_LENGTH } } });
}
