import { defineErrors } from '@emporium/platform/http/errors';

export const userErrors = defineErrors({
  EMAIL_TAKEN: { status: 409, title: 'An account with this email already exists' },
  WEAK_PASSWORD: { status: 400, title: 'The password is too easy to guess' },
  USER_NOT_FOUND: { status: 404, title: 'No such user' },
  /** One answer for an unknown email, a wrong password and a deleted account: it reveals nothing. */
  INVALID_CREDENTIALS: { status: 401, title: 'The email or password is wrong' },
  INVALID_REFRESH_TOKEN: { status: 401, title: 'The refresh token is invalid, expired or revoked' },
  INVALID_LINK_TOKEN: { status: 400, title: 'The link is invalid, expired or already used' },
  WRONG_CURRENT_PASSWORD: { status: 403, title: 'The current password is wrong' },
  UNKNOWN_ROLE: { status: 400, title: 'No such role' },
  UNKNOWN_PERMISSION: { status: 400, title: 'No such permission' },
  ROLE_EXISTS: { status: 409, title: 'A role with this name already exists' },
  ROLE_NOT_FOUND: { status: 404, title: 'No such custom role' },
  ROLE_IN_USE: { status: 409, title: 'The role is still held by some accounts' },
  LAST_ADMIN: { status: 409, title: 'The last active admin cannot lose the admin role' },
  GRANT_BEYOND_OWN: { status: 403, title: 'You cannot grant permissions you do not hold' },
  API_KEY_NOT_FOUND: { status: 404, title: 'No such API key' },
  INVALID_API_KEY: { status: 401, title: 'The API key is invalid, expired or revoked' },
  OAUTH_PROVIDER_UNKNOWN: { status: 404, title: 'No such sign-in provider' },
  OAUTH_FAILED: { status: 400, title: 'The sign-in with the provider did not complete' },
  OAUTH_EMAIL_UNVERIFIED: {
    status: 403,
    title: 'The provider did not vouch for an email address; sign in another way',
  },
});
