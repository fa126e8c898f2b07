import { deadLetterTable, inboxTable, outboxTable } from '@emporium/platform/events/event-tables';
import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  index,
  jsonb,
  pgSchema,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { oneTimeTokenPurposes } from '../domain/one-time-token.js';
import { userStatuses } from '../domain/user.js';

/**
 * Everything the user service owns lives in the `user` Postgres schema.
 * `user` is a reserved word in SQL: Drizzle and the migrator quote every
 * identifier, but hand-typed SQL must too (`select * from "user".users`).
 */
export const userSchema = pgSchema('user');

// Millisecond precision everywhere: keyset cursors carry these values through a JS Date exactly.
const at = (name: string) => timestamp(name, { withTimezone: true, precision: 3 });

/** One row per account. Credentials and tokens live in their own tables, keyed by `user_id`. */
export const users = userSchema.table(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Stored lower-cased, so the unique index makes emails unique case-insensitively. */
    email: text('email').notNull(),
    emailVerifiedAt: at('email_verified_at'),
    /** argon2id PHC string; null for accounts that only ever sign in through an OAuth provider. */
    passwordHash: text('password_hash'),
    name: text('name').notNull(),
    roles: text('roles').array().notNull().default(sql`'{customer}'::text[]`),
    status: text('status', { enum: userStatuses }).notNull().default('active'),
    /** BCP 47 tag the notification service writes to this person in. */
    locale: text('locale').notNull().default('en'),
    marketingOptIn: boolean('marketing_opt_in').notNull().default(false),
    createdAt: at('created_at').notNull().defaultNow(),
    updatedAt: at('updated_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('users_email_key').on(t.email),
    check('users_email_lower_case', sql`${t.email} = lower(${t.email})`),
    check('users_status_known', sql`${t.status} in ('active', 'deleted')`),
    index('users_created_at_id_idx').on(t.createdAt, t.id),
    index('users_roles_idx').using('gin', t.roles),
  ],
);

/**
 * Refresh tokens, stored as their SHA-256 only. Each login starts a family;
 * every refresh marks the presented token rotated and adds its successor to
 * the family. Presenting a rotated token again means it leaked: the whole
 * family is revoked.
 */
export const refreshTokens = userSchema.table(
  'refresh_tokens',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    familyId: uuid('family_id').notNull(),
    tokenHash: text('token_hash').notNull(),
    createdAt: at('created_at').notNull().defaultNow(),
    expiresAt: at('expires_at').notNull(),
    rotatedAt: at('rotated_at'),
    revokedAt: at('revoked_at'),
  },
  (t) => [
    uniqueIndex('refresh_tokens_token_hash_key').on(t.tokenHash),
    index('refresh_tokens_family_idx').on(t.familyId),
    index('refresh_tokens_user_idx').on(t.userId),
  ],
);

/** Email verification and password reset tokens: single use, short-lived, stored as their SHA-256. */
export const oneTimeTokens = userSchema.table(
  'one_time_tokens',
  {
    tokenHash: text('token_hash').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    purpose: text('purpose', { enum: oneTimeTokenPurposes }).notNull(),
    createdAt: at('created_at').notNull().defaultNow(),
    expiresAt: at('expires_at').notNull(),
    usedAt: at('used_at'),
  },
  (t) => [
    index('one_time_tokens_user_idx').on(t.userId, t.purpose),
    check('one_time_tokens_purpose_known', sql`${t.purpose} in ('verify_email', 'password_reset')`),
  ],
);

/**
 * The keys access tokens are signed with (EdDSA). The private JWK is stored
 * encrypted (AES-256-GCM under the key-encryption key); the public JWK is
 * published while the key signs, and after `retired_at` until every token it
 * signed has expired.
 */
export const signingKeys = userSchema.table('signing_keys', {
  kid: text('kid').primaryKey(),
  algorithm: text('algorithm').notNull(),
  publicJwk: jsonb('public_jwk').notNull(),
  privateKeyCiphertext: text('private_key_ciphertext').notNull(),
  createdAt: at('created_at').notNull().defaultNow(),
  retiredAt: at('retired_at'),
});

/** Secrets the service generated for itself (development and embedded profiles only). */
export const serviceSecrets = userSchema.table('service_secrets', {
  name: text('name').primaryKey(),
  value: text('value').notNull(),
  createdAt: at('created_at').notNull().defaultNow(),
});

/** Custom roles an admin created; the built-in ones are in platform/src/auth/permissions.ts. */
export const roles = userSchema.table('roles', {
  name: text('name').primaryKey(),
  description: text('description').notNull().default(''),
  permissions: text('permissions').array().notNull(),
  createdAt: at('created_at').notNull().defaultNow(),
  updatedAt: at('updated_at').notNull().defaultNow(),
});

/**
 * API keys for services and partner integrations: `emp_<prefix>_<secret>`.
 * The prefix finds the row; only the SHA-256 of the whole key is stored.
 */
export const apiKeys = userSchema.table(
  'api_keys',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    prefix: text('prefix').notNull(),
    secretHash: text('secret_hash').notNull(),
    scopes: text('scopes').array().notNull(),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: at('created_at').notNull().defaultNow(),
    expiresAt: at('expires_at'),
    revokedAt: at('revoked_at'),
  },
  (t) => [
    uniqueIndex('api_keys_prefix_key').on(t.prefix),
    index('api_keys_created_at_id_idx').on(t.createdAt, t.id),
  ],
);

/** Accounts linked to an external identity provider (Google, GitHub, any OpenID issuer). */
export const oauthIdentities = userSchema.table(
  'oauth_identities',
  {
    provider: text('provider').notNull(),
    subject: text('subject').notNull(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    email: text('email').notNull(),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.provider, t.subject] }), index('oauth_identities_user_idx').on(t.userId)],
);

/**
 * Authorization requests in flight: the PKCE verifier and nonce stay here,
 * server-side, keyed by the SHA-256 of `state`; the browser holds only the
 * state in a SameSite=Lax cookie that binds the callback to it.
 */
export const oauthStates = userSchema.table('oauth_states', {
  stateHash: text('state_hash').primaryKey(),
  provider: text('provider').notNull(),
  codeVerifier: text('code_verifier').notNull(),
  nonce: text('nonce').notNull(),
  createdAt: at('created_at').notNull().defaultNow(),
  expiresAt: at('expires_at').notNull(),
});

/** Events leave through the outbox, written in the same transaction as the account change. */
export const outbox = outboxTable(userSchema);
export const inbox = inboxTable(userSchema);
export const deadLetters = deadLetterTable(userSchema);
