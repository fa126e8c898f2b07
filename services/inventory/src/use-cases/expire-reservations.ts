import type { Logger } from '@emporium/platform/log/logger';
import { claimLapsedReservation } from '../db/reservations.repo.js';
import { systemActor } from '../domain/movement.js';
import type { InventoryDeps } from './deps.js';
import { releaseHeld } from './steps/release-held.js';

/**
 * One sweep: releases held reservations past their expiry, one transaction
 * each, up to `limit`. Replicas sweeping at the same time each claim
 * different reservations (SKIP LOCKED); returns how many this one expired.
 */
export async function expireReservations(
  deps: InventoryDeps,
  logger: Logger,
  input: { limit: number },
): Promise<number> {
  let expired = 0;
  while (expired < input.limit) {
    const orderId = await deps.db.transaction(async (tx) => {
      const lapsed = await claimLapsedReservation(tx);
      if (!lapsed) return undefined;
      await releaseHeld(deps, tx, lapsed, { reason: 'expired', actor: systemActor });
      return lapsed.orderId;
    });
    if (orderId === undefined) break;
    expired += 1;
    logger.info({ orderId }, 'reservation expired');
  }
  return expired;
}
