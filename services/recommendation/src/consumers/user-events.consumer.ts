import { userDeleted } from '@emporium/contracts/events/user-events';
import type { EventRuntime } from '@emporium/platform/events/event-runtime';
import { eraseBehaviourOf } from '../db/behaviour-events.repo.js';
import type { RecommendationDeps } from '../use-cases/deps.js';
import { forgetShopper } from '../use-cases/forget-shopper.js';

/**
 * `user.deleted`: the account was erased, so is what its owner viewed and
 * bought here. The neighbours learnt from it fade out at the next full
 * rebuild; they name products, never the user.
 */
export function subscribeToUserEvents(events: EventRuntime, deps: RecommendationDeps): void {
  events.subscribe(userDeleted, async (event, { tx, logger }) => {
    const erased = await eraseBehaviourOf(tx, event.data.userId);
    await forgetShopper(deps, [{ userId: event.data.userId, sessionId: null }]);
    logger.info({ erased }, "a deleted user's behaviour erased");
  });
}
