import { randomUUID } from 'node:crypto';
import { httpClient } from '@emporium/platform/testing/http';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { guest, query } from './support/checkout.js';
import { type Shop, setPrice, setStock, startShop, stockProduct, uniqueSku } from './support/shop.js';

let shop: Shop;
let mug: string;
let tee: string;
let mugId: string;
const lookupCacheMs = 300;

beforeAll(async () => {
  shop = await startShop({
    orderEnv: { CART_LOOKUP_CACHE_MS: String(lookupCacheMs), CART_MAX_QUANTITY_PER_LINE: '10' },
  });
  mug = uniqueSku('MUG');
  tee = uniqueSku('TEE');
  ({ productId: mugId } = await stockProduct(shop, { sku: mug, priceMinor: 1_250, onHand: 8, title: 'Mug' }));
  await stockProduct(shop, { sku: tee, priceMinor: 1_999, onHand: 3, title: 'Tee' });
}, 180_000);
afterAll(async () => {
  await shop?.stop();
}, 120_000);

const customer = async (sub = randomUUID()) => ({
  sub,
  send: httpClient(shop.order.url, await shop.identity.bearer({ sub })),
});

describe(`carts on ${process.env.REDIS_URL ? 'Redis' : 'memory'}`, () => {
  it('hands a guest a token once, and opens the cart only with it', async () => {
    const shopper = guest(shop.order.url);
    const created = await shopper.newCart();
    expect(created.body).toMatchObject({ lines: [], itemCount: 0, subtotalMinor: 0, customerId: null });
    expect(created.body.cartToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(new Date(created.body.expiresAt).getTime()).toBeGreaterThan(Date.now());
    const read = await shopper.cart();
    expect(read.status).toBe(200);
    expect(read.body.cartToken).toBeUndefined(); // shown once, never again

    const anonymous = httpClient(shop.order.url);
    expect((await anonymous('GET', `/api/v1/carts/${shopper.cartId}`)).body.code).toBe('CART_NOT_FOUND');
    const other = guest(shop.order.url);
    await other.newCart();
    const forged = await anonymous('GET', `/api/v1/carts/${shopper.cartId}`, undefined, {
      'x-cart-token': other.cartToken,
    });
    expect(forged.status).toBe(404);
    const stranger = await customer();
    expect(
      (await stranger.send('POST', `/api/v1/carts/${shopper.cartId}/items`, { sku: mug, quantity: 1 }))
        .status,
    ).toBe(404);
    expect((await shopper.cart()).body.lines).toEqual([]);
  });

  it('adds, changes and removes lines by SKU, within limits', async () => {
    const shopper = guest(shop.order.url);
    await shopper.newCart();
    expect((await shopper.add('NO-SUCH-SKU', 1)).body.code).toBe('PRODUCT_UNAVAILABLE');
    const added = await shopper.add(mug, 2);
    expect(added.status).toBe(200);
    expect(added.body.lines).toEqual([
      {
        sku: mug,
        productId: mugId,
        title: 'Mug',
        quantity: 2,
        unitPriceMinor: 1_250,
        lineTotalMinor: 2_500,
        available: 8,
        status: 'ok',
        previousUnitPriceMinor: null,
      },
    ]);
    await shopper.add(tee, 1);
    const more = await shopper.add(mug, 1);
    expect(more.body).toMatchObject({ itemCount: 4, subtotalMinor: 3 * 1_250 + 1_999, currency: 'EUR' });
    expect(more.body.lines.map((l: { sku: string }) => l.sku)).toEqual([mug, tee]);

    const changed = await shopper.send('PATCH', `/api/v1/carts/${shopper.cartId}/items/${mug}`, {
      quantity: 5,
    });
    expect(changed.body.lines[0].quantity).toBe(5);
    expect((await shopper.add(mug, 6)).body.code).toBe('CART_QUANTITY_LIMIT');
    expect(
      (await shopper.send('PATCH', `/api/v1/carts/${shopper.cartId}/items/NOPE-1`, { quantity: 1 })).body
        .code,
    ).toBe('CART_ITEM_NOT_FOUND');
    expect(
      (await shopper.send('PATCH', `/api/v1/carts/${shopper.cartId}/items/${mug}`, { quantity: 0 })).status,
    ).toBe(400);
    expect((await shopper.add(mug, 1.5)).body.code).toBe('VALIDATION_FAILED');
    const removed = await shopper.send('DELETE', `/api/v1/carts/${shopper.cartId}/items/${tee}`);
    expect(removed.body.lines.map((l: { sku: string }) => l.sku)).toEqual([mug]);

    const events = await query(
      shop.database.url,
      `select envelope->'data' as data from orders.outbox where event_type = 'cart.item_added' and aggregate_id = $1`,
      [shopper.cartId],
    );
    expect(events).toHaveLength(3);
    expect(events[0].data).toMatchObject({
      cartId: shopper.cartId,
      sku: mug,
      quantity: 2,
      unitPriceMinor: 1_250,
    });
  });

  it('refreshes prices and availability on read', async () => {
    const shopper = guest(shop.order.url);
    await shopper.newCart();
    await shopper.add(tee, 2);
    await setStock(shop, tee, 1);
    await setPrice(
      shop,
      (await httpClient(shop.product.url)('GET', `/api/v1/products/by-sku/${tee}`)).body.productId,
      tee,
      2_499,
    );
    // Price and stock refresh separately: the read that first shows the new price (with the old
    // one beside it) may come before the one that shows the new stock.
    const previousShown: Array<number | null> = [];
    await vi.waitFor(
      async () => {
        const line = (await shopper.cart()).body.lines[0];
        previousShown.push(line.previousUnitPriceMinor);
        expect(line).toMatchObject({ available: 1, status: 'insufficient_stock', unitPriceMinor: 2_499 });
      },
      { timeout: 10_000, interval: lookupCacheMs },
    );
    expect(previousShown).toContain(1_999);
    const again = (await shopper.cart()).body;
    expect(again.lines[0].previousUnitPriceMinor).toBeNull(); // the new price was shown: it is the price now
    expect(again).toMatchObject({ subtotalMinor: 4_998, checkoutReady: false });
  });

  it("gives a customer one cart of their own, out of everyone else's reach", async () => {
    const alice = await customer();
    const first = await alice.send('POST', '/api/v1/carts');
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ customerId: alice.sub });
    expect(first.body.cartToken).toBeUndefined();
    const second = await alice.send('POST', '/api/v1/carts');
    expect(second.status).toBe(200);
    expect(second.body.id).toBe(first.body.id);
    await alice.send('POST', `/api/v1/carts/${first.body.id}/items`, { sku: mug, quantity: 1 });

    const bob = await customer();
    expect((await bob.send('GET', `/api/v1/carts/${first.body.id}`)).body.code).toBe('CART_NOT_FOUND');
    expect((await bob.send('DELETE', `/api/v1/carts/${first.body.id}/items/${mug}`)).status).toBe(404);
    expect((await httpClient(shop.order.url)('GET', `/api/v1/carts/${first.body.id}`)).status).toBe(404);
    const admin = httpClient(shop.order.url, shop.admin);
    expect((await admin('GET', `/api/v1/carts/${first.body.id}`)).status).toBe(404);
    expect((await alice.send('GET', `/api/v1/carts/${first.body.id}`)).body.itemCount).toBe(1);
  });

  it("merges a guest cart into the customer's at login", async () => {
    const shopper = guest(shop.order.url);
    await shopper.newCart();
    await shopper.add(mug, 2);
    await shopper.add(tee, 1);
    const carol = await customer();
    const own = (await carol.send('POST', '/api/v1/carts')).body;
    await carol.send('POST', `/api/v1/carts/${own.id}/items`, { sku: mug, quantity: 1 });

    const noToken = await carol.send('POST', `/api/v1/carts/${shopper.cartId}/merge`);
    expect(noToken.body.code).toBe('CART_TOKEN_REQUIRED');
    const notSignedIn = await shopper.send('POST', `/api/v1/carts/${shopper.cartId}/merge`);
    expect(notSignedIn.status).toBe(401);
    const merged = await carol.send('POST', `/api/v1/carts/${shopper.cartId}/merge`, undefined, {
      'x-cart-token': shopper.cartToken,
    });
    expect(merged.status).toBe(200);
    expect(merged.body).toMatchObject({ id: own.id, customerId: carol.sub, skipped: [] });
    expect(merged.body.lines.map((l: { sku: string; quantity: number }) => [l.sku, l.quantity])).toEqual([
      [mug, 3],
      [tee, 1],
    ]);
    expect((await shopper.cart()).status).toBe(404); // the guest cart is gone

    // A customer with no cart yet gets the guest's lines in a cart of their own.
    const other = guest(shop.order.url);
    await other.newCart();
    await other.add(tee, 1);
    const dave = await customer();
    const adopted = await dave.send('POST', `/api/v1/carts/${other.cartId}/merge`, undefined, {
      'x-cart-token': other.cartToken,
    });
    expect(adopted.body).toMatchObject({ customerId: dave.sub, itemCount: 1 });
    expect((await dave.send('POST', '/api/v1/carts')).body.id).toBe(adopted.body.id);
  });
});
