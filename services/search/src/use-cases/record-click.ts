import { createEnvelope } from '@emporium/contracts/events/envelope';
import { searchResultClicked } from '@emporium/contracts/events/search-events';
import { traceContextOf } from '@emporium/platform/events/event-trace';
import type { RequestContext } from '@emporium/platform/http/request-context';
import { recordClick as insertClick } from '../db/clicks.repo.js';
import { searchErrors } from '../domain/errors.js';
import type { SearchDeps } from './deps.js';

/**
 * A shopper opened a hit of a search they ran: the numerator of
 * click-through rates. The click and its `search.result_clicked` event
 * commit together.
 */
export async function recordClick(
  deps: SearchDeps,
  ctx: RequestContext,
  input: { queryId: number; productId: string; position: number },
): Promise<void> {
  const recorded = await deps.db.transaction(async (tx) => {
    if (!(await insertClick(tx, input))) return false;
    await deps.events?.enqueue(
      tx,
      createEnvelope(searchResultClicked, {
        subject: String(input.queryId),
        data: {
          searchId: String(input.queryId),
          productId: input.productId,
          position: input.position,
          clickedAt: new Date().toISOString(),
        },
        ...traceContextOf(ctx.trace),
      }),
    );
    return true;
  });
  if (!recorded) throw searchErrors.QUERY_NOT_FOUND(`search ${input.queryId} was not logged`);
  deps.metrics.clicks.inc();
  ctx.logger.debug({ queryId: input.queryId, position: input.position }, 'search click recorded');
}
