import type { RequestContext } from '@emporium/platform/http/request-context';
import { mergeCarts } from '../domain/cart.js';
import { cartTokenMatches } from '../domain/cart-token.js';
import { orderErrors } from '../domain/errors.js';
import { type Caller, customerIdOf } from './caller.js';
import { updateCart } from './cart-access.js';
import { customerCart } from './create-cart.js';
import type { OrderDeps } from './deps.js';
import { type CartView, viewCart } from './steps/view-cart.js';

/**
 * At login: the guest cart `guestCartId` (opened by its token) joins the
 * customer's cart (made if they had none), then is deleted. Lines that could
 * not join are listed in `skipped`.
 */
export async function mergeGuestCart(
  deps: OrderDeps,
  ctx: RequestContext,
  caller: Caller,
  guestCartId: string,
): Promise<{ cart: CartView; skipped: string[] }> {
  const customerId = customerIdOf(caller.principal);
  if (!customerId) throw orderErrors.CART_NOT_MERGEABLE('sign in as a customer to merge a cart');
  const source = await deps.carts.get(guestCartId);
  if (source?.cart.customerId === customerId) return { cart: await viewCart(deps, ctx, source), skipped: [] };
  if (!caller.cartToken) throw orderErrors.CART_TOKEN_REQUIRED();
  if (!source || !cartTokenMatches(source.cart.tokenHash, caller.cartToken)) {
    throw orderErrors.CART_NOT_FOUND(`no cart ${guestCartId} for this token`);
  }
  const target = await customerCart(deps, customerId);
  let skipped: string[] = [];
  const merged = await updateCart(deps, target.stored.cart.id, caller, (cart) => {
    const result = mergeCarts(cart, source.cart, deps.settings.cart);
    skipped = result.skipped;
    return result.cart;
  });
  await deps.carts.delete(source.cart);
  ctx.logger.info({ guestCartId, cartId: merged.cart.id, skipped: skipped.length }, 'guest cart merged');
  return { cart: await viewCart(deps, ctx, merged), skipped };
}
