import type { RequestContext } from '@emporium/platform/http/request-context';
import type { Caller } from './caller.js';
import { loadCart } from './cart-access.js';
import type { OrderDeps } from './deps.js';
import { type CartView, viewCart } from './steps/view-cart.js';

export async function getCart(
  deps: OrderDeps,
  ctx: RequestContext,
  caller: Caller,
  cartId: string,
): Promise<CartView> {
  return viewCart(deps, ctx, await loadCart(deps, cartId, caller));
}
