import { defineErrors } from '@emporium/platform/http/errors';

export const searchErrors = defineErrors({
  INVALID_PRICE_RANGE: { status: 400, title: 'minPrice must not be above maxPrice' },
  INVALID_DATE_RANGE: { status: 400, title: 'from must be before to' },
  INVALID_SYNONYMS: { status: 400, title: 'A synonym rule is not usable' },
  QUERY_NOT_FOUND: { status: 404, title: 'No such logged search' },
  REINDEX_RUNNING: { status: 409, title: 'A reindex is already running' },
  CATALOG_UNAVAILABLE: { status: 503, title: 'The product catalog could not be read; try again shortly' },
});
