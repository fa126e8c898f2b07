import { sql } from 'drizzle-orm';
import { check, integer, jsonb, pgSchema, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import type { Profile } from '../domain/profiles.js';

/** Everything the config service owns lives in the `config` Postgres schema. */
export const config = pgSchema('config');

/** Every version ever written: history is append-only, the latest version is the live one. */
export const documents = config.table(
  'documents',
  {
    service: text('service').notNull(),
    profile: text('profile').$type<Profile>().notNull(),
    version: integer('version').notNull(),
    content: jsonb('content').$type<Record<string, unknown>>().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    createdBy: text('created_by').notNull(),
    comment: text('comment'),
  },
  (t) => [
    primaryKey({ columns: [t.service, t.profile, t.version] }),
    check('documents_profile_known', sql`${t.profile} in ('development', 'staging', 'production')`),
    check('documents_version_positive', sql`${t.version} > 0`),
  ],
);
