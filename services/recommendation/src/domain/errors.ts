import { defineErrors } from '@emporium/platform/http/errors';

export const recommendationErrors = defineErrors({
  BEHAVIOUR_EVENT_INVALID: { status: 400, title: 'A behaviour event does not fit its kind' },
  BEHAVIOUR_USER_MISMATCH: { status: 403, title: 'A behaviour event names another user' },
});
