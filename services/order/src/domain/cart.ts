import { orderErrors } from './errors.js';

export interface CartLine {
  sku: string;
  quantity: number;
  /** The unit price the shopper was last shown: checkout refuses to charge another one unannounced. */
  unitPriceMinor: number;
  addedAt: string;
}

/** A cart as stored (Redis or memory). Times are ISO strings: the stored form is JSON. */
export interface Cart {
  id: string;
  /** The customer's user id; null for a guest cart. */
  customerId: string | null;
  /** Guest carts: SHA-256 of the secret token handed out once at creation. */
  tokenHash: string | null;
  /** Set by the first line; a cart holds one currency. */
  currency: string | null;
  lines: CartLine[];
  createdAt: string;
  updatedAt: string;
}

export interface CartLimits {
  maxLines: number;
  maxQuantityPerLine: number;
}

export interface PricedSku {
  sku: string;
  unitPriceMinor: number;
  currency: string;
}

export function newCart(input: { id: string; customerId: string | null; tokenHash: string | null }): Cart {
  const now = new Date().toISOString();
  return { ...input, currency: null, lines: [], createdAt: now, updatedAt: now };
}

function touched(cart: Cart, lines: CartLine[]): Cart {
  return {
    ...cart,
    lines,
    currency: lines.length === 0 ? null : cart.currency,
    updatedAt: new Date().toISOString(),
  };
}

function assertQuantity(quantity: number, limits: CartLimits): void {
  if (quantity > limits.maxQuantityPerLine) {
    throw orderErrors.CART_QUANTITY_LIMIT(`a line holds at most ${limits.maxQuantityPerLine} units`, {
      maxQuantity: limits.maxQuantityPerLine,
    });
  }
}

/** Adds units of a SKU: to its line when there is one, as a new line otherwise. */
export function addToCart(cart: Cart, item: PricedSku & { quantity: number }, limits: CartLimits): Cart {
  if (cart.currency && cart.currency !== item.currency) {
    throw orderErrors.CURRENCY_MISMATCH(
      `the cart is in ${cart.currency}; ${item.sku} is sold in ${item.currency}`,
    );
  }
  const existing = cart.lines.find((line) => line.sku === item.sku);
  const quantity = (existing?.quantity ?? 0) + item.quantity;
  assertQuantity(quantity, limits);
  if (!existing && cart.lines.length >= limits.maxLines) {
    throw orderErrors.CART_FULL(`a cart holds at most ${limits.maxLines} lines`);
  }
  const line: CartLine = {
    sku: item.sku,
    quantity,
    unitPriceMinor: item.unitPriceMinor,
    addedAt: existing?.addedAt ?? new Date().toISOString(),
  };
  const lines = existing
    ? cart.lines.map((candidate) => (candidate.sku === item.sku ? line : candidate))
    : [...cart.lines, line];
  return { ...touched(cart, lines), currency: item.currency };
}

export function setLineQuantity(cart: Cart, sku: string, quantity: number, limits: CartLimits): Cart {
  if (!cart.lines.some((line) => line.sku === sku))
    throw orderErrors.CART_ITEM_NOT_FOUND(`${sku} is not in the cart`);
  assertQuantity(quantity, limits);
  return touched(
    cart,
    cart.lines.map((line) => (line.sku === sku ? { ...line, quantity } : line)),
  );
}

export function removeLine(cart: Cart, sku: string): Cart {
  if (!cart.lines.some((line) => line.sku === sku))
    throw orderErrors.CART_ITEM_NOT_FOUND(`${sku} is not in the cart`);
  return touched(
    cart,
    cart.lines.filter((line) => line.sku !== sku),
  );
}

/**
 * A guest cart joins the customer's at login: quantities of a SKU in both
 * add up (capped at the line limit), new SKUs are appended while there is
 * room. Lines that cannot join (another currency, no room) are reported, not
 * refused: signing in must never fail because of a cart.
 */
export function mergeCarts(
  target: Cart,
  source: Cart,
  limits: CartLimits,
): { cart: Cart; skipped: string[] } {
  let cart = target;
  const skipped: string[] = [];
  for (const line of source.lines) {
    const currency = source.currency ?? cart.currency;
    const existing = cart.lines.find((candidate) => candidate.sku === line.sku);
    const room = limits.maxQuantityPerLine - (existing?.quantity ?? 0);
    const fits = (cart.currency === null || cart.currency === currency) && room > 0;
    if (!fits || currency === null || (!existing && cart.lines.length >= limits.maxLines)) {
      skipped.push(line.sku);
      continue;
    }
    cart = addToCart(
      cart,
      {
        sku: line.sku,
        quantity: Math.min(line.quantity, room),
        unitPriceMinor: line.unitPriceMinor,
        currency,
      },
      limits,
    );
  }
  return { cart, skipped };
}

/** Records the prices just shown to the shopper; `changed` says whether the stored cart needs a write. */
export function rememberPrices(
  cart: Cart,
  prices: ReadonlyMap<string, number>,
): { cart: Cart; changed: boolean } {
  let changed = false;
  const lines = cart.lines.map((line) => {
    const price = prices.get(line.sku);
    if (price === undefined || price === line.unitPriceMinor) return line;
    changed = true;
    return { ...line, unitPriceMinor: price };
  });
  return { cart: changed ? { ...cart, lines } : cart, changed };
}
