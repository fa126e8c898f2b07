import type { RequestContext } from '@emporium/platform/http/request-context';
import type { StoredCart } from '../../carts/cart-store.js';
import { isForSale, lineTitleOf } from '../../clients/product.client.js';
import { rememberPrices } from '../../domain/cart.js';
import { orderErrors } from '../../domain/errors.js';
import type { LineInput } from '../../domain/order-totals.js';
import type { Caller } from '../caller.js';
import { updateCart } from '../cart-access.js';
import type { OrderDeps } from '../deps.js';

/**
 * Checkout never trusts the cart's prices: each SKU is asked afresh of the
 * product service (no cache). A product no longer sold, or a price other
 * than the one the shopper was last shown, refuses the checkout; the cart
 * then remembers the new prices, so the next view shows them and the next
 * attempt goes through.
 */
export async function recheckPrices(
  deps: OrderDeps,
  ctx: RequestContext,
  caller: Caller,
  stored: StoredCart,
): Promise<LineInput[]> {
  const { cart } = stored;
  const prices = await Promise.all(cart.lines.map((line) => deps.product.skuPrice(ctx, line.sku)));
  const unavailable = cart.lines.filter((_, index) => !isForSale(prices[index])).map((line) => line.sku);
  if (unavailable.length > 0) {
    throw orderErrors.PRODUCT_UNAVAILABLE(`no longer for sale: ${unavailable.join(', ')}`, {
      skus: unavailable,
    });
  }
  const current = prices.map((price) => price!);
  await Promise.all(current.map((price) => deps.lookups.rememberPrice(price)));
  if (current.some((price) => price.currency !== cart.currency)) {
    throw orderErrors.CURRENCY_MISMATCH(`every line must be priced in ${cart.currency}`);
  }
  const changes = cart.lines
    .map((line, index) => ({
      sku: line.sku,
      shownMinor: line.unitPriceMinor,
      nowMinor: current[index]!.priceMinor,
    }))
    .filter((change) => change.shownMinor !== change.nowMinor);
  if (changes.length > 0) {
    const now = new Map(changes.map((change) => [change.sku, change.nowMinor]));
    await updateCart(deps, cart.id, caller, (latest) => rememberPrices(latest, now).cart);
    deps.metrics.checkouts.inc({ outcome: 'prices_changed' });
    throw orderErrors.PRICES_CHANGED(`${changes.length} price(s) changed; the cart shows the new ones`, {
      changes,
    });
  }
  return cart.lines.map((line, index) => ({
    sku: line.sku,
    productId: current[index]!.productId,
    title: lineTitleOf(current[index]!),
    unitPriceMinor: current[index]!.priceMinor,
    quantity: line.quantity,
  }));
}
