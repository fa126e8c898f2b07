import { cartItemAdded } from '@emporium/contracts/events/cart-events';
import { createEnvelope } from '@emporium/contracts/events/envelope';
import { traceContextOf } from '@emporium/platform/events/event-trace';
import type { RequestContext } from '@emporium/platform/http/request-context';
import { isForSale } from '../clients/product.client.js';
import { addToCart } from '../domain/cart.js';
import { orderErrors } from '../domain/errors.js';
import type { Caller } from './caller.js';
import { updateCart } from './cart-access.js';
import type { OrderDeps } from './deps.js';
import { type CartView, viewCart } from './steps/view-cart.js';

/**
 * Puts units of a SKU in the cart, at the price the product service gives
 * now. Stock is not held here (only checkout reserves); the cart view says
 * how many can still be sold. `cart.item_added` goes out through the outbox.
 */
export async function addCartItem(
  deps: OrderDeps,
  ctx: RequestContext,
  caller: Caller,
  input: { cartId: string; sku: string; quantity: number },
): Promise<CartView> {
  const product = await deps.lookups.skuPrice(ctx, input.sku);
  if (!isForSale(product))
    throw orderErrors.PRODUCT_UNAVAILABLE(`${input.sku} is not for sale`, { skus: [input.sku] });
  const stored = await updateCart(deps, input.cartId, caller, (cart) =>
    addToCart(
      cart,
      {
        sku: input.sku,
        quantity: input.quantity,
        unitPriceMinor: product.priceMinor,
        currency: product.currency,
      },
      deps.settings.cart,
    ),
  );
  deps.metrics.cartItemsAdded.inc();
  // The cart lives outside Postgres: its event is committed right after it (a signal for recommendations).
  await deps.db
    .transaction((tx) =>
      deps.events.enqueue(
        tx,
        createEnvelope(cartItemAdded, {
          subject: stored.cart.id,
          data: {
            cartId: stored.cart.id,
            customerId: stored.cart.customerId,
            sessionId: null,
            sku: input.sku,
            productId: product.productId,
            quantity: input.quantity,
            unitPriceMinor: product.priceMinor,
            currency: product.currency,
            addedAt: new Date().toISOString(),
          },
          ...traceContextOf(ctx.trace),
        }),
      ),
    )
    .catch((error: unknown) => ctx.logger.warn({ err: error }, 'cart.item_added not recorded'));
  return viewCart(deps, ctx, stored);
}
