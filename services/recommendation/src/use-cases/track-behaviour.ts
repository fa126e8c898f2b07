import type { RequestContext } from '@emporium/platform/http/request-context';
import { insertBehaviourEvents } from '../db/behaviour-events.repo.js';
import { type BehaviourInput, behaviourEventOf, problemOf } from '../domain/behaviour.js';
import { recommendationErrors } from '../domain/errors.js';
import type { RecommendationDeps } from './deps.js';

/** Stores a batch of behaviour events: all of them, or none when one breaks its kind's rule. */
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
      {
        errors,
      },
    );
  }
  const now = new Date();
  const accepted = await insertBehaviourEvents(
    deps.db,
    inputs.map((input) => behaviourEventOf(input, now)),
  );
  for (const input of inputs) deps.metrics.behaviourEvents.inc({ kind: input.kind });
  ctx.logger.debug({ accepted }, 'behaviour tracked');
  return { accepted };
}
