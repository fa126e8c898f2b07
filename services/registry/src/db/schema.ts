import { sql } from 'drizzle-orm';
import {
  check,
  index,
  integer,
  jsonb,
  pgSchema,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { type InstanceMetadata, instanceStatuses } from '../domain/instance.js';

/** Everything the registry owns lives in the `registry` Postgres schema. */
export const registry = pgSchema('registry');

/** One row per live lease; replicas of the registry share this table. */
export const instances = registry.table(
  'instances',
  {
    id: uuid('id').primaryKey(),
    service: text('service').notNull(),
    url: text('url').notNull(),
    metadata: jsonb('metadata').$type<InstanceMetadata>().notNull().default({}),
    status: text('status', { enum: instanceStatuses }).notNull(),
    registeredAt: timestamp('registered_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    lastHeartbeatAt: timestamp('last_heartbeat_at', { withTimezone: true, precision: 3 })
      .notNull()
      .defaultNow(),
    leaseSeconds: integer('lease_seconds').notNull(),
    lastCheckAt: timestamp('last_check_at', { withTimezone: true, precision: 3 }),
    lastCheckError: text('last_check_error'),
    /** Failed health checks in a row; reset by a good one. */
    checkFailures: integer('check_failures').notNull().default(0),
  },
  (t) => [
    // One registration per address: an instance restarting on the same URL replaces its old lease.
    uniqueIndex('instances_service_url_key').on(t.service, t.url),
    index('instances_service_status_idx').on(t.service, t.status),
    check('instances_status_known', sql`${t.status} in ('starting', 'up', 'down')`),
    check('instances_lease_positive', sql`${t.leaseSeconds} > 0`),
  ],
);
