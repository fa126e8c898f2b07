import { randomUUID } from 'node:crypto';
import type { RequestContext } from '@emporium/platform/http/request-context';
import { UnexpectedAnswerError } from '../clients/upstream-answer.js';
import { changeSaga, insertSaga, lockSaga } from '../db/checkout-sagas.repo.js';
import { insertOrder } from '../db/orders.repo.js';
import {
  type CheckoutRequest,
  checkoutRequestHash,
  scopedIdempotencyKey,
} from '../domain/checkout-request.js';
import type { CheckoutPlan, CheckoutSaga, SagaRefusal } from '../domain/checkout-saga.js';
import { orderErrors } from '../domain/errors.js';
import type { OrderDetail } from '../domain/order.js';
import { priceWithRules } from '../domain/pricing-rules.js';
import { orderCreatedEnvelope } from '../events/order-envelopes.js';
import { beginCompensation } from '../saga/begin-compensation.js';
import { reserveStockFor } from '../saga/steps/reserve-stock.step.js';
import { actorOf, type Caller, customerIdOf } from './caller.js';
import { loadCart } from './cart-access.js';
import type { OrderDeps } from './deps.js';
import { getOrder } from './get-order.js';
import { recheckPrices } from './steps/recheck-prices.js';
import { replayCheckout } from './steps/replay-checkout.js';
import { traceparentOf, upstream } from './steps/upstream.js';

export interface PlaceOrderInput extends CheckoutRequest {
  idempotencyKey: string | undefined;
}

export interface PlacedOrder {
  order: OrderDetail;
  /** True when the Idempotency-Key had already placed this order. */
  replayed: boolean;
}

const isUniqueViolation = (error: unknown) =>
  (error as { code?: string }).code === '23505' ||
  (error as { cause?: { code?: string } }).cause?.code === '23505';

/**
 * `POST /orders`, the forward half of the checkout saga as one request:
 *
 * 1. the Idempotency-Key: a known key replays its order (or its refusal);
 * 2. prices re-checked with the product service (a change is shown, not charged);
 * 3. the saga row written with the new order id, before anyone is called;
 * 4. stock reserved in inventory under that id (no transaction open meanwhile);
 * 5. one transaction: the order `pending_payment`, `order.created`, the saga at `await_payment`.
 *
 * A failure after 3 hands the saga to the worker, which releases whatever
 * was held; a crash anywhere leaves a row the recovery worker finishes.
 */
