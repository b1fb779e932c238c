// The face of the identity module: what other modules may use of it. Reach for nothing behind it.
export {
  allOfficeIds,
  deleteCompanySessions,
  deleteOfficeSessions,
  deleteUserCompanySessions,
  deleteUserSessions,
  findOffice,
  findUser,
  insertUser,
  officeExists,
  portalOfficeName,
  recordThrottleFailure,
  throttleBlockedSeconds,
  userByEmail,
  userIdByEmail,
} from './identity.repository.js';
