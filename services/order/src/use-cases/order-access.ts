import { canReach } from '@emporium/platform/auth/principal';
import { ownerOfOrder } from '../db/orders.repo.js';
import { cartTokenMatches } from '../domain/cart-token.js';
import { orderErrors } from '../domain/errors.js';
import type { Caller } from './caller.js';
import type { OrderDeps } from './deps.js';

/**
 * An order is reached by its customer, by staff holding `anyPermission`, or
 * (a guest order) by whoever holds the token of the cart it came from. For
 * anyone else it does not exist: ids cannot be probed.
 */
export async function assertCanReachOrder(
  deps: OrderDeps,
  caller: Caller,
  orderId: string,
  anyPermission: 'orders:read:any' | 'orders:write:any',
): Promise<void> {
  const owner = await ownerOfOrder(deps.db, orderId);
  const reachable =
    owner !== undefined &&
    (canReach(caller.principal, owner.customerId, anyPermission) ||
      (owner.customerId === null && cartTokenMatches(owner.guestTokenHash, caller.cartToken)));
  if (!reachable) throw orderErrors.ORDER_NOT_FOUND(`no order with id ${orderId}`);
}
