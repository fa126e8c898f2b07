import { decodeCursor, type Page, pageFromRows } from '@emporium/platform/http/keyset-page';
import { Type } from 'typebox';
import { allInstances, upInstancesOf } from '../db/instances.repo.js';
import type { Instance } from '../domain/instance.js';
import type { RegistryDeps } from './deps.js';

/** A page of instances is keyed by the last id it holds. */
const InstancePosition = Type.String({ format: 'uuid' });

/** What discovery clients balance across: up, inside their lease. */
export async function listUpInstances(
  deps: RegistryDeps,
  input: { service: string; limit: number; cursor?: string | undefined },
): Promise<Page<Instance>> {
  const afterId = input.cursor ? decodeCursor(InstancePosition, input.cursor) : undefined;
  const rows = await upInstancesOf(
    deps.db,
    input.service,
    { afterId, limit: input.limit + 1 },
    deps.leaseClock.since(),
  );
  return pageFromRows(rows, input.limit, (row) => row.id);
}

/** Every registration, whatever its status (admin). */
export async function listAllInstances(
  deps: RegistryDeps,
  input: { service?: string | undefined; limit: number; cursor?: string | undefined },
): Promise<Page<Instance>> {
  const afterId = input.cursor ? decodeCursor(InstancePosition, input.cursor) : undefined;
  const rows = await allInstances(deps.db, { service: input.service, afterId, limit: input.limit + 1 });
  return pageFromRows(rows, input.limit, (row) => row.id);
}
