import { defineErrors } from '@emporium/platform/http/errors';

export const analyticsErrors = defineErrors({
  RANGE_INVALID: { status: 400, title: 'The report range must start before it ends' },
  RANGE_TOO_LARGE: { status: 400, title: 'The report range has too many periods for this interval' },
});
