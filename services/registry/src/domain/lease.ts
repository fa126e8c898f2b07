/**
 * Heartbeats come three times per lease, so one lost beat (a GC pause, a
 * dropped packet) never expires a healthy instance.
 */
export function heartbeatIntervalOf(leaseSeconds: number): number {
  return Math.max(0.1, Math.round((leaseSeconds / 3) * 10) / 10);
}

export function expiresAtOf(instance: { lastHeartbeatAt: Date; leaseSeconds: number }): Date {
  return new Date(instance.lastHeartbeatAt.getTime() + instance.leaseSeconds * 1_000);
}