export async function placeOrder(
  deps: OrderDeps,
  ctx: RequestContext,
  caller: Caller,
  input: PlaceOrderInput,
): Promise<PlacedOrder> {
  if (!input.idempotencyKey) throw orderErrors.IDEMPOTENCY_KEY_REQUIRED();
  const customerId = customerIdOf(caller.principal);
  const key = scopedIdempotencyKey({ customerId, cartId: input.cartId }, input.idempotencyKey);
  const requestHash = checkoutRequestHash(input);
  const replay = await replayCheckout(deps, caller, key, requestHash);
  if (replay) return { order: replay, replayed: true };

  const stored = await loadCart(deps, input.cartId, caller);
  if (stored.cart.lines.length === 0) throw orderErrors.CART_EMPTY();
  const lines = await upstream(ctx, recheckPrices(deps, ctx, caller, stored));
  const priced = priceWithRules(deps.pricing, {
    currency: stored.cart.currency!,
    customerId,
    shippingAddress: input.shippingAddress,
    lines,
  });
  const plan: CheckoutPlan = {
    cartId: stored.cart.id,
    customerId,
    email: input.email.toLowerCase(),
    currency: stored.cart.currency!,
    shippingAddress: input.shippingAddress,
    lines: priced.lines,
    totals: priced.totals,
    guestTokenHash: stored.cart.tokenHash,
    actor: actorOf(caller.principal),
    traceparent: traceparentOf(ctx),
  };

  let saga: CheckoutSaga;
  try {
    saga = await insertSaga(deps.db, {
      orderId: randomUUID(),
      idempotencyKey: key,
      requestHash,
      plan,
      abandonAfter: new Date(Date.now() + deps.settings.saga.placementTimeoutMs),
    });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    // The same key, at the same moment: the other request is placing it.
    const other = await replayCheckout(deps, caller, key, requestHash);
    if (other) return { order: other, replayed: true };
    throw orderErrors.CHECKOUT_IN_PROGRESS();
  }

  const reserved = await reserveStockFor(deps, ctx, saga).catch(async (error: unknown) => {
    // A refused credential is this service's misconfiguration, not a passing outage: say so loudly.
    const refused = error instanceof UnexpectedAnswerError && (error.status === 401 || error.status === 403);
    ctx.logger[refused ? 'error' : 'warn']({ err: error, orderId: saga.orderId }, 'stock reservation failed');
    await undoPlacement(deps, ctx, saga, `reservation failed: ${(error as Error).message}`);
    throw orderErrors.CHECKOUT_UNAVAILABLE(
      refused
        ? 'inventory refused the order service its credential; nothing was ordered'
        : 'inventory did not answer; nothing was ordered',
    );
  });
  if (reserved.kind === 'short') {
    const refusal: SagaRefusal = {
      code: 'OUT_OF_STOCK',
      detail: `not enough stock for ${reserved.shortages.map((s) => s.sku).join(', ') || 'a line'}`,
      extensions: { shortages: reserved.shortages },
    };
    await refuse(deps, saga, refusal);
    deps.metrics.checkouts.inc({ outcome: 'out_of_stock' });
    throw orderErrors.OUT_OF_STOCK(refusal.detail, refusal.extensions);
  }
  if (reserved.kind === 'not_held') {
    await undoPlacement(deps, ctx, saga, `reservation is ${reserved.status}`);
    throw orderErrors.CHECKOUT_UNAVAILABLE('the stock could not be held; nothing was ordered');
  }

  const placed = await deps.db.transaction(async (tx) => {
    const current = await lockSaga(tx, saga.orderId);
    // The recovery worker decided this request was abandoned and undid it: nothing to write.
    if (current?.direction !== 'forward' || current.step !== 'reserve_stock') return false;
    const order = await insertOrder(tx, {
      id: saga.orderId,
      customerId,
      email: plan.email,
      currency: plan.currency,
      shippingAddress: plan.shippingAddress,
      idempotencyKey: key,
      guestTokenHash: plan.guestTokenHash,
      lines: plan.lines,
      totals: plan.totals,
      actor: plan.actor,
    });
    await deps.events.enqueue(tx, orderCreatedEnvelope(order, plan.lines, ctx.trace));
    const paymentDeadline = new Date(order.createdAt.getTime() + deps.settings.reservationTtlSeconds * 1_000);
    await changeSaga(tx, saga.orderId, {
      reservationExpiresAt: reserved.expiresAt,
      resetAttempts: true,
      // A payment cannot come before its order; if one was recorded anyway, go straight on.
      ...(current.paymentId
        ? { step: 'commit_stock', status: 'running', nextAttemptAt: new Date() }
        : { step: 'await_payment', status: 'waiting', nextAttemptAt: paymentDeadline }),
    });
    return true;
  });
  if (!placed) {
    deps.metrics.checkouts.inc({ outcome: 'failed' });
    throw orderErrors.CHECKOUT_UNAVAILABLE('the checkout took too long and was undone; nothing was ordered');
  }
  deps.sagaWakeup.wake();
  await deps.carts
    .delete(stored.cart)
    .catch((error: unknown) =>
      ctx.logger.warn({ err: error, cartId: stored.cart.id }, 'checked-out cart not deleted'),
    );
  deps.metrics.checkouts.inc({ outcome: 'placed' });
  ctx.logger.info({ orderId: saga.orderId, totalMinor: plan.totals.totalMinor }, 'order placed');
  return { order: await getOrder(deps, saga.orderId), replayed: false };
}

/** Out of stock: nothing is held, so there is nothing to undo; the same key gets the same answer. */
async function refuse(deps: OrderDeps, saga: CheckoutSaga, refusal: SagaRefusal): Promise<void> {
  await deps.db.transaction(async (tx) => {
    const current = await lockSaga(tx, saga.orderId);
    if (current?.direction !== 'forward' || current.step !== 'reserve_stock') return;
    await changeSaga(tx, saga.orderId, { status: 'refused', refusal, nextAttemptAt: null });
  });
}

/** Hands the checkout to the worker to release whatever inventory may hold for it. */
async function undoPlacement(deps: OrderDeps, ctx: RequestContext, saga: CheckoutSaga, detail: string) {
  try {
    await deps.db.transaction(async (tx) => {
      const current = await lockSaga(tx, saga.orderId);
      if (current?.direction !== 'forward' || current.step !== 'reserve_stock') return;
      await beginCompensation(deps, tx, current, {
        reason: 'reservation_failed',
        actor: 'system:checkout',
        detail,
        trace: ctx.trace,
        leaseHeldByCaller: true,
      });
    });
    deps.sagaWakeup.wake();
  } catch (error) {
    // The abandoned-checkout timeout undoes it instead.
    ctx.logger.error({ err: error, orderId: saga.orderId }, 'checkout not handed over for undoing');
  }
  deps.metrics.checkouts.inc({ outcome: 'failed' });
}
