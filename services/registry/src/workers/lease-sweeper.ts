import type { Logger } from '@emporium/platform/log/logger';
import type { Counter } from '@emporium/platform/metrics/business-counter';
import type { RegistryDb } from '../db/database.js';
import { deleteExpired } from '../db/instances.repo.js';
import type { LeaseClock } from '../domain/lease-clock.js';
import { type PeriodicTask, startPeriodicTask } from './periodic-task.js';

const batchSize = 500;

/**
 * Removes instances that stopped heartbeating (killed, partitioned) once their
 * lease has run out. A sweep that fails means the database is away and no
 * heartbeat can be recorded: the lease clock restarts, so when the database
 * returns leases count from (about) then, not from before the outage.
 */
export function startLeaseSweeper(deps: {
  db: RegistryDb;
  logger: Logger;
  intervalMs: number;
  expired: Counter<'service'>;
  leaseClock: LeaseClock;
}): PeriodicTask {
  return startPeriodicTask(
    'lease-sweeper',
    deps.intervalMs,
    async () => {
      let removed: Awaited<ReturnType<typeof deleteExpired>>;
      do {
        try {
          removed = await deleteExpired(deps.db, batchSize, deps.leaseClock.since());
        } catch (error) {
          deps.leaseClock.restart();
          throw error;
        }
        for (const instance of removed) {
          deps.expired.inc({ service: instance.service });
          deps.logger.info(
            { instanceId: instance.id, instanceService: instance.service, instanceUrl: instance.url },
            'instance lease expired',
          );
        }
      } while (removed.length === batchSize);
    },
    deps.logger,
  );
}
