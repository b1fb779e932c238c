// The face of the identity module: what other modules may use of it. Reach for nothing behind it.
export {
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
