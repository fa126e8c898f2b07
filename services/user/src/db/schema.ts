import { sql } from 'drizzle-orm';
import { check, index, pgSchema, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { userStatuses } from '../domain/user.js';

/**
 * Everything the user service owns lives in the `user` Postgres schema.
 * `user` is a reserved word in SQL: Drizzle and the migrator quote every
 * identifier, but hand-typed SQL must too (`select * from "user".users`).
 */
export const userSchema = pgSchema('user');

/**
 * One row per account. Credentials other than the password (refresh tokens,
 * OAuth identities, API keys) and verification/reset tokens get their own
 * tables in the identity issue, keyed by `user_id`.
 */
export const users = userSchema.table(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Stored lower-cased, so the unique index makes emails unique case-insensitively. */
    email: text('email').notNull(),
    emailVerifiedAt: timestamp('email_verified_at', { withTimezone: true, precision: 3 }),
    /** argon2id PHC string; null for accounts that only ever sign in through an OAuth provider. */
    passwordHash: text('password_hash'),
    name: text('name').notNull(),
    roles: text('roles').array().notNull().default(sql`'{customer}'::text[]`),
    status: text('status', { enum: userStatuses }).notNull().default('active'),
    // Millisecond precision: keyset cursors carry this value through a JS Date exactly.
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('users_email_key').on(t.email),
    check('users_email_lower_case', sql`${t.email} = lower(${t.email})`),
    check('users_status_known', sql`${t.status} in ('active', 'deleted')`),
    index('users_created_at_id_idx').on(t.createdAt, t.id),
    index('users_roles_idx').using('gin', t.roles),
  ],
);
