import { and, arrayContains, asc, eq, inArray, ne, sql } from 'drizzle-orm';
import type { CategoryRow } from '../domain/category-tree.js';
import type { ProductExecutor } from './database.js';
import { categories, products } from './schema.js';

const columns = {
  id: categories.id,
  slug: categories.slug,
  name: categories.name,
  parentId: categories.parentId,
  path: categories.path,
  position: categories.position,
};

export async function listCategories(db: ProductExecutor): Promise<CategoryRow[]> {
  return db.select(columns).from(categories).orderBy(asc(categories.path));
}

export async function findCategoryBySlug(
  db: ProductExecutor,
  slug: string,
): Promise<CategoryRow | undefined> {
  const [row] = await db.select(columns).from(categories).where(eq(categories.slug, slug));
  return row;
}

export async function categoryIdsBySlug(db: ProductExecutor, slugs: string[]): Promise<Map<string, string>> {
  if (slugs.length === 0) return new Map();
  const rows = await db
    .select({ id: categories.id, slug: categories.slug })
    .from(categories)
    .where(inArray(categories.slug, slugs));
  return new Map(rows.map((row) => [row.slug, row.id]));
}

/** The next position among a parent's children, so a new category lands last. */
export async function nextPosition(db: ProductExecutor, parentId: string | null): Promise<number> {
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
export async function insertCategory(
  db: ProductExecutor,
  category: NewCategory,
): Promise<CategoryRow | undefined> {
  const [row] = await db.insert(categories).values(category).onConflictDoNothing().returning(columns);
  return row;
}

/** Bulk load for the demo seed: categories whose slug exists are left as they are. */
export async function insertCategoriesIfAbsent(db: ProductExecutor, rows: NewCategory[]): Promise<number> {
  if (rows.length === 0) return 0;
  const inserted = await db
    .insert(categories)
    .values(rows)
    .onConflictDoNothing()
    .returning({ id: categories.id });
  return inserted.length;
}

export async function findCategoryById(db: ProductExecutor, id: string): Promise<CategoryRow | undefined> {
  const [row] = await db.select(columns).from(categories).where(eq(categories.id, id));
  return row;
}

/** Locks the category row for the rest of the transaction: moves and renames of one category take turns. */
export async function lockCategory(tx: ProductExecutor, id: string): Promise<CategoryRow | undefined> {
  const [row] = await tx.select(columns).from(categories).where(eq(categories.id, id)).for('update');
  return row;
}

export async function updateCategory(tx: ProductExecutor, id: string, changes: NewCategory): Promise<void> {
  await tx.update(categories).set(changes).where(eq(categories.id, id));
}

/** Re-roots the paths of a category's descendants after it moved or changed its slug. */
export async function rewriteDescendantPaths(
  tx: ProductExecutor,
  id: string,
  oldPath: string[],
  newPath: string[],
): Promise<void> {
  await tx
    .update(categories)
    .set({
      path: sql`${sql.param(newPath, categories.path)}::text[] || ${categories.path}[${sql.raw(String(oldPath.length + 1))}:]`,
    })
    .where(and(ne(categories.id, id), arrayContains(categories.path, [oldPath.at(-1)!])));
}

/** Products (archived ones aside) in a category or below it: their events name the category path. */
export async function liveProductIdsUnder(tx: ProductExecutor, slug: string): Promise<string[]> {
  const rows = await tx
    .select({ id: products.id })
    .from(products)
    .innerJoin(categories, eq(categories.id, products.categoryId))
    .where(and(arrayContains(categories.path, [slug]), ne(products.status, 'archived')));
  return rows.map((row) => row.id);
}

/** What keeps a category from being deleted: subcategories, or products of any status. */
export async function categoryContents(
  tx: ProductExecutor,
  id: string,
): Promise<{ children: number; products: number }> {
  const [row] = await tx
    .execute<{ children: number; products: number }>(sql`select
    (select count(*)::int from ${categories} where ${categories.parentId} = ${id}) as children,
    (select count(*)::int from ${products} where ${products.categoryId} = ${id}) as products`)
    .then((result) => result.rows);
  return row ?? { children: 0, products: 0 };
}

export async function deleteCategory(tx: ProductExecutor, id: string): Promise<void> {
  await tx.delete(categories).where(eq(categories.id, id));
}
