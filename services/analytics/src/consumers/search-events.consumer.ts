import { searchPerformed, searchResultClicked } from '@emporium/contracts/events/search-events';
import type { EventRuntime } from '@emporium/platform/events/event-runtime';
import { recordSearch, recordSearchClick } from '../db/behaviour-facts.repo.js';
import { searchTermOf } from '../domain/fact-keys.js';

/** Searches and clicks on their hits, keyed by the search service's search id. */
export function subscribeSearchEvents(events: EventRuntime): void {
  events.subscribe(searchPerformed, async (event, { tx }) => {
    const d = event.data;
    await recordSearch(tx, {
      searchId: d.searchId,
      query: d.query,
      term: searchTermOf(d.query),
      resultCount: d.resultCount,
      userId: d.userId,
      sessionId: d.sessionId,
      at: new Date(d.performedAt),
    });
  });
  events.subscribe(searchResultClicked, async (event, { tx }) => {
    const d = event.data;
    await recordSearchClick(tx, {
      searchId: d.searchId,
      productId: d.productId,
      position: d.position,
      at: new Date(d.clickedAt),
    });
  });
}
