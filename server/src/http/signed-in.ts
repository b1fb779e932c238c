// Every way of signing in (a password, an e-mailed code or link, accepting an invitation) ends the same way: the new
// session's cookie and the person's Me. Shared by the identity and invitation routes, so it lives with the HTTP layer.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { SignedIn } from '../modules/identity/index.js';
import { originOf, setSessionCookie } from './auth.js';

/** Sets the cookie of a new session and answers with the Me of its actor (every way of signing in ends here). */
export async function answerSignedIn(
  app: FastifyInstance,
  request: FastifyRequest,
  reply: FastifyReply,
  result: SignedIn,
) {
  setSessionCookie(request, reply, result.token, app.config.sessionTtlHours * 3600);
  const actor = await app.services.sessions.resolve(result.token, originOf(request));
  return app.services.account.me(actor!);
}
