import { defineErrors } from '@emporium/platform/http/errors';

export const searchErrors = defineErrors({
  INVALID_PRICE_RANGE: { status: 400, title: 'minPrice must not be above maxPrice' },
});
