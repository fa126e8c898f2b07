import { and, asc, count, eq, gt, sql } from 'drizzle-orm';
import type { Instance, InstanceMetadata, InstanceStatus } from '../domain/instance.js';
import type { RegistryDb } from './database.js';
import { instances } from './schema.js';

/**
 * Still inside its lease: the last heartbeat, or `since` if later (the lease
 * clock, domain/lease-clock.ts), is younger than the lease.
 */
const withinLease = (since: Date) =>
  sql`greatest(${instances.lastHeartbeatAt}, ${since.toISOString()}::timestamptz)
    + make_interval(secs => ${instances.leaseSeconds}) > now()`;

const columns = {
  id: instances.id,
  service: instances.service,
  url: instances.url,
  metadata: instances.metadata,
  status: instances.status,
  registeredAt: instances.registeredAt,
  lastHeartbeatAt: instances.lastHeartbeatAt,
  leaseSeconds: instances.leaseSeconds,
  lastCheckAt: instances.lastCheckAt,
  lastCheckError: instances.lastCheckError,
};

/**
 * Registers, or replaces the lease of whatever was registered at the same
 * address (a restarted instance). One statement, so registry replicas
 * racing on the same instance end with one row.
 */
export async function upsertInstance(
  db: RegistryDb,
  instance: {
    id: string;
    service: string;
    url: string;
    metadata: InstanceMetadata;
    leaseSeconds: number;
    status: InstanceStatus;
  },
): Promise<Instance> {
  const [row] = await db
    .insert(instances)
    .values(instance)
    .onConflictDoUpdate({
      target: [instances.service, instances.url],
      set: {
        id: instance.id,
        metadata: instance.metadata,
        status: instance.status,
        leaseSeconds: instance.leaseSeconds,
        registeredAt: sql`now()`,
        lastHeartbeatAt: sql`now()`,
        lastCheckAt: null,
        lastCheckError: null,
        checkFailures: 0,
      },
    })
    .returning(columns);
  return row!;
}

/** Renews a lease that has not run out; an expired one is not revived (the instance registers again). */
export async function renewLease(db: RegistryDb, id: string, since: Date): Promise<Instance | undefined> {
  const [row] = await db
    .update(instances)
    .set({ lastHeartbeatAt: sql`now()` })
    .where(and(eq(instances.id, id), withinLease(since)))
    .returning(columns);
  return row;
}

export async function deleteInstance(db: RegistryDb, id: string): Promise<boolean> {
  const rows = await db.delete(instances).where(eq(instances.id, id)).returning({ id: instances.id });
  return rows.length > 0;
}

/** Instances that may receive traffic: up and inside their lease, by id after `afterId`. */
export async function upInstancesOf(
  db: RegistryDb,
  service: string,
  page: { afterId?: string | undefined; limit: number },
  since: Date,
): Promise<Instance[]> {
  return db
    .select(columns)
    .from(instances)
    .where(
      and(
        eq(instances.service, service),
        eq(instances.status, 'up'),
        withinLease(since),
        page.afterId ? gt(instances.id, page.afterId) : undefined,
      ),
    )
    .orderBy(asc(instances.id))
    .limit(page.limit);
}

/** Every registration whatever its state (operators: why is this one down?). */
export async function allInstances(
  db: RegistryDb,
  filter: { service?: string | undefined; afterId?: string | undefined; limit: number },
): Promise<Instance[]> {
  return db
    .select(columns)
    .from(instances)
    .where(
      and(
        filter.service ? eq(instances.service, filter.service) : undefined,
        filter.afterId ? gt(instances.id, filter.afterId) : undefined,
      ),
    )
    .orderBy(asc(instances.id))
    .limit(filter.limit);
}

export interface ServiceSummary {
  name: string;
  up: number;
  total: number;
}

export async function serviceSummaries(
  db: RegistryDb,
  page: { afterName?: string | undefined; limit: number },
  since: Date,
): Promise<ServiceSummary[]> {
  const rows = await db
    .select({
      name: instances.service,
      up: sql<number>`(count(*) filter (where ${instances.status} = 'up' and ${withinLease(since)}))::int`,
      total: count(),
    })
    .from(instances)
    .where(page.afterName ? gt(instances.service, page.afterName) : undefined)
    .groupBy(instances.service)
    .orderBy(asc(instances.service))
    .limit(page.limit);
  return rows;
}

/**
 * Deletes up to `limit` instances whose lease ran out. Rows another replica
 * is sweeping are skipped, not waited for.
 */
export async function deleteExpired(
  db: RegistryDb,
  limit: number,
  since: Date,
): Promise<Array<{ id: string; service: string; url: string }>> {
  const result = await db.execute<{ id: string; service: string; url: string }>(sql`
    delete from ${instances}
    where ${instances.id} in (
      select ${instances.id} from ${instances}
      where not (${withinLease(since)})
      limit ${limit}
      for update skip locked
    )
    returning ${instances.id} as id, ${instances.service} as service, ${instances.url} as url`);
  return result.rows;
}

export type DueCheck = {
  id: string;
  service: string;
  url: string;
  status: InstanceStatus;
};

/**
 * Claims up to `limit` instances whose last check is older than the interval
 * by stamping `last_check_at`; another replica then sees them as not due, so
 * each instance is checked by one replica per interval. The HTTP check runs
 * after this statement commits, never inside a transaction.
 */
export async function claimDueChecks(
  db: RegistryDb,
  intervalMs: number,
  limit: number,
  since: Date,
): Promise<DueCheck[]> {
  const result = await db.execute<DueCheck>(sql`
    update ${instances} set last_check_at = now()
    where ${instances.id} in (
      select ${instances.id} from ${instances}
      where ${withinLease(since)}
        and (${instances.lastCheckAt} is null
          or ${instances.lastCheckAt} <= now() - make_interval(secs => ${intervalMs / 1_000}))
      order by ${instances.lastCheckAt} asc nulls first
      limit ${limit}
      for update skip locked
    )
    returning ${instances.id} as id, ${instances.service} as service, ${instances.url} as url,
      ${instances.status} as status`);
  return result.rows;
}

/** A good check: up again, failures forgotten. False when the instance is gone meanwhile. */
export async function recordCheckPassed(db: RegistryDb, id: string): Promise<boolean> {
  const rows = await db
    .update(instances)
    .set({ status: 'up', checkFailures: 0, lastCheckError: null, lastCheckAt: sql`now()` })
    .where(eq(instances.id, id))
    .returning({ id: instances.id });
  return rows.length > 0;
}

/** A failed check: one more in the row, and `down` once `threshold` are reached. Returns the new state. */
export async function recordCheckFailed(
  db: RegistryDb,
  id: string,
  error: string,
  threshold: number,
): Promise<{ status: InstanceStatus; checkFailures: number } | undefined> {
  const [row] = await db
    .update(instances)
    .set({
      checkFailures: sql`${instances.checkFailures} + 1`,
      lastCheckError: error.slice(0, 500),
      lastCheckAt: sql`now()`,
      status: sql`case when ${instances.checkFailures} + 1 >= ${threshold} then 'down' else ${instances.status} end`,
    })
    .where(eq(instances.id, id))
    .returning({ status: instances.status, checkFailures: instances.checkFailures });
  return row;
}
