import { defineErrors } from '@emporium/platform/http/errors';

export const userErrors = defineErrors({
  EMAIL_TAKEN: { status: 409, title: 'An account with this email already exists' },
  WEAK_PASSWORD: { status: 400, title: 'The password is too easy to guess' },
  USER_NOT_FOUND: { status: 404, title: 'No such user' },
});
