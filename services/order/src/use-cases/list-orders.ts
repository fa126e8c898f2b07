import { decodeCursor, type Page, pageFromRows, timeIdPosition } from '@emporium/platform/http/keyset-page';
import { listOrders as selectOrders } from '../db/orders.repo.js';
import type { Order } from '../domain/order.js';
import type { OrderStatus } from '../domain/order-statuses.js';
import type { OrderDeps } from './deps.js';

export interface OrderListInput {
  limit: number;
  cursor?: string | undefined;
  status?: OrderStatus | undefined;
  customerId?: string | undefined;
  email?: string | undefined;
}

/** Newest orders first, paged by `(createdAt, id)`. */
export async function listOrders(deps: OrderDeps, input: OrderListInput): Promise<Page<Order>> {
  const after = input.cursor ? decodeCursor(timeIdPosition, input.cursor) : undefined;
  const rows = await selectOrders(deps.db, {
    status: input.status,
    customerId: input.customerId,
    email: input.email?.toLowerCase(),
    after,
    take: input.limit + 1,
  });
  return pageFromRows(rows, input.limit, (order) => [order.createdAt.toISOString(), order.id]);
}
