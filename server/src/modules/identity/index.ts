// The face of the identity module: what other modules may use of it. Reach for nothing behind it.
import {
  findUser,
  insertUser,
  recordThrottleFailure,
  throttleBlockedSeconds,
  userByEmail,
  userIdByEmail,
} from './identity.repository.js';
export { type Actor, type RequestOrigin, type StaffActor } from './actor.js';
export { loadActor } from './actor.loader.js';
export { needsSettling, reloadActors, settleReload } from './actor.reload.js';
export { type AuthService, type SignedIn } from './auth.service.js';
export { assertStrongPassword, hashPassword } from './password.js';
export { personName } from './person-name.js';
export { hashToken, randomToken } from './secrets.js';
export { type SessionService } from './session.service.js';

// The instance's accounts and the sign-in throttle, for modules that find or create a person in their own
// transaction (setup, invitations, replies by e-mail).
export const people = {
  findUser,
  insertUser,
  recordThrottleFailure,
  throttleBlockedSeconds,
  userByEmail,
  userIdByEmail,
};
