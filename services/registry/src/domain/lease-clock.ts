/**
 * Where leases are counted from. A lease runs from the instance's last
 * heartbeat, but never from before this registry could hear heartbeats: after
 * the registry (or its database) was away for longer than a lease, every
 * instance would otherwise look expired the moment it returns, callers would
 * be handed empty lists until each instance beat again, and the gateway would
 * answer 503 meanwhile. (Eureka's self-preservation mode answers the same
 * problem.) Started with the process; restarted whenever a sweep finds the
 * database away, so once it returns leases count from about then. An
 * instance that died during the outage is still caught by the health checks,
 * or by its lease one period after the last restart.
 */
export interface LeaseClock {
  /** Heartbeats older than this count as made at this moment. */
  since(): Date;
  restart(): void;
}

export function createLeaseClock(now: () => Date = () => new Date()): LeaseClock {
  let since = now();
  return {
    since: () => since,
    restart() {
      since = now();
    },
  };
}
