import { createEnvelope } from '@emporium/contracts/events/envelope';
import { searchPerformed } from '@emporium/contracts/events/search-events';
import { traceContextOf } from '@emporium/platform/events/event-trace';
import { platformErrors } from '@emporium/platform/http/errors';
import { decodeCursor } from '@emporium/platform/http/keyset-page';
import type { RequestContext } from '@emporium/platform/http/request-context';
import { logQuery, type QueryLogEntry } from '../db/query-log.repo.js';
import { searchErrors } from '../domain/errors.js';
import type { SearchResult } from '../domain/search-engine.js';
import { type SearchFilters, type SearchSort, searchPositions } from '../domain/search-request.js';
import { expandQuery } from '../domain/synonyms.js';
import type { SearchDeps } from './deps.js';

export interface SearchProductsInput extends SearchFilters {
  q?: string | undefined;
  sort: SearchSort;
  limit: number;
  cursor?: string | undefined;
}

export interface SearchProductsResult extends SearchResult {
  /** The logged search (first pages only): clicks on its hits refer to it. */
  queryId: number | null;
}

export async function searchProducts(
  deps: SearchDeps,
  ctx: RequestContext,
  input: SearchProductsInput,
  shopper: { userId: string | null } = { userId: null },
): Promise<SearchProductsResult> {
  const { q: rawQuery, sort, limit, cursor, ...filters } = input;
  const q = rawQuery?.trim() || undefined;
  if (
    filters.minPrice !== undefined &&
    filters.maxPrice !== undefined &&
    filters.minPrice > filters.maxPrice
  ) {
    throw searchErrors.INVALID_PRICE_RANGE(
      `minPrice ${filters.minPrice} is above maxPrice ${filters.maxPrice}`,
    );
  }
  const after = cursor ? decodeCursor(searchPositions[sort], cursor) : undefined;
  // A cursor from a browse (no query) cannot continue a search, nor the other way round.
  if (after && (after[1] === 'all') !== (q === undefined)) {
    throw platformErrors.VALIDATION_FAILED('cursor belongs to another search', {
      errors: [{ in: 'querystring', path: '/cursor', message: 'belongs to another search' }],
    });
  }

  const started = performance.now();
  const expansions = q === undefined ? undefined : expandQuery(q, await deps.synonyms.map());
  const result = await deps.engine.search({ q, expansions, filters, sort, limit, after });
  const latencyMs = Math.round(performance.now() - started);

  // Only first pages are searches; further pages of the same one would inflate the analytics.
  let queryId: number | null = null;
  if (!after) {
    deps.metrics.searches.inc({ mode: result.mode });
    if (result.total === 0) deps.metrics.zeroResults.inc();
    try {
      queryId = await logSearch(deps, ctx, shopper, {
        q: q ?? '',
        filters,
        sort,
        matchMode: result.mode,
        resultCount: result.total,
        latencyMs,
      });
    } catch (error) {
      // Losing one analytics row must not fail the shopper's search.
      ctx.logger.warn({ err: error }, 'search query not logged');
    }
  }
  return { ...result, queryId };
}

/** The query log row and its `search.performed` event, in one transaction. */
async function logSearch(
  deps: SearchDeps,
  ctx: RequestContext,
  shopper: { userId: string | null },
  entry: QueryLogEntry,
): Promise<number> {
  const events = deps.events;
  if (!events) return logQuery(deps.db, entry);
  return deps.db.transaction(async (tx) => {
    const id = await logQuery(tx, entry);
    await events.enqueue(
      tx,
      createEnvelope(searchPerformed, {
        subject: String(id),
        data: {
          searchId: String(id),
          query: entry.q.slice(0, 256),
          resultCount: entry.resultCount,
          userId: shopper.userId,
          sessionId: null,
          performedAt: new Date().toISOString(),
        },
        ...traceContextOf(ctx.trace),
      }),
    );
    return id;
  });
}
