import { createEnvelope, type EventEnvelope } from '@emporium/contracts/events/envelope';
import { inventoryUpdated } from '@emporium/contracts/events/inventory-events';
import { orderCompleted, orderCreated } from '@emporium/contracts/events/order-events';
import { productCreated } from '@emporium/contracts/events/product-events';

/** A stable UUID per number: products 1…, customers 1000…, orders 5000…. */
export const uuid = (n: number) => `0190a0a0-0000-7000-8000-${String(n).padStart(12, '0')}`;
export const product = (n: number) => uuid(n);
export const customer = (n: number) => uuid(1_000 + n);

let orderNumber = 5_000;
const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();

/** order.created for these products (one line each), placed `minutes` ago. */
export function orderOf(customerId: string | null, productIds: string[], minutes = 1) {
  orderNumber += 1;
  const orderId = uuid(orderNumber);
  return createEnvelope(orderCreated, {
    subject: orderId,
    data: {
      orderId,
      number: `EM-${orderNumber}`,
      customerId,
      email: 'shopper@example.com',
      currency: 'USD',
      lines: productIds.map((productId, i) => ({
        sku: `SKU-${productId.slice(-4)}`,
        productId,
        title: `Product ${i}`,
        quantity: 1,
        unitPriceMinor: 1_000,
      })),
      totals: { subtotalMinor: 1_000, discountMinor: 0, shippingMinor: 0, taxMinor: 0, totalMinor: 1_000 },
      shippingAddress: { name: 'A', line1: 'B', city: 'C', postalCode: 'D', country: 'DE' },
      status: 'pending_payment',
      placedAt: minutesAgo(minutes),
    },
  });
}

/** order.completed for an order.created envelope. */
export function completionOf(created: EventEnvelope<typeof orderCreated>) {
  const { orderId, number, customerId, email, currency, lines } = created.data;
  return createEnvelope(orderCompleted, {
    subject: orderId,
    data: {
      orderId,
      number,
      customerId,
      email,
      currency,
      totalMinor: 1_000,
      lines,
      completedAt: minutesAgo(0),
    },
  });
}

/** product.created with an active document; one SKU named after the product. */
export function productOf(
  productId: string,
  fields: { title: string; description?: string; category: string; tags?: string[]; brand?: string | null },
) {
  return createEnvelope(productCreated, {
    subject: productId,
    data: {
      id: productId,
      slug: fields.title.toLowerCase().replaceAll(' ', '-'),
      title: fields.title,
      description: fields.description ?? '',
      brand: fields.brand ?? null,
      categorySlugs: [fields.category],
      tags: fields.tags ?? [],
      status: 'active',
      variants: [
        {
          sku: skuOf(productId),
          title: 'One',
          priceMinor: 1_000,
          compareAtMinor: null,
          currency: 'USD',
          options: {},
        },
      ],
      imageUrl: null,
      updatedAt: minutesAgo(0),
    },
  });
}

export const skuOf = (productId: string) => `SKU-${productId.slice(-6)}`;

export function stockOf(productId: string, totalAvailable: number) {
  const sku = skuOf(productId);
  return createEnvelope(inventoryUpdated, {
    subject: sku,
    data: {
      sku,
      warehouseId: 'eu-1',
      onHand: totalAvailable,
      reserved: 0,
      available: totalAvailable,
      totalAvailable,
      reason: 'set',
      updatedAt: new Date().toISOString(),
    },
  });
}

/** Polls until `done` holds (10 s at most); returns the last value and how long it took. */
export async function until<T>(read: () => Promise<T>, done: (value: T) => boolean) {
  const started = performance.now();
  for (;;) {
    const value = await read();
    if (done(value)) return { value, ms: performance.now() - started };
    if (performance.now() - started > 10_000) throw new Error(`still ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
