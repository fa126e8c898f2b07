import type { RequestContext } from '@emporium/platform/http/request-context';
import type { OrderExecutor } from '../../db/database.js';
import { appendStatusChange } from '../../db/order-history.repo.js';
import { linesOf } from '../../db/order-lines.repo.js';
import { updateOrderStatus } from '../../db/orders.repo.js';
import type { CancelReason } from '../../domain/checkout-saga.js';
import type { Order } from '../../domain/order.js';
import { assertTransition } from '../../domain/order-status.js';
import type { OrderStatus } from '../../domain/order-statuses.js';
import { statusChangeEnvelope } from '../../events/order-envelopes.js';
import type { OrderDeps } from '../deps.js';

export interface StatusChangeInput {
  /** Locked by the caller (`findOrderForUpdate`) in `tx`. */
  order: Order;
  to: OrderStatus;
  actor: string;
  reason: string | null;
  cancellation?: { reason: CancelReason; refundRequired: boolean } | undefined;
  trace: RequestContext['trace'];
}

/**
 * The one way an order's status changes: through the state machine, with a
 * history row saying who and why, and its event in the outbox, all in the
 * caller's transaction (a request's, the saga worker's, or an event handler's).
 */
export async function applyStatusChange(
  deps: Pick<OrderDeps, 'events' | 'metrics'>,
  tx: OrderExecutor,
  input: StatusChangeInput,
): Promise<Order> {
  const { order, to } = input;
  assertTransition(order.status, to);
  await updateOrderStatus(tx, order.id, to);
  await appendStatusChange(tx, order.id, {
    fromStatus: order.status,
    toStatus: to,
    actor: input.actor,
    reason: input.reason,
  });
  await deps.events.enqueue(
    tx,
    statusChangeEnvelope({
      order,
      lines: await linesOf(tx, order.id),
      from: order.status,
      to,
      cancellation: input.cancellation,
      trace: input.trace,
    }),
  );
  deps.metrics.statusChanges.inc({ from: order.status, to });
  return { ...order, status: to };
}
