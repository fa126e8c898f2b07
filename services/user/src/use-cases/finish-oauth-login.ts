import { timingSafeEqual } from 'node:crypto';
import { platformErrors } from '@emporium/platform/http/errors';
import type { RequestContext } from '@emporium/platform/http/request-context';
import { findIdentity, insertIdentity, takeOAuthState } from '../db/oauth.repo.js';
import { findUserByEmail, findUserById, insertUser, updateUser } from '../db/users.repo.js';
import { userErrors } from '../domain/errors.js';
import { sha256Hex } from '../domain/secret-token.js';
import { normalizeEmail, roles, type User } from '../domain/user.js';
import { registeredEnvelope } from '../events/user-envelopes.js';
import type { OAuthProfile } from '../security/oauth-providers.js';
import type { UserDeps } from './deps.js';
import { issueSession, type Session } from './issue-session.js';
import { oauthProviderOf } from './start-oauth-login.js';

export interface OAuthCallback {
  provider: string;
  /** `state` from the callback's query, and the one the browser kept in its cookie. */
  state: string | undefined;
  cookieState: string | undefined;
  /** The callback URL as the provider called it (redirect URI + query): openid-client checks it. */
  callbackUrl: URL;
}

/** What a provider says is kept only as plain text: no control characters (Postgres refuses NUL). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const printable = (text: string) => text.replace(/[\u0000-\u001f\u007f]/g, '');
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const plausibleEmail = /^[^\s@\u0000-\u001f\u007f]{1,64}@[^\s@\u0000-\u001f\u007f]{1,189}$/;

const sameText = (a: string, b: string) =>
  a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/** A provider that cannot be reached is a 503; anything it answered that does not check out, a 400. */
function providerFailure(error: unknown) {
  const cause = (error as { cause?: { code?: string } }).cause;
  const name = (error as { name?: string }).name;
  const unreachable =
    (error instanceof TypeError && /fetch failed/.test(error.message)) ||
    name === 'TimeoutError' ||
    name === 'AbortError' ||
    typeof cause?.code === 'string';
  return unreachable
    ? platformErrors.DEPENDENCY_UNAVAILABLE('the sign-in provider cannot be reached right now')
    : userErrors.OAUTH_FAILED((error as Error).message?.slice(0, 200));
}

/**
 * Finishes an OAuth/OIDC sign-in: the state must match the browser's cookie
 * and a pending request (single use); openid-client exchanges the code with
 * the PKCE verifier and checks the ID token (signature, issuer, audience,
 * nonce). The identity then signs into the account already linked to it, or
 * is linked to the account with the same verified email, or creates one.
 */
export async function finishOAuthLogin(
  deps: UserDeps,
  ctx: RequestContext,
  callback: OAuthCallback,
): Promise<{ user: User; session: Session; created: boolean }> {
  const provider = oauthProviderOf(deps, callback.provider);
  if (!callback.state || !callback.cookieState || !sameText(callback.state, callback.cookieState)) {
    throw userErrors.OAUTH_FAILED('this sign-in was not started from this browser');
  }
  const pending = await takeOAuthState(deps.db, sha256Hex(callback.state), callback.provider);
  if (!pending) throw userErrors.OAUTH_FAILED('the sign-in expired or was already completed; start again');
  let profile: OAuthProfile;
  try {
    profile = await provider.exchange(callback.callbackUrl, {
      codeVerifier: pending.codeVerifier,
      state: callback.state,
      nonce: pending.nonce,
    });
  } catch (error) {
    ctx.logger.warn({ err: error, provider: callback.provider }, 'oauth exchange failed');
    throw providerFailure(error);
  }
  const { user, created } = await accountFor(deps, ctx, callback.provider, profile);
  if (created) deps.metrics.registrations.inc();
  deps.metrics.logins.inc({ method: 'oauth', outcome: 'success' });
  ctx.logger.info({ userId: user.id, provider: callback.provider, created }, 'user signed in with provider');
  return { user, created, session: await issueSession(deps, user) };
}

async function accountFor(
  deps: UserDeps,
  ctx: RequestContext,
  provider: string,
  profile: OAuthProfile,
): Promise<{ user: User; created: boolean }> {
  const linked = await findIdentity(deps.db, provider, profile.subject);
  if (linked) {
    const user = await findUserById(deps.db, linked.userId);
    if (user?.status !== 'active') throw userErrors.OAUTH_FAILED('this account was closed');
    return { user, created: false };
  }
  const email = profile.email ? normalizeEmail(profile.email) : '';
  if (!profile.emailVerified || !plausibleEmail.test(email)) throw userErrors.OAUTH_EMAIL_UNVERIFIED();
  return deps.db.transaction(async (tx) => {
    const existing = await findUserByEmail(tx, email);
    if (existing) {
      await insertIdentity(tx, { provider, subject: profile.subject, userId: existing.id, email });
      // The provider vouched for the address: it counts as verified here too.
      const user = existing.emailVerifiedAt
        ? existing
        : ((await updateUser(tx, existing.id, { emailVerifiedAt: new Date() })) ?? existing);
      return { user, created: false };
    }
    const name = (printable(profile.name ?? '').trim() || email.split('@')[0] || 'customer').slice(0, 120);
    const user = await insertUser(tx, {
      email,
      passwordHash: null,
      name,
      roles: [roles.customer],
      emailVerifiedAt: new Date(),
    });
    if (!user) throw userErrors.EMAIL_TAKEN('an account was created for this email meanwhile; try again');
    await insertIdentity(tx, { provider, subject: profile.subject, userId: user.id, email });
    await deps.events.enqueue(tx, registeredEnvelope(ctx, user, undefined));
    return { user, created: true };
  });
}
