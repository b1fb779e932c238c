// The face of the identity module: what other modules may use of it. Reach for nothing behind it.
export {
  deleteCompanySessions,
  deleteOfficeSessions,
  deleteUserCompanySessions,
  deleteUserSessions,
  findUser,
  insertUser,
  recordThrottleFailure,
  throttleBlockedSeconds,
  userByEmail,
  userIdByEmail,
} from './identity.repository.js';
