import type { RequestContext } from '@emporium/platform/http/request-context';
import type { OrderExecutor } from '../db/database.js';
import type { CheckoutSaga, SagaStep } from '../domain/checkout-saga.js';
import type { OrderDeps } from '../use-cases/deps.js';

/**
 * What calling another service came to:
 * - `done`: the effect is there (now, or from an earlier run: every call is idempotent);
 * - `retry`: nothing definite (timeout, 5xx, network): run the step again later;
 * - `refused`: a definite no (a lapsed reservation, an unknown payment).
 */
export type CallOutcome =
  | { kind: 'done' }
  | { kind: 'retry'; error: string }
  | { kind: 'refused'; error: string };

export interface StepAction {
  /** Outside any transaction: calls to other services. Must be safe to run twice. */
  call?: (deps: OrderDeps, ctx: RequestContext, saga: CheckoutSaga) => Promise<CallOutcome>;
  /** Inside the transaction that records the step: this service's own writes (order status, outbox). */
  apply?: (deps: OrderDeps, tx: OrderExecutor, ctx: RequestContext, saga: CheckoutSaga) => Promise<void>;
}

/**
 * One step of the checkout saga with its compensation beside it (the Medusa
 * shape): the compensation gets the saga row, which holds exactly what it
 * needs to undo (order id, lines, payment id and amount).
 */
export interface SagaStepDefinition {
  name: SagaStep;
  /** Absent: the worker never runs this step forward (the checkout request or an event does). */
  forward?: StepAction;
  backward: StepAction;
}

export const done: CallOutcome = { kind: 'done' };
