import type { Logger } from '../log/logger.js';

/**
 * Keeps this instance registered with the registry service while it runs:
 *
 *   const registration = startRegistration({
 *     registryUrl: 'http://registry:8081', service: 'inventory',
 *     url: 'http://10.0.0.7:8086', metadata: { version: '0.1.0' }, logger,
 *   });
 *   ...
 *   await registration.close(); // deregisters, so traffic stops before draining
 *
 * Registers at once, heartbeats every `leaseSeconds / 3` (as the registry
 * says), registers again when the registry has forgotten the instance (404:
 * lease expired, registry data lost), and never blocks or fails startup: when
 * the registry cannot be reached it keeps trying in the background with
 * exponential backoff, logging each failure.
 */
export interface RegistrationOptions {
  registryUrl: string;
  service: string;
  /** Where others reach this instance (`publicUrl`). */
  url: string;
  metadata?: Record<string, string | number | boolean>;
  leaseSeconds?: number;
  logger: Logger;
  /** Backoff between failed registrations. */
  retryMinMs?: number;
  retryMaxMs?: number;
  /** Per request to the registry. */
  timeoutMs?: number;
}

export interface Registration {
  /** The registry's id for this instance, once registered. */
  readonly instanceId: string | undefined;
  close: () => Promise<void>;
}

interface Registered {
  id: string;
  leaseSeconds: number;
  heartbeatIntervalSeconds: number;
}

export function startRegistration(options: RegistrationOptions): Registration {
  const registryUrl = options.registryUrl.replace(/\/+$/, '');
  const retryMinMs = options.retryMinMs ?? 500;
  const retryMaxMs = options.retryMaxMs ?? 30_000;
  const timeoutMs = options.timeoutMs ?? 2_000;
  const logger = options.logger.child({ registryUrl, instanceUrl: options.url });
  let instanceId: string | undefined;
  let heartbeatMs = 0;
  let failures = 0;
  let timer: NodeJS.Timeout | undefined;
  let closed = false;

  const schedule = (ms: number, step: () => Promise<void>) => {
    if (closed) return;
    timer = setTimeout(() => void step(), ms);
    // Registration alone must never keep a process alive.
    timer.unref();
  };
  const backoffMs = () => {
    const exponential = Math.min(retryMaxMs, retryMinMs * 2 ** Math.min(failures, 16));
    return exponential / 2 + Math.random() * (exponential / 2);
  };

  async function register(): Promise<void> {
    if (closed) return;
    try {
      const response = await fetch(`${registryUrl}/api/v1/registry/instances`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify({
          service: options.service,
          url: options.url,
          metadata: options.metadata ?? {},
          ...(options.leaseSeconds ? { leaseSeconds: options.leaseSeconds } : {}),
        }),
        signal: AbortSignal.timeout(timeoutMs),
      });
      if (response.status !== 201) throw new Error(`registry answered ${response.status}`);
      const registered = (await response.json()) as Registered;
      if (closed) {
        await deregister(registered.id);
        return;
      }
      instanceId = registered.id;
      heartbeatMs = registered.heartbeatIntervalSeconds * 1_000;
      failures = 0;
      logger.info({ instanceId, leaseSeconds: registered.leaseSeconds }, 'registered with the registry');
      schedule(heartbeatMs, heartbeat);
    } catch (error) {
      failures += 1;
      const retryInMs = Math.round(backoffMs());
      logger.warn({ err: error, attempt: failures, retryInMs }, 'registration failed; retrying');
      schedule(retryInMs, register);
    }
  }

  async function heartbeat(): Promise<void> {
    try {
      const response = await fetch(`${registryUrl}/api/v1/registry/instances/${instanceId}/heartbeat`, {
        method: 'PUT',
        headers: { accept: 'application/json' },
        signal: AbortSignal.timeout(timeoutMs),
      });
      await response.body?.cancel();
      if (response.status === 404) {
        logger.warn({ instanceId }, 'registry forgot this instance; registering again');
        instanceId = undefined;
        return register();
      }
      if (!response.ok) throw new Error(`registry answered ${response.status}`);
      failures = 0;
    } catch (error) {
      // Keep beating on schedule: if the lease runs out meanwhile, the next beat gets a 404.
      failures += 1;
      logger.warn({ err: error, instanceId, attempt: failures }, 'heartbeat failed');
    }
    schedule(heartbeatMs, heartbeat);
  }

  async function deregister(id: string): Promise<void> {
    try {
      const response = await fetch(`${registryUrl}/api/v1/registry/instances/${id}`, {
        method: 'DELETE',
        signal: AbortSignal.timeout(timeoutMs),
      });
      await response.body?.cancel();
      logger.info({ instanceId: id }, 'deregistered from the registry');
    } catch (error) {
      logger.warn({ err: error, instanceId: id }, 'deregistration failed; the lease will expire');
    }
  }

  void register();
  return {
    get instanceId() {
      return instanceId;
    },
    async close() {
      if (closed) return;
      closed = true;
      clearTimeout(timer);
      if (instanceId) await deregister(instanceId);
      instanceId = undefined;
    },
  };
}
