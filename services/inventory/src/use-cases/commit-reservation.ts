import { createEnvelope } from '@emporium/contracts/events/envelope';
import { inventoryCommitted } from '@emporium/contracts/events/inventory-events';
import { traceContextOf } from '@emporium/platform/events/event-trace';
import type { RequestContext } from '@emporium/platform/http/request-context';
import { closeReservation, findReservation } from '../db/reservations.repo.js';
import { lockStockOf } from '../db/stock.repo.js';
import { inventoryErrors } from '../domain/errors.js';
import type { Reservation } from '../domain/reservation.js';
import type { InventoryDeps } from './deps.js';
import { applyStockChanges } from './steps/apply-stock-changes.js';
import { releaseHeld } from './steps/release-held.js';

/**
 * The order was paid: its held units leave stock for good (on hand and
 * reserved both drop). Idempotent. A reservation past its expiry cannot be
 * committed: it is expired here (stock released) and the caller told so.
 */
export async function commitReservation(
  deps: InventoryDeps,
  ctx: RequestContext,
  input: { orderId: string; actor: string },
): Promise<Reservation> {
  const outcome = await deps.db.transaction(async (tx) => {
    const reservation = await findReservation(tx, input.orderId, { lock: true });
    if (!reservation)
      throw inventoryErrors.RESERVATION_NOT_FOUND(`no reservation for order "${input.orderId}"`);
    if (reservation.status === 'committed') return { reservation, lapsed: false };
    if (reservation.status === 'released') throw inventoryErrors.RESERVATION_RELEASED();
    if (reservation.status === 'expired') throw inventoryErrors.RESERVATION_EXPIRED();
    if (reservation.lapsed) {
      const expired = await releaseHeld(deps, tx, reservation, {
        reason: 'expired',
        actor: input.actor,
        trace: ctx.trace,
      });
      return { reservation: expired, lapsed: true };
    }

    const locked = await lockStockOf(
      tx,
      reservation.allocations.map((a) => a.sku),
    );
    await applyStockChanges(deps, tx, locked, {
      changes: reservation.allocations.map((a) => ({
        sku: a.sku,
        warehouseId: a.warehouseId,
        onHandDelta: -a.quantity,
        reservedDelta: -a.quantity,
      })),
      reason: 'commit',
      actor: input.actor,
      reference: input.orderId,
      trace: ctx.trace,
    });
    const committed = await closeReservation(tx, input.orderId, { status: 'committed' });
    await deps.events.enqueue(
      tx,
      createEnvelope(inventoryCommitted, {
        subject: input.orderId,
        data: {
          reservationId: committed.id,
          orderId: committed.orderId,
          lines: committed.allocations,
          committedAt: (committed.closedAt ?? new Date()).toISOString(),
        },
        ...traceContextOf(ctx.trace),
      }),
    );
    ctx.logger.info({ orderId: input.orderId }, 'reservation committed');
    return { reservation: committed, lapsed: false };
  });
  // Outside the transaction: the expiry above must commit before the caller hears about it.
  if (outcome.lapsed) throw inventoryErrors.RESERVATION_EXPIRED('it expired before it was committed');
  return outcome.reservation;
}
