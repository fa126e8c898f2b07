import { randomUUID } from 'node:crypto';
import type { RequestContext } from '@emporium/platform/http/request-context';
import type { StoredCart } from '../carts/cart-store.js';
import { newCart } from '../domain/cart.js';
import { newCartToken } from '../domain/cart-token.js';
import { orderErrors } from '../domain/errors.js';
import { type Caller, customerIdOf } from './caller.js';
import type { OrderDeps } from './deps.js';

export interface CreatedCart {
  stored: StoredCart;
  /** Guest carts only, and only now: the client keeps it and sends it as `X-Cart-Token`. */
  token: string | undefined;
  created: boolean;
}

/** The signed-in customer's current cart, made if they have none (one cart per customer). */
export async function customerCart(deps: OrderDeps, customerId: string): Promise<CreatedCart> {
  const existingId = await deps.carts.cartOfCustomer(customerId);
  const existing = existingId ? await deps.carts.get(existingId) : undefined;
  if (existing) return { stored: existing, token: undefined, created: false };

  const cart = newCart({ id: randomUUID(), customerId, tokenHash: null });
  const written = await deps.carts.put(cart, 0);
  if (!written) throw orderErrors.CART_BUSY();
  const winner = await deps.carts.claimCustomerCart(customerId, cart.id);
  if (winner === cart.id) return { stored: { cart, ...written }, token: undefined, created: true };
  // Another request made one at the same moment: keep theirs.
  await deps.carts.delete({ ...cart, customerId: null });
  const theirs = await deps.carts.get(winner);
  if (!theirs) throw orderErrors.CART_BUSY();
  return { stored: theirs, token: undefined, created: false };
}

/**
 * `POST /carts`: a customer gets their cart (made if needed); a guest gets a
 * new cart and its secret token, the only time the token is ever shown.
 */
export async function createCart(deps: OrderDeps, ctx: RequestContext, caller: Caller): Promise<CreatedCart> {
  const customerId = customerIdOf(caller.principal);
  if (customerId) return customerCart(deps, customerId);
  const { token, hash } = newCartToken();
  const cart = newCart({ id: randomUUID(), customerId: null, tokenHash: hash });
  const written = await deps.carts.put(cart, 0);
  if (!written) throw orderErrors.CART_BUSY();
  ctx.logger.info({ cartId: cart.id }, 'guest cart created');
  return { stored: { cart, ...written }, token, created: true };
}
