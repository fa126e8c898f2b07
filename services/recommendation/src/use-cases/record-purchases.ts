import type { SqlExecutor } from '@emporium/platform/events/sql-executor';
import { deletePurchasesOfOrder, insertBehaviourEvents } from '../db/behaviour-events.repo.js';
import { queueForModel } from '../db/model-backlog.repo.js';
import type { RecommendationDeps } from './deps.js';

export interface PlacedOrder {
  orderId: string;
  customerId: string | null;
  lines: ReadonlyArray<{ productId: string }>;
  /** When it was placed (order.created) or completed (order.completed). */
  at: string;
}

/** The session an order's purchases are recorded under: its lines count as bought together. */
export const orderSessionOf = (orderId: string) => `order:${orderId}`;

/**
 * An order's lines as purchases, in the consumer's transaction. Placed and
 * completed name the same purchases: each (order, product) is stored once,
 * whichever event comes first. A guest's order is its own session, so its
 * lines still count as bought together. Returns how many were new.
 */
export async function recordPurchases(
  deps: Pick<RecommendationDeps, 'metrics'>,
  tx: SqlExecutor,
  order: PlacedOrder,
): Promise<number> {
  const productIds = [...new Set(order.lines.map((line) => line.productId))];
  const stored = await insertBehaviourEvents(
    tx,
    productIds.map((productId) => ({
      kind: 'purchase' as const,
      productId,
      query: null,
      userId: order.customerId,
      sessionId: orderSessionOf(order.orderId),
      occurredAt: clampToNow(order.at),
      source: `order:${order.orderId}:${productId}`,
    })),
  );
  await queueForModel(
    tx,
    'behaviour',
    stored.flatMap((row) => (row.productId ? [row.productId] : [])),
  );
  deps.metrics.behaviourEvents.inc({ kind: 'purchase' }, stored.length);
  return stored.length;
}

/** A cart line as an add-to-cart signal, once per event. */
export async function recordCartItem(
  deps: Pick<RecommendationDeps, 'metrics'>,
  tx: SqlExecutor,
  item: {
    eventId: string;
    cartId: string;
    customerId: string | null;
    sessionId: string | null;
    productId: string;
    addedAt: string;
  },
): Promise<number> {
  const stored = await insertBehaviourEvents(tx, [
    {
      kind: 'add_to_cart',
      productId: item.productId,
      query: null,
      userId: item.customerId,
      sessionId: item.sessionId ?? `cart:${item.cartId}`,
      occurredAt: clampToNow(item.addedAt),
      source: `cart:${item.eventId}`,
    },
  ]);
  await queueForModel(tx, 'behaviour', stored.length > 0 ? [item.productId] : []);
  deps.metrics.behaviourEvents.inc({ kind: 'add_to_cart' }, stored.length);
  return stored.length;
}

function clampToNow(at: string): Date {
  const when = new Date(at);
  const now = new Date();
  return when > now ? now : when;
}

/**
 * A cancelled order was not a purchase after all: its lines stop counting
 * (bought together, already bought, popularity), and their neighbours are
 * queued for the model. Returns how many purchase rows went.
 */
export async function cancelPurchases(tx: SqlExecutor, orderId: string): Promise<number> {
  const removed = await deletePurchasesOfOrder(tx, orderSessionOf(orderId));
  await queueForModel(
    tx,
    'behaviour',
    removed.flatMap((row) => (row.productId ? [row.productId] : [])),
  );
  return removed.length;
}
