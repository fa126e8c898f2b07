import { decodeCursor, type Page, pageFromRows } from '@emporium/platform/http/keyset-page';
import { Type } from 'typebox';
import { type ServiceSummary, serviceSummaries } from '../db/instances.repo.js';
import type { RegistryDeps } from './deps.js';

const ServicePosition = Type.String({ minLength: 1 });

/** Each service with a registration, with how many of its instances take traffic. */
export async function listServices(
  deps: RegistryDeps,
  input: { limit: number; cursor?: string | undefined },
): Promise<Page<ServiceSummary>> {
  const afterName = input.cursor ? decodeCursor(ServicePosition, input.cursor) : undefined;
  const rows = await serviceSummaries(
    deps.db,
    { afterName, limit: input.limit + 1 },
    deps.leaseClock.since(),
  );
  return pageFromRows(rows, input.limit, (row) => row.name);
}
