import type { RequestContext } from '@emporium/platform/http/request-context';
import type { UserDeps } from './deps.js';

/**
 * Makes a new current signing key (admin). The previous key stays in the
 * JWKS until every token it signed has expired, so nobody is signed out.
 */
export async function rotateSigningKey(deps: UserDeps, ctx: RequestContext): Promise<{ kid: string }> {
  const kid = await deps.keyRing.rotate();
  ctx.logger.info({ kid }, 'signing key rotation requested');
  return { kid };
}
