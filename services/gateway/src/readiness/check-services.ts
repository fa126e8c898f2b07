import { type ReadinessCheck, runChecks } from '@emporium/platform/http/operational-routes';
import type { GatewayDeps } from '../deps.js';
import { upstreamServices } from '../routing/route-table.js';
import { instanceOf, targetOf } from '../upstream/upstreams.js';

export interface ServiceStatus {
  name: string;
  status: 'up' | 'down';
  latencyMs: number;
  url: string | null;
  error?: string;
}

/**
 * The gateway itself (its own checks, none today) and every service's
 * `/health/ready`, asked in parallel, each within `probeTimeoutMs`.
 * Breakers are bypassed: readiness reports the truth, not what the gateway
 * currently avoids. One instance per service is asked: the one discovery
 * hands out next.
 */
export async function checkServices(
  deps: GatewayDeps & { readiness: ReadinessCheck[] },
  self: { url: string },
): Promise<ServiceStatus[]> {
  const [own, ...others] = await Promise.all([
    checkSelf(deps.readiness, self.url),
    ...upstreamServices.map((name) => checkService(deps, name)),
  ]);
  return [own!, ...others];
}

async function checkSelf(checks: ReadinessCheck[], url: string): Promise<ServiceStatus> {
  const started = performance.now();
  const down = (await runChecks(checks)).filter((check) => check.status === 'down');
  const latencyMs = Math.round(performance.now() - started);
  if (down.length === 0) return { name: 'gateway', status: 'up', latencyMs, url };
  return { name: 'gateway', status: 'down', latencyMs, url, error: down.map((c) => c.name).join(', ') };
}

async function checkService(deps: GatewayDeps, name: string): Promise<ServiceStatus> {
  const url = (await instanceOf(deps.locator, name)) ?? null;
  if (url === null) return { name, status: 'down', latencyMs: 0, url, error: 'no known instance' };
  const timeoutMs = deps.config.probeTimeoutMs;
  const target = targetOf(url);
  const started = performance.now();
  const result = (status: 'up' | 'down', error?: string): ServiceStatus => ({
    name,
    status,
    latencyMs: Math.round(performance.now() - started),
    url,
    ...(error ? { error } : {}),
  });
  try {
    const response = await deps.upstreams.get(name).agent.request({
      origin: target.origin,
      path: `${target.basePath}/health/ready`,
      method: 'GET',
      headers: { accept: 'application/json' },
      signal: AbortSignal.timeout(timeoutMs),
    });
    await response.body.dump();
    return response.statusCode === 200 ? result('up') : result('down', `answered ${response.statusCode}`);
  } catch (error) {
    const timedOut = (error as Error).name === 'TimeoutError';
    return result('down', timedOut ? `no answer within ${timeoutMs} ms` : (error as Error).message);
  }
}
