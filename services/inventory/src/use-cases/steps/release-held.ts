import { createEnvelope } from '@emporium/contracts/events/envelope';
import { inventoryReleased } from '@emporium/contracts/events/inventory-events';
import { traceContextOf } from '@emporium/platform/events/event-trace';
import type { Context } from '@opentelemetry/api';
import type { InventoryExecutor } from '../../db/database.js';
import { closeReservation } from '../../db/reservations.repo.js';
import { lockStockOf } from '../../db/stock.repo.js';
import type { ReleaseReason, Reservation } from '../../domain/reservation.js';
import type { InventoryDeps } from '../deps.js';
import { applyStockChanges } from './apply-stock-changes.js';

/**
 * Gives a held reservation's units back to stock and closes it (`expired`
 * when the clock did it, `released` otherwise), with `inventory.released`
 * in the outbox. The caller has locked the reservation row in `tx`.
 */
export async function releaseHeld(
  deps: Pick<InventoryDeps, 'events'>,
  tx: InventoryExecutor,
  reservation: Reservation,
  how: { reason: ReleaseReason; actor: string; trace?: Context | undefined },
): Promise<Reservation> {
  const expired = how.reason === 'expired';
  const locked = await lockStockOf(
    tx,
    reservation.allocations.map((a) => a.sku),
  );
  await applyStockChanges(deps, tx, locked, {
    changes: reservation.allocations.map((a) => ({
      sku: a.sku,
      warehouseId: a.warehouseId,
      onHandDelta: 0,
      reservedDelta: -a.quantity,
    })),
    reason: expired ? 'expire' : 'release',
    actor: how.actor,
    reference: reservation.orderId,
    trace: how.trace,
  });
  const closed = await closeReservation(tx, reservation.orderId, {
    status: expired ? 'expired' : 'released',
    releaseReason: how.reason,
  });
  await deps.events.enqueue(
    tx,
    createEnvelope(inventoryReleased, {
      subject: reservation.orderId,
      data: {
        reservationId: closed.id,
        orderId: closed.orderId,
        lines: closed.allocations,
        reason: how.reason,
        releasedAt: (closed.closedAt ?? new Date()).toISOString(),
      },
      ...traceContextOf(how.trace),
    }),
  );
  return closed;
}
