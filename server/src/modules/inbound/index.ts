// The face of the inbound module: what other modules may use of it. Reach for nothing behind it.
import type { Tx } from '../../db/types.js';
import { replyTokenFor } from './inbound.repository.js';

/** A person's reply address in a conversation at `domain` (reply+<token>@domain), made on first use and then kept. */
export const replyAddressesAt =
  (domain: string) =>
  async (tx: Tx, officeId: string, conversationId: string, userId: string): Promise<string> =>
    `reply+${await replyTokenFor(tx, officeId, conversationId, userId)}@${domain}`;
