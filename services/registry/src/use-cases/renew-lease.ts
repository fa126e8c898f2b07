import { renewLease as renewLeaseRow } from '../db/instances.repo.js';
import { registryErrors } from '../domain/errors.js';
import type { Instance } from '../domain/instance.js';
import type { RegistryDeps } from './deps.js';

/** A heartbeat. An expired lease answers INSTANCE_NOT_FOUND, which tells the instance to register again. */
export async function renewLease(deps: RegistryDeps, id: string): Promise<Instance> {
  const instance = await renewLeaseRow(deps.db, id, deps.leaseClock.since());
  if (!instance) throw registryErrors.INSTANCE_NOT_FOUND(`instance ${id} is not registered`);
  return instance;
}
