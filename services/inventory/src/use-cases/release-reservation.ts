import type { RequestContext } from '@emporium/platform/http/request-context';
import { inventoryErrors } from '../domain/errors.js';
import type { Reservation } from '../domain/reservation.js';
import type { InventoryDeps } from './deps.js';
import { releaseReservationIn } from './steps/release-reservation-in.js';

/** The order will not be paid: its held units go back to stock. Idempotent; a committed one stays committed. */
export async function releaseReservation(
  deps: InventoryDeps,
  ctx: RequestContext,
  input: { orderId: string; reason: 'order_cancelled' | 'payment_failed'; actor: string },
): Promise<Reservation> {
  const outcome = await deps.db.transaction((tx) =>
    releaseReservationIn(deps, tx, { ...input, trace: ctx.trace }),
  );
  switch (outcome.kind) {
    case 'missing':
      throw inventoryErrors.RESERVATION_NOT_FOUND(`no reservation for order "${input.orderId}"`);
    case 'committed':
      throw inventoryErrors.RESERVATION_COMMITTED();
    case 'released':
      ctx.logger.info({ orderId: input.orderId, reason: input.reason }, 'reservation released');
      return outcome.reservation;
    case 'already':
      return outcome.reservation;
  }
}
