import { userDeleted, userRegistered, userUpdated } from '@emporium/contracts/events/user-events';
import type { EventRuntime } from '@emporium/platform/events/event-runtime';
import { mergeUser } from '../db/user-facts.repo.js';

/**
 * Accounts into `fact_users`: registration time, locale and opt-in only
 * (no email or name). An erased account is marked deleted; its id is a
 * pseudonym with nothing personal left to drop.
 */
export function subscribeUserEvents(events: EventRuntime): void {
  events.subscribe(userRegistered, async (event, { tx }) => {
    const d = event.data;
    await mergeUser(tx, {
      userId: d.userId,
      registeredAt: new Date(d.registeredAt),
      locale: d.locale,
      marketingOptIn: d.marketingOptIn,
    });
  });
  events.subscribe(userUpdated, async (event, { tx }) => {
    await mergeUser(tx, { userId: event.data.userId, locale: event.data.locale });
  });
  events.subscribe(userDeleted, async (event, { tx }) => {
    await mergeUser(tx, { userId: event.data.userId, deletedAt: new Date(event.data.deletedAt) });
  });
}
