import type { HttpApp } from '@emporium/platform/http/create-http-app';
import { platformErrors } from '@emporium/platform/http/errors';
import { findUserStatus } from '../db/users.repo.js';
import type { UserDeps } from '../use-cases/deps.js';

/**
 * Access tokens are verified statelessly, so a token issued before its
 * account was deleted stays valid until it expires. This service owns the
 * accounts and can do better: after the signature check, every request made
 * with a user's token is refused unless that account is still active. (Other
 * services accept such a token for at most its remaining lifetime; see
 * docs/adr/0004-stateless-access-tokens.md.)
 */
const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function registerActiveAccountCheck(app: HttpApp, deps: Pick<UserDeps, 'db'>): void {
  app.addHook('onRequest', async (request) => {
    const principal = request.principal;
    if (principal?.kind !== 'user') return;
    const active =
      uuid.test(principal.subject) && (await findUserStatus(deps.db, principal.subject)) === 'active';
    if (!active) {
      throw platformErrors.UNAUTHENTICATED('this account no longer exists');
    }
  });
}
