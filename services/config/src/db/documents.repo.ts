import { and, desc, eq, lt, max, or, sql } from 'drizzle-orm';
import { type ConfigDocument, type Settings, splitContent } from '../domain/document.js';
import type { Profile } from '../domain/profiles.js';
import type { ConfigDb } from './database.js';
import { documents } from './schema.js';

type Row = typeof documents.$inferSelect;

export interface DocumentKey {
  service: string;
  profile: Profile;
}

function toDocument(row: Row): ConfigDocument {
  const { settings, runtime } = splitContent(row.content);
  return {
    service: row.service,
    profile: row.profile,
    version: row.version,
    settings,
    runtime,
    createdAt: row.createdAt,
    createdBy: row.createdBy,
    comment: row.comment,
  };
}

const keyIs = (key: DocumentKey) =>
  and(eq(documents.service, key.service), eq(documents.profile, key.profile));

export async function latestDocument(db: ConfigDb, key: DocumentKey): Promise<ConfigDocument | undefined> {
  const [row] = await db.select().from(documents).where(keyIs(key)).orderBy(desc(documents.version)).limit(1);
  return row && toDocument(row);
}

/** The newest version written by `createdBy` (the seeder: what the YAML file said last time). */
export async function latestDocumentBy(
  db: ConfigDb,
  key: DocumentKey,
  createdBy: string,
): Promise<ConfigDocument | undefined> {
  const [row] = await db
    .select()
    .from(documents)
    .where(and(keyIs(key), eq(documents.createdBy, createdBy)))
    .orderBy(desc(documents.version))
    .limit(1);
  return row && toDocument(row);
}

/** Newest first, strictly below `beforeVersion`. */
export async function documentVersions(
  db: ConfigDb,
  key: DocumentKey,
  page: { beforeVersion?: number | undefined; limit: number },
): Promise<ConfigDocument[]> {
  const rows = await db
    .select()
    .from(documents)
    .where(and(keyIs(key), page.beforeVersion ? lt(documents.version, page.beforeVersion) : undefined))
    .orderBy(desc(documents.version))
    .limit(page.limit);
  return rows.map(toDocument);
}

/**
 * Appends the next version, but only if the latest is still `expectedVersion`
 * (0: no document yet). Undefined when it is not, or when a concurrent writer
 * took that version number first: the primary key decides, no lock is held.
 */
export async function appendVersion(
  db: ConfigDb,
  key: DocumentKey,
  document: { content: Settings; createdBy: string; comment: string | null; expectedVersion: number },
): Promise<ConfigDocument | undefined> {
  const next = document.expectedVersion + 1;
  const [row] = await db
    .insert(documents)
    .select(
      db
        .select({
          service: sql`${key.service}`.as('service'),
          profile: sql`${key.profile}`.as('profile'),
          version: sql`${next}::int`.as('version'),
          content: sql`${JSON.stringify(document.content)}::jsonb`.as('content'),
          createdAt: sql`now()`.as('created_at'),
          createdBy: sql`${document.createdBy}`.as('created_by'),
          comment: sql`${document.comment}`.as('comment'),
        })
        .from(documents)
        .where(keyIs(key))
        .having(sql`coalesce(${max(documents.version)}, 0) = ${document.expectedVersion}`),
    )
    .onConflictDoNothing()
    .returning();
  return row && toDocument(row);
}

/** The latest version number of each key that has a document. */
export async function latestVersions(
  db: ConfigDb,
  keys: DocumentKey[],
): Promise<Array<DocumentKey & { version: number }>> {
  if (keys.length === 0) return [];
  const rows = await db
    .select({ service: documents.service, profile: documents.profile, version: max(documents.version) })
    .from(documents)
    .where(or(...keys.map(keyIs)))
    .groupBy(documents.service, documents.profile);
  return rows.map((row) => ({ service: row.service, profile: row.profile, version: row.version ?? 0 }));
}
