import type { StoredCart } from '../carts/cart-store.js';
import type { Cart } from '../domain/cart.js';
import { cartTokenMatches } from '../domain/cart-token.js';
import { orderErrors } from '../domain/errors.js';
import type { Caller } from './caller.js';
import { customerIdOf } from './caller.js';
import type { OrderDeps } from './deps.js';

/**
 * A customer's cart is theirs alone (their token's subject); a guest cart
 * opens with its secret token. Anything else looks like a missing cart, so
 * cart ids cannot be probed.
 */
export function canUseCart(cart: Cart, caller: Caller): boolean {
  if (cart.customerId) return customerIdOf(caller.principal) === cart.customerId;
  return cartTokenMatches(cart.tokenHash, caller.cartToken);
}

export async function loadCart(deps: OrderDeps, cartId: string, caller: Caller): Promise<StoredCart> {
  const stored = await deps.carts.get(cartId);
  if (!stored || !canUseCart(stored.cart, caller))
    throw orderErrors.CART_NOT_FOUND(`no cart ${cartId} for this caller`);
  return stored;
}

/**
 * Read, change, write back if nobody wrote in between; otherwise read again
 * and redo the change (a few times), so concurrent edits are never lost.
 */
export async function updateCart(
  deps: OrderDeps,
  cartId: string,
  caller: Caller,
  change: (cart: Cart) => Cart,
): Promise<StoredCart> {
  for (let attempt = 0; attempt < 5; attempt += 1) {
    const stored = await loadCart(deps, cartId, caller);
    const cart = change(stored.cart);
    const written = await deps.carts.put(cart, stored.version);
    if (written) return { cart, ...written };
  }
  throw orderErrors.CART_BUSY();
}
