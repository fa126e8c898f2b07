import type { RequestContext } from '@emporium/platform/http/request-context';
import { deleteIdentitiesOf } from '../db/oauth.repo.js';
import { invalidateOneTimeTokens } from '../db/one-time-tokens.repo.js';
import { revokeAllOfUser } from '../db/refresh-tokens.repo.js';
import { countActiveWithRole, findUserById, updateUser } from '../db/users.repo.js';
import { userErrors } from '../domain/errors.js';
import { anonymisedEmailOf, roles } from '../domain/user.js';
import { deletedEnvelope } from '../events/user-envelopes.js';
import type { UserDeps } from './deps.js';

/**
 * Erases an account's personal data while keeping its id (orders and
 * payments elsewhere still point at it): the email becomes an undeliverable
 * placeholder, the name is cleared, the password, OAuth links and every token
 * are removed, and `user.deleted` tells the other services to forget what
 * they hold. Access tokens already issued stay valid elsewhere until they
 * expire (docs/adr); this service refuses them at once.
 */
export async function deleteAccount(deps: UserDeps, ctx: RequestContext, userId: string): Promise<void> {
  const user = await findUserById(deps.db, userId);
  if (user?.status !== 'active') throw userErrors.USER_NOT_FOUND();
  await deps.db.transaction(async (tx) => {
    if (user.roles.includes(roles.admin) && (await countActiveWithRole(tx, roles.admin, userId)) === 0) {
      throw userErrors.LAST_ADMIN('make another account admin before deleting this one');
    }
    const deletedAt = new Date();
    await updateUser(tx, userId, {
      email: anonymisedEmailOf(userId),
      emailVerifiedAt: null,
      name: '',
      passwordHash: null,
      roles: [],
      marketingOptIn: false,
      status: 'deleted',
    });
    await deleteIdentitiesOf(tx, userId);
    await revokeAllOfUser(tx, userId);
    await invalidateOneTimeTokens(tx, userId);
    await deps.events.enqueue(tx, deletedEnvelope(ctx, userId, deletedAt));
  });
  ctx.logger.info({ userId }, 'account deleted');
}
