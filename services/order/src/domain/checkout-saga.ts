import type { ShippingAddress } from './order.js';
import type { OrderTotals, PricedLine } from './order-totals.js';

/**
 * The checkout saga's steps, in forward order. Each has its compensation
 * beside it in `saga/steps/`; undoing runs the compensations from the
 * current step back to the first, every one safe to run twice.
 *
 * - `reserve_stock`: hold the stock in inventory (the checkout request).
 * - `place_order`: write the order `pending_payment` with `order.created` (the checkout request).
 * - `await_payment`: wait for `payment.completed` until the payment deadline.
 * - `commit_stock`: the payment arrived; the held stock leaves inventory for good.
 * - `confirm_payment`: the order becomes `paid`.
 */
export const sagaSteps = [
  'reserve_stock',
  'place_order',
  'await_payment',
  'commit_stock',
  'confirm_payment',
] as const;
export type SagaStep = (typeof sagaSteps)[number];

export const sagaDirections = ['forward', 'backward'] as const;
export type SagaDirection = (typeof sagaDirections)[number];

/**
 * - `running`: the worker runs the current step when `next_attempt_at` is due.
 * - `waiting`: nothing to run until an event arrives, or the deadline in `next_attempt_at` passes.
 * - `done`: the order is paid and its stock committed.
 * - `compensated`: the order was cancelled and everything it held undone.
 * - `aborted`: the checkout never produced an order; whatever it held was released.
 * - `refused`: the checkout was answered with a refusal (out of stock); nothing was held.
 * - `stuck`: a compensation was refused by another service; an operator must look.
 */
export const sagaStatuses = [
  'running',
  'waiting',
  'done',
  'compensated',
  'aborted',
  'refused',
  'stuck',
] as const;
export type SagaStatus = (typeof sagaStatuses)[number];

/** Why an order is being undone, as `order.cancelled` names it. */
export type CancelReason =
  | 'customer_request'
  | 'admin'
  | 'payment_failed'
  | 'reservation_expired'
  | 'reservation_failed';

/** What the checkout decided before it called anyone: enough to write the order, and to undo it. */
export interface CheckoutPlan {
  cartId: string;
  customerId: string | null;
  email: string;
  currency: string;
  shippingAddress: ShippingAddress;
  lines: PricedLine[];
  totals: OrderTotals;
  guestTokenHash: string | null;
  actor: string;
  /** The checkout request's trace: background steps continue it. */
  traceparent?: string | undefined;
}

/** The problem a refused checkout answered: the same key gets the same answer. */
export interface SagaRefusal {
  code: string;
  detail: string;
  extensions: Record<string, unknown>;
}

export interface CheckoutSaga {
  orderId: string;
  step: SagaStep;
  direction: SagaDirection;
  status: SagaStatus;
  version: number;
  attempts: number;
  nextAttemptAt: Date | null;
  lastError: string | null;
  cancelReason: CancelReason | null;
  plan: CheckoutPlan;
  reservationExpiresAt: Date | null;
  paymentId: string | null;
  paidMinor: number | null;
}

export const isFinished = (status: SagaStatus) =>
  status === 'done' || status === 'compensated' || status === 'aborted' || status === 'refused';

export function indexOfStep(step: SagaStep): number {
  return sagaSteps.indexOf(step);
}

/** The step after `step` in `direction`; undefined once the saga has run off either end. */
export function nextStep(step: SagaStep, direction: SagaDirection): SagaStep | undefined {
  return sagaSteps[indexOfStep(step) + (direction === 'forward' ? 1 : -1)];
}

/**
 * Where undoing has to (re)start when a payment turns up for a saga that is
 * undoing or undone: the payment's compensation (the refund) must run, and
 * every compensation before it again (each is safe to repeat).
 */
export function stepToRefundFrom(saga: Pick<CheckoutSaga, 'step' | 'direction' | 'status'>): SagaStep {
  const refundStep: SagaStep = 'await_payment';
  const stillAhead =
    saga.direction === 'backward' &&
    saga.status === 'running' &&
    indexOfStep(saga.step) >= indexOfStep(refundStep);
  return stillAhead ? saga.step : refundStep;
}

/** Exponential backoff for a step that failed transiently: 0.5 s, 1 s, 2 s, ... up to `maxMs`. */
export function retryDelayMs(attempts: number, maxMs: number): number {
  const exponent = Math.min(Math.max(attempts - 1, 0), 20);
  return Math.min(500 * 2 ** exponent, maxMs);
}
