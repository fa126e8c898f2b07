import { historyOf } from '../db/order-history.repo.js';
import { linesOf } from '../db/order-lines.repo.js';
import { findOrder } from '../db/orders.repo.js';
import { orderErrors } from '../domain/errors.js';
import type { OrderDetail } from '../domain/order.js';
import type { OrderDeps } from './deps.js';

export async function getOrder(deps: OrderDeps, id: string): Promise<OrderDetail> {
  const order = await findOrder(deps.db, id);
  if (!order) throw orderErrors.ORDER_NOT_FOUND(`no order with id ${id}`);
  const [lines, history] = await Promise.all([linesOf(deps.db, id), historyOf(deps.db, id)]);
  return { ...order, lines, history };
}
