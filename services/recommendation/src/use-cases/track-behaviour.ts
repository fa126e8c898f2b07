import { behaviourTracked } from '@emporium/contracts/events/behaviour-events';
import { createEnvelope } from '@emporium/contracts/events/envelope';
import { traceContextOf } from '@emporium/platform/events/event-trace';
import type { RequestContext } from '@emporium/platform/http/request-context';
import { insertBehaviourEvents } from '../db/behaviour-events.repo.js';
import { queueForModel } from '../db/model-backlog.repo.js';
import { type BehaviourInput, behaviourEventOf, problemOf } from '../domain/behaviour.js';
import { recommendationErrors } from '../domain/errors.js';
import type { RecommendationDeps } from './deps.js';
import { forgetShopper } from './forget-shopper.js';

/**
 * Stores a batch of behaviour events: all of them, or none when one breaks
 * its kind's rule. With them, in the same transaction: a `behaviour.tracked`
 * event each (analytics), and their products queued for the incremental model.
 */
export async function trackBehaviour(
  deps: RecommendationDeps,
  ctx: RequestContext,
  inputs: BehaviourInput[],
): Promise<{ accepted: number }> {
  const errors = inputs.flatMap((input, index) => {
    const problem = problemOf(input);
    return problem ? [{ index, message: problem }] : [];
  });
  if (errors.length > 0) {
    throw recommendationErrors.BEHAVIOUR_EVENT_INVALID(
      errors.map((e) => `events[${e.index}]: ${e.message}`).join('; '),
      { errors },
    );
  }
  const now = new Date();
  const events = inputs.map((input) => behaviourEventOf(input, now));
  const accepted = await deps.db.transaction(async (tx) => {
    const stored = await insertBehaviourEvents(tx, events);
    for (const event of events) {
      await deps.events.enqueue(
        tx,
        createEnvelope(behaviourTracked, {
          subject: event.userId ?? event.sessionId,
          data: {
            userId: event.userId,
            sessionId: event.sessionId,
            action: event.kind,
            productId: event.productId,
            sku: null,
            query: event.query,
            occurredAt: event.occurredAt.toISOString(),
          },
          ...traceContextOf(ctx.trace),
        }),
      );
    }
    await queueForModel(
      tx,
      'behaviour',
      stored.flatMap((row) => (row.productId ? [row.productId] : [])),
    );
    return stored.length;
  });
  for (const input of inputs) deps.metrics.behaviourEvents.inc({ kind: input.kind });
  await forgetShopper(deps, events);
  ctx.logger.debug({ accepted }, 'behaviour tracked');
  return { accepted };
}
