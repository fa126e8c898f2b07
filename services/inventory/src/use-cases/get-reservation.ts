import { findReservation } from '../db/reservations.repo.js';
import { inventoryErrors } from '../domain/errors.js';
import type { Reservation } from '../domain/reservation.js';
import type { InventoryDeps } from './deps.js';

export async function getReservation(deps: InventoryDeps, orderId: string): Promise<Reservation> {
  const reservation = await findReservation(deps.db, orderId);
  if (!reservation) throw inventoryErrors.RESERVATION_NOT_FOUND(`no reservation for order "${orderId}"`);
  return reservation;
}
