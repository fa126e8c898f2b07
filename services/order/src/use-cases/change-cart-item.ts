import type { RequestContext } from '@emporium/platform/http/request-context';
import { removeLine, setLineQuantity } from '../domain/cart.js';
import type { Caller } from './caller.js';
import { updateCart } from './cart-access.js';
import type { OrderDeps } from './deps.js';
import { type CartView, viewCart } from './steps/view-cart.js';

export async function changeCartItem(
  deps: OrderDeps,
  ctx: RequestContext,
  caller: Caller,
  input: { cartId: string; sku: string; quantity: number },
): Promise<CartView> {
  const stored = await updateCart(deps, input.cartId, caller, (cart) =>
    setLineQuantity(cart, input.sku, input.quantity, deps.settings.cart),
  );
  return viewCart(deps, ctx, stored);
}

export async function removeCartItem(
  deps: OrderDeps,
  ctx: RequestContext,
  caller: Caller,
  input: { cartId: string; sku: string },
): Promise<CartView> {
  const stored = await updateCart(deps, input.cartId, caller, (cart) => removeLine(cart, input.sku));
  return viewCart(deps, ctx, stored);
}
