import { asc, eq, inArray, sql } from 'drizzle-orm';
import type { CategoryRow } from '../domain/category-tree.js';
import type { ProductDb } from './database.js';
import { categories } from './schema.js';

const columns = {
  id: categories.id,
  slug: categories.slug,
  name: categories.name,
  parentId: categories.parentId,
  path: categories.path,
  position: categories.position,
};

export async function listCategories(db: ProductDb): Promise<CategoryRow[]> {
  return db.select(columns).from(categories).orderBy(asc(categories.path));
}

export async function findCategoryBySlug(db: ProductDb, slug: string): Promise<CategoryRow | undefined> {
  const [row] = await db.select(columns).from(categories).where(eq(categories.slug, slug));
  return row;
}

export async function categoryIdsBySlug(db: ProductDb, slugs: string[]): Promise<Map<string, string>> {
  if (slugs.length === 0) return new Map();
  const rows = await db
    .select({ id: categories.id, slug: categories.slug })
    .from(categories)
    .where(inArray(categories.slug, slugs));
  return new Map(rows.map((row) => [row.slug, row.id]));
}

/** The next position among a parent's children, so a new category lands last. */
export async function nextPosition(db: ProductDb, parentId: string | null): Promise<number> {
  const parentIs =
    parentId === null ? sql`${categories.parentId} is null` : eq(categories.parentId, parentId);
  const [row] = await db
    .select({ next: sql<number>`coalesce(max(${categories.position}) + 1, 0)::int` })
    .from(categories)
    .where(parentIs);
  return row?.next ?? 0;
}

export type NewCategory = Omit<CategoryRow, 'id'>;

/** Inserts unless the slug is taken; returns undefined when it was. */
export async function insertCategory(db: ProductDb, category: NewCategory): Promise<CategoryRow | undefined> {
  const [row] = await db.insert(categories).values(category).onConflictDoNothing().returning(columns);
  return row;
}

/** Bulk load for the demo seed: categories whose slug exists are left as they are. */
export async function insertCategoriesIfAbsent(db: ProductDb, rows: NewCategory[]): Promise<number> {
  if (rows.length === 0) return 0;
  const inserted = await db
    .insert(categories)
    .values(rows)
    .onConflictDoNothing()
    .returning({ id: categories.id });
  return inserted.length;
}
