/** A line as the checkout prices it: the unit price it re-checked with the product service. */
export interface LineInput {
  sku: string;
  productId: string;
  title: string;
  unitPriceMinor: number;
  quantity: number;
}

export interface PricedLine extends LineInput {
  lineTotalMinor: number;
}

/** All amounts in integer minor units of the order's currency. */
export interface OrderTotals {
  subtotalMinor: number;
  shippingMinor: number;
  taxMinor: number;
  discountMinor: number;
  totalMinor: number;
}

export interface PricingInput {
  lines: LineInput[];
  shippingMinor: number;
  /** Computed by the tax rule (a pluggable rule arrives with checkout). */
  taxMinor: number;
  /** Requested by the discount rule; applies to merchandise, so it is capped at the subtotal. */
  discountMinor: number;
}

function assertMinor(name: string, value: number): void {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new RangeError(`${name} must be a non-negative integer of minor units, got ${value}`);
  }
}

/**
 * Prices an order in integer minor units, never floats: line totals, the
 * subtotal, the discount (capped at the subtotal) and the total. Bad numbers
 * are a programming error upstream (routes validate input), hence RangeError.
 */
export function priceOrder(input: PricingInput): { lines: PricedLine[]; totals: OrderTotals } {
  if (input.lines.length === 0) throw new RangeError('an order needs at least one line');
  const skus = new Set(input.lines.map((line) => line.sku));
  if (skus.size !== input.lines.length) throw new RangeError('each SKU may appear on one line only');
  const lines = input.lines.map((line) => {
    assertMinor(`unit price of ${line.sku}`, line.unitPriceMinor);
    if (!Number.isSafeInteger(line.quantity) || line.quantity < 1) {
      throw new RangeError(`quantity of ${line.sku} must be a positive integer, got ${line.quantity}`);
    }
    const lineTotalMinor = line.unitPriceMinor * line.quantity;
    assertMinor(`line total of ${line.sku}`, lineTotalMinor);
    return { ...line, lineTotalMinor };
  });
  assertMinor('shipping', input.shippingMinor);
  assertMinor('tax', input.taxMinor);
  assertMinor('discount', input.discountMinor);
  const subtotalMinor = lines.reduce((sum, line) => sum + line.lineTotalMinor, 0);
  assertMinor('subtotal', subtotalMinor);
  const discountMinor = Math.min(input.discountMinor, subtotalMinor);
  const totalMinor = subtotalMinor - discountMinor + input.shippingMinor + input.taxMinor;
  assertMinor('total', totalMinor);
  return {
    lines,
    totals: {
      subtotalMinor,
      shippingMinor: input.shippingMinor,
      taxMinor: input.taxMinor,
      discountMinor,
      totalMinor,
    },
  };
}
