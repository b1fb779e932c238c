// The face of the onboarding module: what other modules may use of it. Reach for nothing behind it.
export { type InvitationService } from './invitation.service.js';
