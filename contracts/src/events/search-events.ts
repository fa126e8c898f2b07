import { Type } from 'typebox';
import { defineEvent } from './define-event.js';
import { Id, Nullable, Timestamp } from './shared-schemas.js';

/**
 * Searches and clicks on their hits, as the search service logs them (its
 * query log and click table): analytics counts terms, zero-result searches
 * and click-through from these. `searchId` is the search service's id of the
 * logged search (first pages only), which its clicks refer to.
 */
export const searchPerformed = defineEvent({
  type: 'search.performed',
  version: 1,
  producer: 'search',
  consumers: ['analytics'],
  description:
    'A shopper ran a search (first page); `resultCount` 0 is a zero-result search. Subject: search id.',
  payload: Type.Object(
    {
      searchId: Id,
      query: Type.String({ maxLength: 256, description: 'as typed, trimmed; empty for a browse' }),
      resultCount: Type.Integer({ minimum: 0 }),
      userId: Nullable(Id),
      sessionId: Nullable(Type.String({ minLength: 1, maxLength: 128 })),
      performedAt: Timestamp,
    },
    { additionalProperties: false },
  ),
});

export const searchResultClicked = defineEvent({
  type: 'search.result_clicked',
  version: 1,
  producer: 'search',
  consumers: ['analytics'],
  description:
    'A shopper opened a hit of a logged search (the numerator of click-through). Subject: search id.',
  payload: Type.Object(
    {
      searchId: Id,
      productId: Id,
      position: Type.Integer({ minimum: 1 }),
      clickedAt: Timestamp,
    },
    { additionalProperties: false },
  ),
});

export const searchEvents = [searchPerformed, searchResultClicked] as const;
