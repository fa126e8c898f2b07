import { randomUUID } from 'node:crypto';
import { createEnvelope } from '@emporium/contracts/events/envelope';
import { inventoryReservationFailed, inventoryReserved } from '@emporium/contracts/events/inventory-events';
import { traceContextOf } from '@emporium/platform/events/event-trace';
import type { RequestContext } from '@emporium/platform/http/request-context';
import { findReservation, insertReservation, lockOrderReservation } from '../db/reservations.repo.js';
import { lockStockOf, stockOfSkus } from '../db/stock.repo.js';
import {
  allocate,
  canonicalLines,
  type RequestedLine,
  type Shortage,
  sameLines,
} from '../domain/allocation.js';
import { inventoryErrors } from '../domain/errors.js';
import type { Reservation } from '../domain/reservation.js';
import type { InventoryDeps } from './deps.js';
import { applyStockChanges } from './steps/apply-stock-changes.js';

export interface ReserveStockInput {
  orderId: string;
  lines: RequestedLine[];
  ttlSeconds?: number | undefined;
  actor: string;
}

type Attempt =
  | { kind: 'created' | 'existing'; reservation: Reservation }
  | { kind: 'short'; shortages: Shortage[] };

/**
 * Holds stock for an order, all lines or none. Idempotent on the order id: a
 * repeat with the same lines gets the same reservation (`created: false`),
 * different lines are refused. Stock rows are locked while allocating, so
 * concurrent reservations queue on them and none can take what another took;
 * the check after the lock is the one that counts.
 */
export async function reserveStock(
  deps: InventoryDeps,
  ctx: RequestContext,
  input: ReserveStockInput,
): Promise<{ created: boolean; reservation: Reservation }> {
  const requested = canonicalLines(input.lines);
  const attempt = await deps.db.transaction(async (tx): Promise<Attempt> => {
    await lockOrderReservation(tx, input.orderId);
    const existing = await findReservation(tx, input.orderId);
    if (existing) return { kind: 'existing', reservation: existing };

    const skus = requested.map((line) => line.sku);
    // A sold-out SKU is refused on what was last committed, without queueing for its row locks:
    // a stampede of orders for the last units then waits only behind the ones that can win.
    const seen = allocate(requested, await stockOfSkus(tx, skus));
    const locked = seen.ok ? await lockStockOf(tx, skus) : [];
    const allocation = seen.ok ? allocate(requested, locked) : seen;
    if (!allocation.ok) {
      await deps.events.enqueue(
        tx,
        createEnvelope(inventoryReservationFailed, {
          subject: input.orderId,
          data: {
            orderId: input.orderId,
            reason: allocation.shortages.some((s) => s.unknown) ? 'unknown_sku' : 'insufficient_stock',
            shortages: allocation.shortages.map(({ sku, requested, available }) => ({
              sku,
              requested,
              available,
            })),
            failedAt: new Date().toISOString(),
          },
          ...traceContextOf(ctx.trace),
        }),
      );
      return { kind: 'short', shortages: allocation.shortages };
    }

    await applyStockChanges(deps, tx, locked, {
      changes: allocation.allocations.map((a) => ({
        sku: a.sku,
        warehouseId: a.warehouseId,
        onHandDelta: 0,
        reservedDelta: a.quantity,
      })),
      reason: 'reserve',
      actor: input.actor,
      reference: input.orderId,
      trace: ctx.trace,
    });
    const reservation = await insertReservation(tx, {
      id: randomUUID(),
      orderId: input.orderId,
      requestedLines: requested,
      allocations: allocation.allocations,
      ttlSeconds: input.ttlSeconds ?? deps.settings.defaultReservationTtlSeconds,
    });
    await deps.events.enqueue(
      tx,
      createEnvelope(inventoryReserved, {
        subject: input.orderId,
        data: {
          reservationId: reservation.id,
          orderId: reservation.orderId,
          lines: reservation.allocations,
          expiresAt: reservation.expiresAt.toISOString(),
        },
        ...traceContextOf(ctx.trace),
      }),
    );
    return { kind: 'created', reservation };
  });

  if (attempt.kind === 'short') {
    throw inventoryErrors.INSUFFICIENT_STOCK(
      `not enough stock for ${attempt.shortages.map((s) => s.sku).join(', ')}`,
      {
        shortages: attempt.shortages.map(({ sku, requested, available }) => ({ sku, requested, available })),
      },
    );
  }
  if (attempt.kind === 'existing' && !sameLines(attempt.reservation.requestedLines, requested)) {
    throw inventoryErrors.RESERVATION_CONFLICT(
      `order "${input.orderId}" already holds a reservation for other lines`,
    );
  }
  if (attempt.kind === 'created') {
    ctx.logger.info(
      { orderId: input.orderId, allocations: attempt.reservation.allocations.length },
      'stock reserved',
    );
  }
  return { created: attempt.kind === 'created', reservation: attempt.reservation };
}
