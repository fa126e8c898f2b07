import { findSagaByKey } from '../../db/checkout-sagas.repo.js';
import { findOrder } from '../../db/orders.repo.js';
import { cartTokenMatches } from '../../domain/cart-token.js';
import { orderErrors } from '../../domain/errors.js';
import type { OrderDetail } from '../../domain/order.js';
import { type Caller, customerIdOf } from '../caller.js';
import type { OrderDeps } from '../deps.js';
import { getOrder } from '../get-order.js';

/**
 * What an Idempotency-Key already produced: its order (the same body), its
 * refusal again (out of stock), or a 422 for a different body. Undefined:
 * the key is new (or its checkout was undone without an order: it may be reused).
 */
export async function replayCheckout(
  deps: OrderDeps,
  caller: Caller,
  key: string,
  requestHash: string,
): Promise<OrderDetail | undefined> {
  const saga = await findSagaByKey(deps.db, key);
  if (!saga) return undefined;
  if (saga.requestHash !== requestHash) {
    throw orderErrors.IDEMPOTENCY_KEY_REUSED(
      'this key was used for another checkout; use a new key for a new one',
    );
  }
  // A guest's key is scoped to the cart id, which is not a secret: the cart's token must match too.
  if (!customerIdOf(caller.principal) && !cartTokenMatches(saga.plan.guestTokenHash, caller.cartToken)) {
    throw orderErrors.CART_NOT_FOUND();
  }
  if (saga.status === 'refused' && saga.refusal) {
    const refusal = saga.refusal;
    const factory = orderErrors[refusal.code as keyof typeof orderErrors] ?? orderErrors.CHECKOUT_UNAVAILABLE;
    throw factory(refusal.detail, refusal.extensions);
  }
  if (await findOrder(deps.db, saga.orderId)) {
    deps.metrics.checkouts.inc({ outcome: 'replayed' });
    return getOrder(deps, saga.orderId);
  }
  throw orderErrors.CHECKOUT_IN_PROGRESS();
}
