/**
 * Heartbeats come three times per lease, so one lost beat (a GC pause, a
 * dropped packet) never expires a healthy instance.
 */
export function heartbeatIntervalOf(leaseSeconds: number): number {
  return Math.max(0.1, Math.round((leaseSeconds / 3) * 10) / 10);
}

/** A lease's end: its length after the last heartbeat, counted from `since` at the earliest (see lease-clock.ts). */
export function expiresAtOf(
  instance: { lastHeartbeatAt: Date; leaseSeconds: number },
  since: Date = new Date(0),
): Date {
  const from = Math.max(instance.lastHeartbeatAt.getTime(), since.getTime());
  return new Date(from + instance.leaseSeconds * 1_000);
}
