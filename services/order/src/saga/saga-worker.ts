import type { RequestContext } from '@emporium/platform/http/request-context';
import { changeSaga, claimDueSagas, endLease, lockSaga, scheduleRetry } from '../db/checkout-sagas.repo.js';
import type { OrderExecutor } from '../db/database.js';
import { findOrder } from '../db/orders.repo.js';
import { type CheckoutSaga, nextStep, retryDelayMs } from '../domain/checkout-saga.js';
import type { OrderDeps } from '../use-cases/deps.js';
import { backgroundContext } from './background-context.js';
import { beginCompensation } from './begin-compensation.js';
import { expireUnpaidOrders } from './expire-unpaid-orders.js';
import type { CallOutcome, StepAction } from './saga-step.js';
import { sagaStepDefinitions } from './saga-steps.js';

export interface SagaWorker {
  /** Runs one round: expire overdue orders, then run the due steps. Returns how many steps it ran. */
  runOnce(): Promise<number>;
  stop(): Promise<void>;
}

const batchSize = 16;

/**
 * The saga worker, and the recovery after a restart: every round it claims
 * the sagas whose step is due (new work, retries, and leases a dead process
 * left behind) and runs them. A step's calls to other services happen
 * outside any transaction; then one short transaction records the outcome,
 * but only if the saga is still the version it claimed (an event or a
 * cancellation may have changed it meanwhile: then the new step runs next).
 */
export function startSagaWorker(deps: OrderDeps): SagaWorker {
  let running = true;

  async function record(
    saga: CheckoutSaga,
    ctx: RequestContext,
    work: (tx: OrderExecutor, current: CheckoutSaga) => Promise<void>,
  ) {
    const recorded = await deps.db.transaction(async (tx) => {
      const current = await lockSaga(tx, saga.orderId);
      if (!current || current.version !== saga.version) return false;
      await work(tx, current);
      return true;
    });
    if (!recorded) {
      ctx.logger.info('saga changed while its step ran; the new step runs next');
      await endLease(deps.db, saga.orderId);
    }
  }

  async function advance(tx: OrderExecutor, saga: CheckoutSaga, action: StepAction, ctx: RequestContext) {
    await action.apply?.(deps, tx, ctx, saga);
    const next = nextStep(saga.step, saga.direction);
    if (next) {
      await changeSaga(tx, saga.orderId, {
        step: next,
        nextAttemptAt: new Date(),
        resetAttempts: true,
        lastError: null,
      });
    } else if (saga.direction === 'forward') {
      await changeSaga(tx, saga.orderId, { status: 'done', nextAttemptAt: null, lastError: null });
    } else {
      // Undone to the start. No order was ever written: the checkout was aborted, and its key is free again.
      const placed = (await findOrder(tx, saga.orderId)) !== undefined;
      await changeSaga(tx, saga.orderId, {
        status: placed ? 'compensated' : 'aborted',
        nextAttemptAt: null,
        lastError: null,
        releaseKey: !placed,
      });
    }
  }

  async function runStep(saga: CheckoutSaga): Promise<void> {
    const { ctx, end } = backgroundContext(deps.logger, saga);
    const labels = { step: saga.step, direction: saga.direction };
    try {
      const action = sagaStepDefinitions[saga.step][saga.direction === 'forward' ? 'forward' : 'backward'];
      if (!action) {
        // A forward step only a request or an event moves: the checkout request died midway. Undo it.
        await record(saga, ctx, (tx, current) =>
          beginCompensation(deps, tx, current, {
            reason: 'reservation_failed',
            actor: 'system:recovery',
            detail: 'checkout abandoned midway',
            trace: ctx.trace,
          }),
        );
        deps.metrics.sagaSteps.inc({ ...labels, outcome: 'abandoned' });
        return;
      }
      const outcome: CallOutcome = action.call
        ? await action.call(deps, ctx, saga).catch((error: unknown) => ({
            kind: 'retry' as const,
            error: error instanceof Error ? error.message : String(error),
          }))
        : { kind: 'done' };
      deps.metrics.sagaSteps.inc({ ...labels, outcome: outcome.kind });
      if (outcome.kind === 'retry') {
        const delay = retryDelayMs(saga.attempts, deps.settings.saga.maxBackoffMs);
        ctx.logger.warn(
          { attempts: saga.attempts, delayMs: delay, error: outcome.error },
          'saga step will be retried',
        );
        await scheduleRetry(deps.db, saga.orderId, saga.version, delay, outcome.error);
        return;
      }
      await record(saga, ctx, async (tx, current) => {
        if (outcome.kind === 'done') return advance(tx, current, action, ctx);
        if (current.direction === 'forward') {
          // A definite no going forward (the hold lapsed before the payment came): undo, refunding the payment.
          return beginCompensation(deps, tx, current, {
            reason: 'reservation_expired',
            actor: 'system:checkout',
            detail: outcome.error,
            trace: ctx.trace,
          });
        }
        ctx.logger.error({ error: outcome.error }, 'saga compensation refused; needs an operator');
        await changeSaga(tx, current.orderId, {
          status: 'stuck',
          nextAttemptAt: null,
          lastError: outcome.error,
        });
      });
      deps.sagaWakeup.wake();
    } catch (error) {
      // The database failed (or an apply threw): the lease runs out and the step is taken again.
      ctx.logger.error({ err: error }, 'saga step failed');
      const delay = retryDelayMs(saga.attempts, deps.settings.saga.maxBackoffMs);
      await scheduleRetry(deps.db, saga.orderId, saga.version, delay, String(error)).catch(() => {});
    } finally {
      end();
    }
  }

  async function runOnce(): Promise<number> {
    await expireUnpaidOrders(deps);
    const claimed = await claimDueSagas(deps.db, batchSize, deps.settings.saga.leaseMs);
    await Promise.all(claimed.map(runStep));
    return claimed.length;
  }

  const loop = (async () => {
    while (running) {
      let ran = 0;
      try {
        ran = await runOnce();
      } catch (error) {
        deps.logger.error({ err: error }, 'saga worker round failed');
      }
      if (!running) break;
      if (ran < batchSize) await deps.sagaWakeup.sleep(deps.settings.saga.pollIntervalMs);
    }
  })();

  return {
    runOnce,
    async stop() {
      running = false;
      deps.sagaWakeup.wake();
      await loop;
    },
  };
}
