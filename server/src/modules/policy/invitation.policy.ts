// Invitations: one is accepted only by the person it is addressed to (the account with its e-mail); to anyone else it
// is someone else's business. The link itself is the credential of a new person; see InvitationService.
import { AppError } from '../../http/app-error.js';
import type { Actor } from '../identity/index.js';

export type InvitationTarget = { person: { email: string }; invitation: { email: string } };

export const invitationPolicy = {
  'invitation.accept': (_actor: Actor, { person, invitation }: InvitationTarget): void => {
    if (person.email !== invitation.email) throw new AppError('invitation.other_account');
  },
};
