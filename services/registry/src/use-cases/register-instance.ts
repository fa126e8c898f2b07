import { randomUUID } from 'node:crypto';
import type { RequestContext } from '@emporium/platform/http/request-context';
import { upsertInstance } from '../db/instances.repo.js';
import type { InstanceMetadata } from '../domain/instance.js';
import { heartbeatIntervalOf } from '../domain/lease.js';
import type { RegistryDeps } from './deps.js';

export async function registerInstance(
  deps: RegistryDeps,
  ctx: RequestContext,
  input: {
    service: string;
    url: string;
    metadata?: InstanceMetadata | undefined;
    leaseSeconds?: number | undefined;
  },
): Promise<{ id: string; leaseSeconds: number; heartbeatIntervalSeconds: number }> {
  const instance = await upsertInstance(deps.db, {
    id: randomUUID(),
    service: input.service,
    url: input.url.replace(/\/+$/, ''),
    metadata: input.metadata ?? {},
    leaseSeconds: input.leaseSeconds ?? deps.defaultLeaseSeconds,
    // Traffic goes to an instance once the registry has seen it healthy, not on its word.
    status: deps.healthChecking ? 'starting' : 'up',
  });
  if (deps.healthChecking) deps.checkSoon();
  ctx.logger.info(
    { instanceId: instance.id, instanceService: instance.service, instanceUrl: instance.url },
    'instance registered',
  );
  return {
    id: instance.id,
    leaseSeconds: instance.leaseSeconds,
    heartbeatIntervalSeconds: heartbeatIntervalOf(instance.leaseSeconds),
  };
}
