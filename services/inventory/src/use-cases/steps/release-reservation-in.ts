import type { Context } from '@opentelemetry/api';
import type { InventoryExecutor } from '../../db/database.js';
import { findReservation } from '../../db/reservations.repo.js';
import type { Reservation } from '../../domain/reservation.js';
import type { InventoryDeps } from '../deps.js';
import { releaseHeld } from './release-held.js';

export type ReleaseOutcome =
  | { kind: 'released'; reservation: Reservation }
  /** Released or expired before: nothing to do (a repeat). */
  | { kind: 'already'; reservation: Reservation }
  | { kind: 'committed'; reservation: Reservation }
  | { kind: 'missing' };

/**
 * Releases an order's reservation inside `tx` (an HTTP use case's
 * transaction or an event consumer's). Safe to repeat. A reservation past its
 * expiry is closed as expired, whoever gets to it first.
 */
export async function releaseReservationIn(
  deps: Pick<InventoryDeps, 'events'>,
  tx: InventoryExecutor,
  input: {
    orderId: string;
    reason: 'order_cancelled' | 'payment_failed';
    actor: string;
    trace?: Context | undefined;
  },
): Promise<ReleaseOutcome> {
  const reservation = await findReservation(tx, input.orderId, { lock: true });
  if (!reservation) return { kind: 'missing' };
  if (reservation.status === 'committed') return { kind: 'committed', reservation };
  if (reservation.status !== 'held') return { kind: 'already', reservation };
  const released = await releaseHeld(deps, tx, reservation, {
    reason: reservation.lapsed ? 'expired' : input.reason,
    actor: input.actor,
    trace: input.trace,
  });
  return { kind: 'released', reservation: released };
}
