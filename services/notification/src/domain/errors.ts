import { defineErrors } from '@emporium/platform/http/errors';

export const notificationErrors = defineErrors({
  TRANSACTIONAL_REQUIRED: { status: 409, title: 'Transactional email cannot be turned off' },
  PREFERENCE_DUPLICATED: { status: 400, title: 'A channel and category appear more than once' },
  TEMPLATE_NOT_FOUND: { status: 404, title: 'No such template' },
  TEMPLATE_DATA_MISSING: { status: 400, title: 'Values the template needs are missing' },
});
