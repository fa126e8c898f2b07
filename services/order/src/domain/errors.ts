import { defineErrors } from '@emporium/platform/http/errors';

export const orderErrors = defineErrors({
  ORDER_NOT_FOUND: { status: 404, title: 'No such order' },
  INVALID_TRANSITION: { status: 409, title: 'The order cannot move to this status from its current one' },
});
