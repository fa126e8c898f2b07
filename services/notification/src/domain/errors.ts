import { defineErrors } from '@emporium/platform/http/errors';

export const notificationErrors = defineErrors({
  TRANSACTIONAL_REQUIRED: { status: 409, title: 'Transactional email cannot be turned off' },
  PREFERENCE_DUPLICATED: { status: 400, title: 'A channel and category appear more than once' },
  TEMPLATE_NOT_FOUND: { status: 404, title: 'No such template' },
  TEMPLATE_DATA_MISSING: { status: 400, title: 'Values the template needs are missing' },
  DELIVERY_NOT_FOUND: { status: 404, title: 'No such delivery' },
  DELIVERY_NOT_RETRYABLE: { status: 409, title: 'Only a failed delivery with its content can be sent again' },
  PUSH_SUBSCRIPTION_NOT_FOUND: { status: 404, title: 'No such push subscription' },
  PUSH_ENDPOINT_INVALID: { status: 400, title: 'A push endpoint must be an https URL' },
});
