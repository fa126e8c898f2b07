import type { RequestContext } from '@emporium/platform/http/request-context';
import type { StoredCart } from '../../carts/cart-store.js';
import { isForSale, lineTitleOf } from '../../clients/product.client.js';
import { type CartLine, rememberPrices } from '../../domain/cart.js';
import type { OrderDeps } from '../deps.js';

export type CartLineStatus = 'ok' | 'insufficient_stock' | 'unavailable' | 'unknown';

export interface CartLineView {
  sku: string;
  productId: string | null;
  title: string | null;
  quantity: number;
  unitPriceMinor: number;
  lineTotalMinor: number;
  /** Units inventory can still sell; null when it could not be asked just now. */
  available: number | null;
  status: CartLineStatus;
  /** The price shown before, when it changed since the shopper last saw this cart. */
  previousUnitPriceMinor: number | null;
}

export interface CartView {
  id: string;
  customerId: string | null;
  currency: string | null;
  lines: CartLineView[];
  itemCount: number;
  subtotalMinor: number;
  /** Every line is for sale, in stock and priced: checkout should go through. */
  checkoutReady: boolean;
  createdAt: string;
  updatedAt: string;
  expiresAt: string;
}

async function refreshLine(deps: OrderDeps, ctx: RequestContext, line: CartLine) {
  const [price, available] = await Promise.allSettled([
    deps.lookups.skuPrice(ctx, line.sku),
    deps.lookups.available(ctx, line.sku),
  ]);
  if (price.status === 'rejected')
    ctx.logger.warn({ err: price.reason, sku: line.sku }, 'price lookup failed');
  const product = price.status === 'fulfilled' ? price.value : undefined;
  const stock = available.status === 'fulfilled' ? (available.value ?? 0) : null;
  const forSale = isForSale(product);
  const unitPriceMinor = forSale ? product.priceMinor : line.unitPriceMinor;
  let status: CartLineStatus = 'ok';
  if (price.status === 'rejected') status = 'unknown';
  else if (!forSale) status = 'unavailable';
  else if (stock !== null && stock < line.quantity) status = 'insufficient_stock';
  const view: CartLineView = {
    sku: line.sku,
    productId: product?.productId ?? null,
    title: product ? lineTitleOf(product) : null,
    quantity: line.quantity,
    unitPriceMinor,
    lineTotalMinor: unitPriceMinor * line.quantity,
    available: stock,
    status,
    previousUnitPriceMinor: unitPriceMinor !== line.unitPriceMinor ? line.unitPriceMinor : null,
  };
  return { view, currentPrice: forSale ? product.priceMinor : undefined };
}

/**
 * A cart as the shopper sees it: prices and availability refreshed (from
 * the briefly cached lookups). The prices shown are remembered on the cart,
 * so checkout can tell whether it is about to charge something else.
 */
export async function viewCart(deps: OrderDeps, ctx: RequestContext, stored: StoredCart): Promise<CartView> {
  const refreshed = await Promise.all(stored.cart.lines.map((line) => refreshLine(deps, ctx, line)));
  const prices = new Map<string, number>();
  for (const { view, currentPrice } of refreshed)
    if (currentPrice !== undefined) prices.set(view.sku, currentPrice);
  const remembered = rememberPrices(stored.cart, prices);
  let expiresAt = stored.expiresAt;
  try {
    if (remembered.changed) {
      // Lost to a concurrent write: that writer's read remembers the prices soon enough.
      expiresAt = (await deps.carts.put(remembered.cart, stored.version))?.expiresAt ?? expiresAt;
    } else {
      expiresAt = (await deps.carts.touch(stored.cart)) ?? expiresAt;
    }
  } catch (error) {
    ctx.logger.warn({ err: error, cartId: stored.cart.id }, 'cart refresh not saved');
  }
  const lines = refreshed.map((line) => line.view);
  const sellable = lines.filter((line) => line.status !== 'unavailable');
  return {
    id: stored.cart.id,
    customerId: stored.cart.customerId,
    currency: stored.cart.currency,
    lines,
    itemCount: sellable.reduce((sum, line) => sum + line.quantity, 0),
    subtotalMinor: sellable.reduce((sum, line) => sum + line.lineTotalMinor, 0),
    checkoutReady: lines.length > 0 && lines.every((line) => line.status === 'ok'),
    createdAt: stored.cart.createdAt,
    updatedAt: remembered.cart.updatedAt,
    expiresAt: expiresAt.toISOString(),
  };
}
