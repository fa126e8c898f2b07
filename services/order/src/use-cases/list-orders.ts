import { hasPermission } from '@emporium/platform/auth/principal';
import { platformErrors } from '@emporium/platform/http/errors';
import { decodeCursor, type Page, pageFromRows, timeIdPosition } from '@emporium/platform/http/keyset-page';
import { listOrders as selectOrders } from '../db/orders.repo.js';
import type { Order } from '../domain/order.js';
import type { OrderStatus } from '../domain/order-statuses.js';
import { type Caller, customerIdOf } from './caller.js';
import type { OrderDeps } from './deps.js';

export interface OrderListInput {
  limit: number;
  cursor?: string | undefined;
  status?: OrderStatus | undefined;
  customerId?: string | undefined;
  email?: string | undefined;
}

/**
 * Newest orders first, paged by `(createdAt, id)`. Staff with
 * `orders:read:any` list everyone's, with filters; a customer lists only
 * their own (the customer and email filters do not widen that).
 */
export async function listOrders(
  deps: OrderDeps,
  caller: Caller,
  input: OrderListInput,
): Promise<Page<Order>> {
  const anyOrder = hasPermission(caller.principal, 'orders:read:any');
  const self = customerIdOf(caller.principal);
  if (!anyOrder && !self) throw platformErrors.FORBIDDEN('sign in as a customer to list your orders');
  const after = input.cursor ? decodeCursor(timeIdPosition, input.cursor) : undefined;
  const rows = await selectOrders(deps.db, {
    status: input.status,
    customerId: anyOrder ? input.customerId : self!,
    email: anyOrder ? input.email?.toLowerCase() : undefined,
    after,
    take: input.limit + 1,
  });
  return pageFromRows(rows, input.limit, (order) => [order.createdAt.toISOString(), order.id]);
}
