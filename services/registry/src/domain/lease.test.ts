import { describe, expect, it } from 'vitest';
import { expiresAtOf, heartbeatIntervalOf } from './lease.js';
import { createLeaseClock } from './lease-clock.js';

describe('lease', () => {
  it('asks for three heartbeats per lease, never less than a tenth of a second apart', () => {
    expect(heartbeatIntervalOf(30)).toBe(10);
    expect(heartbeatIntervalOf(10)).toBe(3.3);
    expect(heartbeatIntervalOf(1)).toBe(0.3);
    expect(heartbeatIntervalOf(0.2)).toBe(0.1);
  });

  it('expires a lease its length after the last heartbeat', () => {
    const lastHeartbeatAt = new Date('2030-01-01T00:00:00.000Z');
    expect(expiresAtOf({ lastHeartbeatAt, leaseSeconds: 10 }).toISOString()).toBe('2030-01-01T00:00:10.000Z');
  });

  it('counts a lease from the lease clock when the last heartbeat is older (the registry was away)', () => {
    const lastHeartbeatAt = new Date('2030-01-01T00:00:00.000Z');
    let now = new Date('2030-01-01T00:00:30.000Z');
    const clock = createLeaseClock(() => now);
    expect(expiresAtOf({ lastHeartbeatAt, leaseSeconds: 10 }, clock.since()).toISOString()).toBe(
      '2030-01-01T00:00:40.000Z',
    );
    now = new Date('2030-01-01T00:01:00.000Z');
    clock.restart();
    expect(clock.since().toISOString()).toBe('2030-01-01T00:01:00.000Z');
    const recent = new Date('2030-01-01T00:01:05.000Z');
    expect(expiresAtOf({ lastHeartbeatAt: recent, leaseSeconds: 10 }, clock.since()).toISOString()).toBe(
      '2030-01-01T00:01:15.000Z',
    );
  });
});
