import type { RequestContext } from '@emporium/platform/http/request-context';
import { recordClick as insertClick } from '../db/clicks.repo.js';
import { searchErrors } from '../domain/errors.js';
import type { SearchDeps } from './deps.js';

/** A shopper opened a hit of a search they ran: the numerator of click-through rates. */
export async function recordClick(
  deps: SearchDeps,
  ctx: RequestContext,
  input: { queryId: number; productId: string; position: number },
): Promise<void> {
  if (!(await insertClick(deps.db, input))) {
    throw searchErrors.QUERY_NOT_FOUND(`search ${input.queryId} was not logged`);
  }
  deps.metrics.clicks.inc();
  ctx.logger.debug({ queryId: input.queryId, position: input.position }, 'search click recorded');
}
